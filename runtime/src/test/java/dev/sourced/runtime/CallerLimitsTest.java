package dev.sourced.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.api.Caller;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A caller is recorded on every event its command appends: refuse what no store or message should carry. */
class CallerLimitsTest {
  @Test
  void usualCallers_areAccepted() {
    assertThat(CallerLimits.problem(Caller.iam("arn:aws:sts::123456789012:assumed-role/Admin/alice"))).isNull();
    assertThat(CallerLimits.problem(Caller.jwt("0b1c-42", Map.of("email", "alice@example.com", "cognito:groups", "[admins staff]"))))
        .isNull();
    assertThat(CallerLimits.problem(Caller.ANONYMOUS)).isNull();
    assertThat(CallerLimits.problem(Caller.service("process-manager:order-fulfilment"))).isNull();
  }

  @Test
  void principalAtTheLimit_isAccepted_oneMoreCharacter_isRefused() {
    assertThat(CallerLimits.problem(Caller.iam("p".repeat(Caller.MAX_PRINCIPAL_CHARS)))).isNull();

    assertThat(CallerLimits.problem(Caller.iam("p".repeat(Caller.MAX_PRINCIPAL_CHARS + 1))))
        .isEqualTo("the principal is 2049 characters; at most 2048 are accepted");
  }

  @Test
  void emptyPrincipal_isRefused() {
    assertThat(CallerLimits.problem(Caller.iam(""))).isEqualTo("the principal is missing");
  }

  @Test
  void principalThatIsNotText_isRefused() {
    assertThat(CallerLimits.problem(Caller.jwt("alice\ud800", Map.of())))
        .startsWith("the principal holds a lone surrogate U+D800 at index 5");
    assertThat(CallerLimits.problem(Caller.jwt("alice\uffff", Map.of()))).startsWith("the principal holds the non-character U+FFFF");
  }

  @Test
  void claimValueTooLong_isRefused_namingTheClaim() {
    assertThat(CallerLimits.problem(Caller.jwt("alice", Map.of("email", "e".repeat(Caller.MAX_CLAIM_VALUE_CHARS)))))
        .isNull();

    assertThat(CallerLimits.problem(Caller.jwt("alice", Map.of("email", "e".repeat(Caller.MAX_CLAIM_VALUE_CHARS + 1)))))
        .isEqualTo("claim 'email' is 1025 characters; at most 1024 are accepted");
  }

  @Test
  void claimNameTooLong_orValueNotText_isRefused() {
    assertThat(CallerLimits.problem(Caller.jwt("alice", Map.of("n".repeat(129), "v"))))
        .isEqualTo("a claim name must be 1 to 128 characters; found 129");
    assertThat(CallerLimits.problem(Caller.jwt("alice", Map.of("email", "\udc00")))).startsWith("claim 'email' holds a lone surrogate");
  }

  @Test
  void tooManyClaims_isRefused() {
    Map<String, String> claims = new HashMap<>();
    for (int i = 0; i <= Caller.MAX_CLAIMS; i++) {
      claims.put("c" + i, "v");
    }

    assertThat(CallerLimits.problem(Caller.jwt("alice", claims))).isEqualTo("the caller carries 17 claims; at most 16 are accepted");
  }
}
