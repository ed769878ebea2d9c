package dev.sourced.local.testkit;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;

/** Builds the SQS batches a projection Lambda receives, for tests that drive a projection engine directly. */
public final class Deliveries {
  private Deliveries() {}

  /**
   * @param events stored events, in the order they are delivered (duplicates allowed)
   * @return one SQS batch whose messages carry the events' EventBridge envelopes; message ids are
   *     {@code <streamId>@<version>}, suffixed with {@code #n} for repeats so each id is unique
   */
  public static SQSEvent sqsBatch(List<StoredEvent> events) {
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (StoredEvent event : events) {
      String id = event.streamId() + "@" + event.version();
      int repeat = seen.merge(id, 1, Integer::sum);
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId(repeat == 1 ? id : id + "#" + repeat);
      message.setBody(EventEnvelope.detail(event, true));
      messages.add(message);
    }
    SQSEvent batch = new SQSEvent();
    batch.setRecords(messages);
    return batch;
  }

  /**
   * @param streams each stream's events, in version order, as one run each
   * @return one SQS batch as a replay queue delivers it: one replay message per run ({@link EventEnvelope#replayMessage}), message ids
   *     {@code run:<streamId>@<first version>}
   */
  public static SQSEvent replayBatch(List<List<StoredEvent>> streams) {
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (List<StoredEvent> run : streams) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("run:" + run.get(0).streamId() + "@" + run.get(0).version());
      message.setBody(EventEnvelope.replayMessage(run.stream().map(e -> EventEnvelope.detail(e, true)).toList()));
      messages.add(message);
    }
    SQSEvent batch = new SQSEvent();
    batch.setRecords(messages);
    return batch;
  }
}
