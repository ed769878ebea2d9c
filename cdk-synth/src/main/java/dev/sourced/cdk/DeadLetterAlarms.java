package dev.sourced.cdk;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * An SNS topic (TLS only) and, per dead-letter queue, an alarm that fires when a message is waiting
 * in it (maximum visible messages ≥ 1 over a minute). Subscribe on-call to the topic.
 */
public final class DeadLetterAlarms extends Construct {
  private final Topic topic;
  private final List<Alarm> alarms = new ArrayList<>();

  public DeadLetterAlarms(Construct scope, String id) {
    super(scope, id);
    this.topic = Topic.Builder.create(this, "Topic").displayName("Sourced dead letters").enforceSsl(true).build();
  }

  /** Adds an alarm on a dead-letter queue. */
  public Alarm watch(String id, IQueue deadLetterQueue, String what) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .alarmDescription("Messages wait in the dead-letter queue of " + what + "; see docs/deploy.md for redrive")
        .metric(deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
            .period(Duration.minutes(1)).statistic("Maximum").build()))
        .threshold(1)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
    alarm.addAlarmAction(new SnsAction(topic));
    alarms.add(alarm);
    return alarm;
  }

  public Topic topic() {
    return topic;
  }

  public List<Alarm> alarms() {
    return List.copyOf(alarms);
  }
}
