package dev.sourced.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sourced.api.Caller;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caller comes from the authorizer's part of the request context, as API Gateway passes it; never from a header. */
class RequestCallerTest {
  private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

  private static APIGatewayV2HTTPEvent request(APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer, Map<String, String> headers) {
    return APIGatewayV2HTTPEvent.builder().withHeaders(headers)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withAuthorizer(authorizer).build()).build();
  }

  private static APIGatewayV2HTTPEvent.RequestContext.Authorizer iam(String userArn, String callerId) {
    APIGatewayV2HTTPEvent.RequestContext.IAM iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
    iam.setUserArn(userArn);
    iam.setCallerId(callerId);
    iam.setAccountId("123456789012");
    return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withIam(iam).build();
  }

  private static APIGatewayV2HTTPEvent.RequestContext.Authorizer jwt(Map<String, String> claims) {
    return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
        .withJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, List.of("openid"))).build();
  }

  @Test
  void iamAuthorizedRequest_isTheSignersArn_withoutClaims() {
    RequestCaller caller = RequestCaller.of(request(iam(ALICE, "AIDAEXAMPLE"), Map.of()), List.of("email"));

    assertThat(caller.problem()).isNull();
    assertThat(caller.caller()).isEqualTo(new Caller(ALICE, Caller.Kind.IAM, Map.of()));
  }

  @Test
  void iamContextWithoutUserArn_fallsBackToTheCallerId() {
    assertThat(RequestCaller.of(request(iam(null, "AIDAEXAMPLE"), Map.of()), List.of()).caller().principal()).isEqualTo("AIDAEXAMPLE");
  }

  @Test
  void jwtAuthorizedRequest_isItsSubject_withOnlyTheClaimsTheHandlerAskedFor() {
    RequestCaller caller = RequestCaller.of(request(jwt(Map.of("sub", "0b1c-42", "email", "alice@example.com",
        "cognito:groups", "[admins]", "iss", "https://auth.example.com/")), Map.of()), List.of("email", "phone_number"));

    assertThat(caller.caller()).isEqualTo(Caller.jwt("0b1c-42", Map.of("email", "alice@example.com")));
    assertThat(caller.caller().kind()).isEqualTo(Caller.Kind.JWT);
  }

  @Test
  void aTokenPassingForAProcessManager_isRefused() {
    // events record the principal without its kind: a view could not tell this user from the process manager
    RequestCaller caller = RequestCaller.of(request(jwt(Map.of("sub", "process-manager:checkout")), Map.of()), List.of());

    assertThat(caller.caller()).isNull();
    assertThat(caller.problem()).isEqualTo("the caller's identity cannot be recorded: principals beginning 'process-manager:'"
        + " are the process managers' own");
    // nor for a request without authorization
    assertThat(RequestCaller.of(request(jwt(Map.of("sub", "anonymous")), Map.of()), List.of()).problem())
        .isEqualTo("the caller's identity cannot be recorded: the principal 'anonymous' is a request's without authorization");
  }

  @Test
  void jwtWithoutSubject_isRefused() {
    RequestCaller caller = RequestCaller.of(request(jwt(Map.of("email", "alice@example.com")), Map.of()), List.of());

    assertThat(caller.caller()).isNull();
    assertThat(caller.problem()).isEqualTo("the caller's identity cannot be recorded: the JWT has no 'sub' claim");
  }

  @Test
  void claimBeyondTheLimit_isRefused_notTruncated() {
    RequestCaller caller = RequestCaller.of(request(jwt(Map.of("sub", "alice", "email", "e".repeat(5000))), Map.of()),
        List.of("email"));

    assertThat(caller.caller()).isNull();
    assertThat(caller.problem()).contains("claim 'email' is 5000 characters; at most 1024 are accepted");
  }

  @Test
  void oversizedClaimTheHandlerDidNotAskFor_isIgnored() {
    RequestCaller caller = RequestCaller.of(request(jwt(Map.of("sub", "alice", "blob", "b".repeat(100_000))), Map.of()),
        List.of("email"));

    assertThat(caller.caller()).isEqualTo(Caller.jwt("alice", Map.of()));
  }

  @Test
  void noAuthorizer_isAnonymous_whateverTheHeadersSay() {
    RequestCaller caller = RequestCaller.of(request(null, Map.of("x-sourced-local-principal", ALICE,
        "x-sourced-local-jwt", "{\"sub\":\"alice\"}", "authorization", "Bearer forged")), List.of());

    assertThat(caller.caller()).isSameAs(Caller.ANONYMOUS);
  }
}
