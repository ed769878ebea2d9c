package dev.sourced.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.store.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A replay message: the runs of one or more streams, usually compressed. */
class EventEnvelopeReplayMessageTest {
  private static StoredEvent event(String stream, long version) {
    return new StoredEvent(stream, version, "ItemAdded", 2, "{\"sku\":\"sku-" + version + "\",\"quantity\":1}",
        UUID.randomUUID().toString(), Instant.parse("2026-11-30T10:00:00Z").plusMillis(version), UUID.randomUUID().toString(),
        "corr-1", UUID.randomUUID().toString(), "arn:aws:iam::123456789012:user/ann");
  }

  private static List<StoredEvent> runs(int streams, int eventsPerStream) {
    List<StoredEvent> events = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      for (int v = 1; v <= eventsPerStream; v++) {
        events.add(event("shopping-cart#c" + s, v));
      }
    }
    return events;
  }

  private static List<String> details(List<StoredEvent> events) {
    return events.stream().map(e -> EventEnvelope.detail(e, true)).toList();
  }

  @Test
  void severalStreamsRuns_travelCompressed_andReadBackAsTheirEvents_inOrder() {
    List<StoredEvent> events = runs(25, 20);
    List<String> details = details(events);
    int detailBytes = details.stream().mapToInt(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();

    String message = EventEnvelope.replayMessage(details);

    assertThat(message).startsWith("{\"count\":500,\"gzip\":\"");
    assertThat(message.length()).as("compressed").isLessThan(detailBytes / 2);
    assertThat(EventEnvelope.parseAll(message)).containsExactlyElementsOf(events);
  }

  @Test
  void whatCompressionDoesNotShrink_travelsPlain_withinTheOverhead() {
    StoredEvent tiny = new StoredEvent("s#1", 1, "X", 1, "{}", "e", Instant.parse("2026-11-30T10:00:00Z"), null, null, null, null);
    List<String> details = details(List.of(tiny));

    String message = EventEnvelope.replayMessage(details);

    assertThat(message).startsWith("{\"events\":[");
    assertThat(message.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(details.get(0).getBytes(StandardCharsets.UTF_8).length + EventEnvelope.replayMessageOverhead(1));
    assertThat(EventEnvelope.parseAll(message)).containsExactly(tiny);
  }

  @Test
  void theOverhead_coversThePlainForm_forAnyNumberOfDetails() {
    for (int n : new int[] {1, 2, 10, 500}) {
      List<String> details = details(runs(1, n));
      int detailBytes = details.stream().mapToInt(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
      String plain = "{\"events\":[" + String.join(",", details) + "]}";
      assertThat(plain.getBytes(StandardCharsets.UTF_8).length - detailBytes).isLessThanOrEqualTo(EventEnvelope.replayMessageOverhead(n));
    }
  }

  @Test
  void aCompressedMessageThatIsNotBase64_notGzip_notAnArrayOfEvents_orTooLarge_isRefusedWithItsPath() throws IOException {
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"count\":1,\"gzip\":\"***\"}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("$.gzip").hasMessageContaining("not base64");
    String notGzip = Base64.getEncoder().encodeToString("[]".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"count\":1,\"gzip\":\"" + notGzip + "\"}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("not gzip");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"count\":1,\"gzip\":\"" + gzip("{\"streamId\":\"s#1\"}") + "\"}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("not a JSON array");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"count\":1,\"gzip\":\"" + gzip("[1]") + "\"}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("$.gzip[0]");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"count\":0,\"gzip\":\"" + gzip("[]") + "\"}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("at least one event");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"count\":1,\"gzip\":\"" + gzip("[{\"streamId\":") + "\"}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("$.gzip").hasMessageContaining("malformed JSON");
    String twenty = EventEnvelope.replayMessage(details(runs(1, 20)));
    assertThat(twenty).startsWith("{\"count\":20,");
    assertThatThrownBy(() -> EventEnvelope.parseAll(twenty.replace("\"count\":20", "\"count\":21")))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("$.count").hasMessageContaining("holds 20");
    // a few kilobytes that unpack to more than a message's events could ever take (a zip bomb)
    String bomb = gzip("[" + " ".repeat(EventEnvelope.MAX_UNCOMPRESSED_BYTES + 1) + "]");
    assertThat(bomb.length()).isLessThan(10_000);
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"count\":1,\"gzip\":\"" + bomb + "\"}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("uncompressed");
  }

  @Test
  void aTimestampThatIsNoInstant_isRefusedAsInput_notAsADateTimeParseException() {
    String detail = EventEnvelope.detail(event("cart#c1", 1), true).replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"yesterday\"");

    assertThatThrownBy(() -> EventEnvelope.parseAll(detail)).isInstanceOf(JsonInputException.class).hasMessageContaining("yesterday");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"events\":[" + detail + "]}")).isInstanceOf(JsonInputException.class);
  }

  @Test
  void anEventBridgeEventOrABareDetail_isOneEvent() {
    StoredEvent event = event("cart#c1", 1);
    String detail = EventEnvelope.detail(event, true);

    assertThat(EventEnvelope.parseAll(detail)).containsExactly(event);
    assertThat(EventEnvelope.parseAll("{\"detail-type\":\"ItemAdded\",\"detail\":" + detail + "}")).containsExactly(event);
  }

  @Test
  void aMessageThatNamesItsStream_asReplaysSentThemBefore_readsBack_andHoldsOnlyThatStreamsEvents() {
    List<StoredEvent> events = runs(1, 2);
    String other = EventEnvelope.detail(event("cart#c2", 1), true);

    assertThat(EventEnvelope.parseAll("{\"run\":\"shopping-cart#c0\",\"events\":[" + String.join(",", details(events)) + "]}"))
        .containsExactlyElementsOf(events);
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"run\":\"cart#c1\",\"events\":[" + other + "]}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("belongs to its stream");
  }

  @Test
  void aPlainMessageWithoutEvents_orAnIncompleteEvent_orCutShort_isRefused() {
    String other = EventEnvelope.detail(event("cart#c2", 1), true);
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"events\":[]}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("at least one event");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"events\":[{\"streamId\":\"cart#c1\"}]}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("streamId, version and type");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"events\":[" + other))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("malformed JSON");
  }

  private static String gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
