package dev.sourced.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The alarms that say a Sourced app needs someone, and the SNS topic they notify (TLS only, CloudWatch of
 * this account allowed to publish; or a topic given in {@link AlarmsProps}). Subscribe on-call to the topic.
 *
 * <table>
 *   <tr><th>alarm</th><th>fires when (statistic over period)</th><th>means</th></tr>
 *   <tr><td>{@link #deadLetters}</td><td>a message is visible in a dead-letter or failure queue (maximum over 1 min ≥ 1)</td>
 *       <td>an event a projection could not apply, or stream records the publisher gave up on; see docs/deploy.md for redrive</td></tr>
 *   <tr><td>{@link #oldestMessage}</td><td>a projection queue's oldest message is {@value #OLDEST_MESSAGE_SECONDS} s old (maximum over 1 min)</td>
 *       <td>the projection falls behind or is stuck: queries see old views</td></tr>
 *   <tr><td>{@link #iteratorAge}</td><td>the publisher's stream iterator age reaches {@value #ITERATOR_AGE_SECONDS} s (maximum over 5 min)</td>
 *       <td>publishing falls behind; records older than 6 h are given up on, so act within hours</td></tr>
 *   <tr><td>{@link #errorsAndThrottles}</td><td>a function errs or is throttled (sum over 5 min ≥ 1), one alarm each</td>
 *       <td>an unexpected failure (its log has the cause) or too little concurrency</td></tr>
 *   <tr><td>{@link #failedExecutions}</td><td>a replay workflow's execution fails (sum over 5 min ≥ 1)</td>
 *       <td>a projection version stays REPLAYING and queries keep its previous version; see docs/replay.md</td></tr>
 *   <tr><td>{@link #serverErrors}</td><td>the HTTP API answers 5xx (sum over 5 min ≥ 1)</td><td>requests fail</td></tr>
 * </table>
 *
 * Each alarm is a standard CloudWatch alarm, billed per alarm and month; none needs traffic to be evaluated
 * (missing data does not breach).
 */
public final class Alarms extends Construct {
  /** A projection message this old means the projection falls behind: five minutes. */
  public static final int OLDEST_MESSAGE_SECONDS = 300;
  /** A stream record this old when published means the publisher falls behind: one hour (records are given up on at six). */
  public static final int ITERATOR_AGE_SECONDS = 3600;

  private final ITopic topic;
  private final List<Alarm> alarms = new ArrayList<>();

  /** Alarms notifying a new topic. */
  public Alarms(Construct scope, String id) {
    this(scope, id, AlarmsProps.builder().build());
  }

  public Alarms(Construct scope, String id, AlarmsProps props) {
    super(scope, id);
    if (props.getTopic() != null) {
      this.topic = props.getTopic();
    } else {
      Topic created = Topic.Builder.create(this, "Topic").displayName("Sourced alarms").enforceSsl(true).build();
      // enforceSsl gives the topic a policy of its own, which replaces the default one: allow this account's alarms to publish
      created.addToResourcePolicy(PolicyStatement.Builder.create()
          .sid("CloudWatchAlarmsPublish")
          .effect(Effect.ALLOW)
          .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
          .actions(List.of("sns:Publish"))
          .resources(List.of(created.getTopicArn()))
          .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
          .build());
      Nag.suppress(created, "AwsSolutions-SNS2",
          "alarm notifications carry no application data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, "
              + "and a customer-managed key would cost money while the app is idle");
      this.topic = created;
    }
  }

  /** Adds an alarm on a dead-letter (or failure) queue: a message waits in it. */
  public Alarm deadLetters(String id, IQueue deadLetterQueue, String what) {
    return alarm(id, "Messages wait in the dead-letter queue of " + what + "; see docs/deploy.md for redrive",
        deadLetterQueue.metricApproximateNumberOfMessagesVisible(maximumOver(Duration.minutes(1))), 1);
  }

  /** Adds an alarm on the age of a queue's oldest message. */
  public Alarm oldestMessage(String id, IQueue queue, String what) {
    return alarm(id, "The oldest message of " + what + " is " + OLDEST_MESSAGE_SECONDS + " s old: it falls behind or is stuck",
        queue.metricApproximateAgeOfOldestMessage(maximumOver(Duration.minutes(1))), OLDEST_MESSAGE_SECONDS);
  }

  /** Adds an alarm on a stream consumer's iterator age. */
  public Alarm iteratorAge(String id, IFunction function, String what) {
    return alarm(id, what + " publishes stream records " + ITERATOR_AGE_SECONDS + " s after they were written; records older than "
        + "6 h are given up on", function.metric("IteratorAge", maximumOver(Duration.minutes(5))), ITERATOR_AGE_SECONDS);
  }

  /** Adds two alarms on a function: errors and throttles. */
  public List<Alarm> errorsAndThrottles(String id, IFunction function, String what) {
    MetricOptions sum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
    return List.of(
        alarm(id + "Errors", what + " failed: its log has the cause", function.metricErrors(sum), 1),
        alarm(id + "Throttles", what + " was throttled: raise its account's or its own concurrency", function.metricThrottles(sum), 1));
  }

  /** Adds an alarm on a state machine's failed, timed-out or aborted executions. */
  public Alarm failedExecutions(String id, IStateMachine stateMachine, String what) {
    MetricOptions sum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
    return alarm(id, what + " failed: its execution history has the cause; see docs/replay.md", stateMachine.metricFailed(sum), 1);
  }

  /** Adds an alarm on an HTTP API's 5xx answers. */
  public Alarm serverErrors(String id, HttpApi api) {
    return alarm(id, "The HTTP API answered 5xx", api.metricServerError(MetricOptions.builder()
        .period(Duration.minutes(5)).statistic("Sum").build()), 1);
  }

  private static MetricOptions maximumOver(Duration period) {
    return MetricOptions.builder().period(period).statistic("Maximum").build();
  }

  private Alarm alarm(String id, String description, IMetric metric, Number threshold) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .alarmDescription(description)
        .metric(metric)
        .threshold(threshold)
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
