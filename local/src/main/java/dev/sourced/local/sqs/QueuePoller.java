package dev.sourced.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Delivers a queue's messages to a handler as Lambda's SQS event source mapping with
 * {@code ReportBatchItemFailures} does: batches of up to N messages; messages the handler reports as
 * failed (or every message, if it throws) are left to become visible again after the visibility
 * timeout, and the queue's redrive policy moves them to the DLQ after maxReceiveCount receives; the
 * others are deleted.
 */
public final class QueuePoller {
  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final int batchSize;
  private final Function<SQSEvent, SQSBatchResponse> handler;

  /** The most messages one receive returns. */
  private static final int MAX_RECEIVE = 10;

  private List<Message> receive(int waitSeconds, int max) {
    return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Math.min(MAX_RECEIVE, max)).waitTimeSeconds(waitSeconds)
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, MessageSystemAttributeName.SENT_TIMESTAMP))
        .messages();
  }

  /** @return a queue's ARN on the local cloud (its account and region), by the queue's name */
  public static String queueArn(String queueName) {
    return "arn:aws:sqs:us-east-1:000000000000:" + queueName;
  }

  public QueuePoller(SqsClient sqs, String queueUrl, int batchSize, Function<SQSEvent, SQSBatchResponse> handler) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = queueArn(queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
    this.batchSize = batchSize;
    this.handler = handler;
  }

  /**
   * Receives one batch (waiting up to {@code waitSeconds}) and delivers it.
   *
   * @return how many messages were received
   */
  public int pollOnce(int waitSeconds) {
    List<Message> messages = new ArrayList<>(receive(waitSeconds, batchSize));
    if (messages.isEmpty()) {
      return 0;
    }
    // a batch larger than one receive (SQS's 10) is gathered, as Lambda's batching window does, until it is full
    // or the queue has no more for now
    while (messages.size() < batchSize && messages.size() % MAX_RECEIVE == 0) {
      List<Message> more = receive(0, batchSize - messages.size());
      if (more.isEmpty()) {
        break;
      }
      messages.addAll(more);
    }
    SQSEvent event = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message message : messages) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(message.messageId());
      record.setReceiptHandle(message.receiptHandle());
      record.setBody(message.body());
      Map<String, String> attributes = new HashMap<>();
      message.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
      record.setAttributes(attributes);
      record.setEventSource("aws:sqs");
      record.setEventSourceArn(queueArn);
      record.setAwsRegion("us-east-1");
      records.add(record);
    }
    event.setRecords(records);
    Set<String> failed = new HashSet<>();
    try {
      SQSBatchResponse response = handler.apply(event);
      if (response != null && response.getBatchItemFailures() != null) {
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
      }
    } catch (RuntimeException | Error e) { // a function error, whatever it threw: the whole batch is retried
      messages.forEach(m -> failed.add(m.messageId()));
    }
    List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
    for (Message message : messages) {
      if (!failed.contains(message.messageId())) {
        deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(deletes.size())).receiptHandle(message.receiptHandle()).build());
      }
    }
    for (int from = 0; from < deletes.size(); from += MAX_RECEIVE) {
      List<DeleteMessageBatchRequestEntry> chunk = deletes.subList(from, Math.min(deletes.size(), from + MAX_RECEIVE));
      sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk));
    }
    return messages.size();
  }
}
