package dev.sourced.runtime.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** What the publisher does with a record it cannot publish, against a bus that answers per entry as EventBridge does. */
class EventPublisherIsolationTest {

  /** A bus that accepts every entry unless {@code answer} gives it an error code; it keeps what it accepted. */
  private static final class Bus implements EventBridgeClient {
    final List<PutEventsRequestEntry> accepted = new ArrayList<>();
    Function<PutEventsRequestEntry, String> answer = entry -> null;
    boolean unreachable;
    String refuseRequestsWith;

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
      if (unreachable) {
        throw SdkClientException.create("connect timed out");
      }
      if (refuseRequestsWith != null && request.entries().stream().anyMatch(e -> e.detail().contains(refuseRequestsWith))) {
        throw EventBridgeException.builder().statusCode(400).message("refused")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage("refused").build()).build();
      }
      List<PutEventsResultEntry> results = new ArrayList<>();
      int failed = 0;
      for (PutEventsRequestEntry entry : request.entries()) {
        String error = answer.apply(entry);
        if (error == null) {
          accepted.add(entry);
          results.add(PutEventsResultEntry.builder().eventId("id").build());
        } else {
          failed++;
          results.add(PutEventsResultEntry.builder().errorCode(error).errorMessage("refused").build());
        }
      }
      return PutEventsResponse.builder().entries(results).failedEntryCount(failed).build();
    }

    @Override
    public String serviceName() {
      return "EventBridge";
    }

    @Override
    public void close() { }

    List<Long> versions() {
      return accepted.stream().map(e -> Long.parseLong(e.detail().replaceAll(".*\"version\":(\\d+).*", "$1"))).toList();
    }
  }

  private static DynamodbEvent batch(String streamId, int events) {
    List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
    for (int i = 1; i <= events; i++) {
      Map<String, AttributeValue> image = new HashMap<>();
      image.put("streamId", new AttributeValue().withS(streamId));
      image.put("version", new AttributeValue().withN(Integer.toString(i)));
      image.put("kind", new AttributeValue().withS("event"));
      image.put("type", new AttributeValue().withS("Deposited"));
      image.put("revision", new AttributeValue().withN("1"));
      image.put("data", new AttributeValue().withS("{\"cents\":" + i + "}"));
      image.put("eventId", new AttributeValue().withS(streamId + "@" + i));
      image.put("timestamp", new AttributeValue().withS("2026-11-30T10:00:00Z"));
      image.put("meta", new AttributeValue().withM(Map.of("correlationId", new AttributeValue().withS("corr-" + i))));
      DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
      record.setEventName("INSERT");
      StreamRecord stream = new StreamRecord();
      stream.setSequenceNumber(String.format("seq-%03d", i));
      stream.setNewImage(image);
      record.setDynamodb(stream);
      records.add(record);
    }
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(records);
    return event;
  }

  private static List<String> retried(StreamsEventResponse response) {
    return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  @Test
  void entryRefusedForWhatItHolds_isPublishedAsAReference_andNothingIsRetried() {
    Bus bus = new Bus();
    bus.answer = entry -> entry.detail().contains("\"cents\":3") ? "MalformedDetail" : null;
    List<String> lines = new ArrayList<>();
    EventPublisher publisher = new EventPublisher(bus, "bus", "bank", lines::add);

    StreamsEventResponse response = publisher.publish(batch("account#a", 5));

    assertThat(retried(response)).isEmpty();
    assertThat(bus.versions()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    String reference = bus.accepted.stream().filter(e -> e.detail().contains("\"version\":3,")).findFirst().orElseThrow().detail();
    assertThat(reference).contains("\"dataOmitted\":true", "\"eventId\":\"account#a@3\"").doesNotContain("\"data\"", "metadata");
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"level\":\"WARN\"", "\"streamId\":\"account#a\"",
        "\"version\":3", "\"eventId\":\"account#a@3\"", "\"errorCode\":\"MalformedDetail\""));
  }

  @Test
  void unpublishableRecord_isReportedAlone_everyOtherRecordIsPublished_andARetryPublishesNothingTwice() {
    Bus bus = new Bus();
    bus.answer = entry -> entry.detail().contains("\"version\":3,") ? "MalformedDetail" : null;
    List<String> lines = new ArrayList<>();
    EventPublisher publisher = new EventPublisher(bus, "bus", "bank", lines::add);
    DynamodbEvent batch = batch("account#a", 6);

    StreamsEventResponse response = publisher.publish(batch);

    assertThat(retried(response)).containsExactly("seq-003");
    assertThat(bus.versions()).containsExactly(1L, 2L, 4L, 5L, 6L); // the same stream's later events too
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"level\":\"ERROR\"", "\"version\":3",
        "\"sequenceNumber\":\"seq-003\"", "given up to the publisher's failure queue"));

    // the stream mapping retries from seq-003: only the unpublishable record is tried again
    DynamodbEvent retry = new DynamodbEvent();
    retry.setRecords(batch.getRecords().subList(2, 6));
    assertThat(retried(publisher.publish(retry))).containsExactly("seq-003");
    assertThat(bus.versions()).containsExactly(1L, 2L, 4L, 5L, 6L);
  }

  @Test
  void passingFailure_isRetriedFromTheFirstRecordItHit_withEveryLaterOne() {
    Bus bus = new Bus();
    bus.answer = entry -> entry.detail().contains("\"version\":4,") ? "ThrottlingException" : null;
    EventPublisher publisher = new EventPublisher(bus, "bus", "bank", line -> { });

    assertThat(retried(publisher.publish(batch("account#a", 6)))).containsExactly("seq-004", "seq-005", "seq-006");

    bus.unreachable = true;
    assertThat(retried(publisher.publish(batch("account#b", 2)))).containsExactly("seq-001", "seq-002");
  }

  @Test
  void requestRefusedWithA4xx_isSentAgainEntryByEntry_soOnlyTheEntryThatCausedItIsIsolated() {
    Bus bus = new Bus();
    bus.refuseRequestsWith = "\"cents\":2}";
    EventPublisher publisher = new EventPublisher(bus, "bus", "bank", line -> { });

    assertThat(retried(publisher.publish(batch("account#a", 4)))).isEmpty();
    assertThat(bus.versions()).containsExactly(1L, 3L, 4L, 2L); // version 2 as a reference, after the others
    assertThat(bus.accepted.get(3).detail()).contains("\"dataOmitted\":true");
  }

  @Test
  void recordThatIsNoReadableEvent_isReportedAlone() {
    Bus bus = new Bus();
    EventPublisher publisher = new EventPublisher(bus, "bus", "bank", line -> { });
    DynamodbEvent batch = batch("account#a", 3);
    batch.getRecords().get(1).getDynamodb().getNewImage().remove("timestamp");

    assertThat(retried(publisher.publish(batch))).containsExactly("seq-002");
    assertThat(bus.versions()).containsExactly(1L, 3L);
  }

  @Test
  void theItemsOfUniqueValues_whateverTheirChange_areNotEvents_andAreSkipped() {
    Bus bus = new Bus();
    EventPublisher publisher = new EventPublisher(bus, "bus", "bank", line -> { });
    DynamodbEvent batch = batch("customer#c1", 2);
    List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(batch.getRecords());
    // a claim's reservation and record (INSERT), a move's record (MODIFY) and a release's deletes (REMOVE, no new image)
    records.add(1, uniqueItem("INSERT", "unique#customer#email#ann@example.com", "unique", "seq-101"));
    records.add(2, uniqueItem("INSERT", "unique-owner#customer#c1#email", "unique-owner", "seq-102"));
    records.add(uniqueItem("MODIFY", "unique-owner#customer#c1#email", "unique-owner", "seq-103"));
    DynamodbEvent.DynamodbStreamRecord removed = uniqueItem("REMOVE", "unique#customer#email#ann@example.com", "unique", "seq-104");
    removed.getDynamodb().setNewImage(null);
    records.add(removed);
    batch.setRecords(records);

    assertThat(retried(publisher.publish(batch))).isEmpty();
    assertThat(bus.versions()).containsExactly(1L, 2L);
  }

  private static DynamodbEvent.DynamodbStreamRecord uniqueItem(String change, String key, String kind, String sequence) {
    Map<String, AttributeValue> image = new HashMap<>();
    image.put("streamId", new AttributeValue().withS(key));
    image.put("version", new AttributeValue().withN("0"));
    image.put("kind", new AttributeValue().withS(kind));
    image.put(kind.equals("unique") ? "owner" : "value", new AttributeValue().withS(kind.equals("unique") ? "customer#c1" : "ann@example.com"));
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventName(change);
    StreamRecord stream = new StreamRecord();
    stream.setSequenceNumber(sequence);
    stream.setNewImage(image);
    record.setDynamodb(stream);
    return record;
  }
}
