package dev.sourced.local.sqs;

import dev.sourced.deployment.QueueSpec;
import dev.sourced.local.LocalClients;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
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
    // loopback HTTP: the SDK's MD5 check of every message body costs CPU the local cloud needs, and guards nothing here
    this.client = LocalClients.pointedAt(SqsClient.builder().checksumValidationEnabled(false), endpoint).build();
  }

  /** @return a running instance */
  public static LocalSqs start() {
    // ElasticMQ's HTTP server (pekko-http, configured from system properties over its reference.conf, read when its
    // actor system starts) takes 1,024 connections and a backlog of 100 by default: each queue's poller holds one
    // during its long poll, and an application of a thousand projections has a thousand of them. A value set before stays
    System.getProperties().putIfAbsent("pekko.http.server.max-connections", "16384");
    System.getProperties().putIfAbsent("pekko.http.server.backlog", "1024");
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
   * Creates a queue of the deployment description, unless it exists: its retention, visibility timeout and
   * redrive to its dead-letter queue (created before it), as the CDK stack declares them.
   *
   * @param queue the queue
   * @param visibilityTimeout how long a received message stays invisible; the description's unless a test shortens it
   * @return the queue's URL
   */
  public String createQueue(QueueSpec queue, Duration visibilityTimeout) {
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(queue.retention().toSeconds()));
    attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()));
    if (queue.deadLetterQueue() != null) {
      attributes.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(queueUrl(queue.deadLetterQueue()), queue.maxReceiveCount()));
    }
    return client.createQueue(r -> r.queueName(queue.name()).attributes(attributes)).queueUrl();
  }

  /**
   * Creates a queue with a dead-letter queue.
   *
   * @param name the queue
   * @param deadLetterQueue the DLQ
   * @param maxReceiveCount receives before a message moves to the DLQ
   * @param visibilityTimeoutSeconds how long a received message stays invisible
   * @return the queue's URL
   */
  public String createQueueWithDeadLetterQueue(String name, String deadLetterQueue, int maxReceiveCount, int visibilityTimeoutSeconds) {
    String dlqUrl = client.createQueue(r -> r.queueName(deadLetterQueue)).queueUrl();
    return client.createQueue(r -> r.queueName(name).attributes(Map.of(
        QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlqUrl, maxReceiveCount),
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))).queueUrl();
  }

  private String redrivePolicy(String deadLetterQueueUrl, int maxReceiveCount) {
    String dlqArn = client.getQueueAttributes(r -> r.queueUrl(deadLetterQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    return "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
  }

  /** @return the URL of a queue */
  public String queueUrl(String name) {
    return client.getQueueUrl(r -> r.queueName(name)).queueUrl();
  }

  /** @return approximately how many messages wait in a queue (visible, in flight and delayed) */
  public int depth(String queueUrl) {
    Map<QueueAttributeName, String> attributes = client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        + Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
