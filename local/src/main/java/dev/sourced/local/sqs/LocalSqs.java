package dev.sourced.local.sqs;

import dev.sourced.local.LocalClients;
import dev.sourced.runtime.topology.Topology;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in this JVM on a free loopback port, spoken to with the real SDK SQS client. */
public final class LocalSqs implements AutoCloseable {
  private final SQSRestServer server;
  private final URI endpoint;
  private final SqsClient client;

  private LocalSqs(SQSRestServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.client = LocalClients.pointedAt(SqsClient.builder(), endpoint).build();
  }

  /** @return a running instance */
  public static LocalSqs start() {
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    return new LocalSqs(server, port);
  }

  /** @return its endpoint */
  public URI endpoint() {
    return endpoint;
  }

  /** @return a shared client */
  public SqsClient client() {
    return client;
  }

  /**
   * Creates a queue with a dead-letter queue, as the CDK stack declares them.
   *
   * @param name the queue
   * @param deadLetterQueue the DLQ
   * @param maxReceiveCount receives before a message moves to the DLQ
   * @param visibilityTimeoutSeconds how long a received message stays invisible
   * @return the queue's URL
   */
  public String createQueueWithDeadLetterQueue(String name, String deadLetterQueue, int maxReceiveCount, int visibilityTimeoutSeconds) {
    String dlqUrl = client.createQueue(r -> r.queueName(deadLetterQueue)).queueUrl();
    String dlqArn = client.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    return client.createQueue(r -> r.queueName(name).attributes(Map.of(
        QueueAttributeName.REDRIVE_POLICY, redrive,
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))).queueUrl();
  }

  /** Creates a projection's queue and DLQ from the topology; returns the queue URL. */
  public String createQueues(Topology.ProjectionPipeline pipeline, int visibilityTimeoutSeconds) {
    return createQueueWithDeadLetterQueue(pipeline.queue(), pipeline.deadLetterQueue(), Topology.MAX_RECEIVE_COUNT,
        visibilityTimeoutSeconds);
  }

  /** @return the URL of a queue */
  public String queueUrl(String name) {
    return client.getQueueUrl(r -> r.queueName(name)).queueUrl();
  }

  /** @return approximately how many messages wait in a queue (visible plus in flight) */
  public int depth(String queueUrl) {
    Map<QueueAttributeName, String> attributes = client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
