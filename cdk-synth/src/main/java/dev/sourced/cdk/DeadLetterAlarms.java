package dev.sourced.cdk;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * An SNS topic (TLS only; or one given in {@link DeadLetterAlarmsProps}) and, per dead-letter queue, an alarm that fires when a message is waiting
 * in it (maximum visible messages ≥ 1 over a minute). Subscribe on-call to the topic.
 */
public final class DeadLetterAlarms extends Construct {
  private final ITopic topic;
  private final List<Alarm> alarms = new ArrayList<>();

  /** Alarms notifying a new topic. */
  public DeadLetterAlarms(Construct scope, String id) {
    this(scope, id, DeadLetterAlarmsProps.builder().build());
  }

  public DeadLetterAlarms(Construct scope, String id, DeadLetterAlarmsProps props) {
    super(scope, id);
    if (props.getTopic() != null) {
      this.topic = props.getTopic();
    } else {
      Topic created = Topic.Builder.create(this, "Topic").displayName("Sourced dead letters").enforceSsl(true).build();
      Nag.suppress(created, "AwsSolutions-SNS2",
          "alarm notifications carry no application data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, "
              + "and a customer-managed key would cost money while the app is idle");
      this.topic = created;
    }
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

  /** @return the topic the alarms notify */
  public ITopic topic() {
    return topic;
  }

  public List<Alarm> alarms() {
    return List.copyOf(alarms);
  }
}
