package dev.sourced.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.ProcessStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a process step may hold: checked when it is built, where the handler's stack trace points at the mistake. */
class ProcessStepTest {
  record Flow(String id) {}

  @Test
  void aStepThatEndsItsInstance_setsNoDeadline_whichWouldEndWithIt() {
    assertThatThrownBy(() -> ProcessStep.<Flow>end().schedule("expiry", Duration.ofMinutes(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a step that ends its instance sets no deadline: the instance's deadlines end with it; found"
            + " schedule(\"expiry\") on ProcessStep.end() or ProcessStep.of(null)");
    assertThatThrownBy(() -> ProcessStep.<Flow>of(null).schedule("expiry", Duration.ofMinutes(5)))
        .isInstanceOf(IllegalStateException.class);
    // ending and cancelling is fine: the cancel changes nothing
    assertThat(ProcessStep.<Flow>end().cancel("expiry").state()).isNull();
  }

  @Test
  void aStepThatGoesOn_setsDeadlines_namedAndTimedAsTheSchedulerTakesThem() {
    ProcessStep<Flow> step = ProcessStep.of(new Flow("f1")).schedule("expiry", Duration.ofMinutes(5))
        .schedule("expiry", Duration.ofMinutes(10));

    assertThat(step.deadlines()).containsExactly(new ProcessStep.Deadline("expiry", Duration.ofMinutes(10)));
    assertThatThrownBy(() -> step.schedule("Expiry", Duration.ofMinutes(1))).hasMessageContaining("lower-case kebab case");
    assertThatThrownBy(() -> step.schedule("expiry", Duration.ZERO)).hasMessageContaining("1 second to 366 days");
  }
}
