package dev.sourced.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.EventMetadata;
import dev.sourced.local.testkit.bank.Balance;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.Withdrawn;
import dev.sourced.runtime.EventTooLargeException;
import dev.sourced.runtime.InvalidCommandException;
import dev.sourced.runtime.UniqueValueTakenException;
import dev.sourced.runtime.UnpublishableEventException;
import dev.sourced.runtime.process.Deadlines;
import dev.sourced.runtime.process.ProcessRunner;
import dev.sourced.runtime.process.Rejections;
import dev.sourced.runtime.store.TransientStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a process manager makes of its command's refusal: one that sending it again would meet again is a rejection, for
 * its rejection handler (here none: logged, and the workflow goes on); anything else fails the step, to be retried.
 */
class ProcessRunnerRejectionsTest {
  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("unique-value-taken", (Supplier<RuntimeException>) () -> new UniqueValueTakenException("account", "email")),
        Arguments.of("invalid-command", (Supplier<RuntimeException>) () -> new InvalidCommandException("Deposit", "$.accountId",
            "is 2100 bytes in UTF-8")),
        Arguments.of("event-too-large", (Supplier<RuntimeException>) () -> new EventTooLargeException("Deposited", 500_000, 409_600)),
        Arguments.of("unpublishable-event", (Supplier<RuntimeException>) () -> new UnpublishableEventException("Deposited",
            "$.accountId", "is too long", "x")));
  }

  private static EventMetadata metadata(String account) {
    return new EventMetadata("account#" + account, 2, UUID.randomUUID().toString(), "Withdrawn", Instant.now(), "c", "corr",
        null, "ann");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aRefusalSendingAgainWouldMeetAgain_isARejection(String code, Supplier<RuntimeException> refusal) {
    ProcessManagerEngineTest.Sweep sweep = new ProcessManagerEngineTest.Sweep();
    List<String> log = new ArrayList<>();
    ProcessRunner<Balance> runner = new ProcessRunner<>(ProcessManagerEngineTest.definition(sweep), sweep,
        (command, options) -> {
          throw refusal.get();
        }, Rejections.inMemory(), Deadlines.NONE, log::add);

    var instance = runner.onEvent(new Withdrawn("a1", 10), metadata("a1"), null);

    assertThat(sweep.rejected).containsExactly(Deposit.class);
    assertThat(log).anyMatch(line -> line.contains("no @RejectionHandler") && line.contains("\"code\":\"" + code + "\""));
    assertThat(instance.state().cents()).isEqualTo(10); // the step went on
  }

  @Test
  void anyOtherFailure_failsTheStep_forItsEventToBeRetried() {
    ProcessManagerEngineTest.Sweep sweep = new ProcessManagerEngineTest.Sweep();
    ProcessRunner<Balance> runner = new ProcessRunner<>(ProcessManagerEngineTest.definition(sweep), sweep,
        (command, options) -> {
          throw new TransientStoreException("throttled", null);
        }, Rejections.inMemory(), Deadlines.NONE, line -> { });

    assertThatThrownBy(() -> runner.onEvent(new Withdrawn("a2", 10), metadata("a2"), null))
        .isInstanceOf(TransientStoreException.class);
    assertThat(sweep.rejected).isEmpty();
  }
}
