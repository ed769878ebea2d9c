package dev.sourced.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay's run: consecutive events of one stream in one message. */
class EventEnvelopeRunTest {
  private static StoredEvent event(String stream, long version, String data) {
    return new StoredEvent(stream, version, "ItemAdded", 2, data, "e" + version, Instant.parse("2026-11-29T10:00:00Z"),
        "cmd", "corr", "cause", "arn:aws:iam::123456789012:user/ann");
  }

  @Test
  void aRunReadsBackAsItsEvents_inOrder_withDataAndMetadata() {
    List<StoredEvent> events = List.of(event("cart#c1", 3, "{\"sku\":\"a\"}"), event("cart#c1", 4, "{\"sku\":\"b\"}"));

    String run = EventEnvelope.run("cart#c1", events.stream().map(e -> EventEnvelope.detail(e, true)).toList());

    assertThat(EventEnvelope.parseAll(run)).containsExactlyElementsOf(events);
  }

  @Test
  void anEventBridgeEventOrABareDetail_isOneEvent() {
    StoredEvent event = event("cart#c1", 1, "{\"sku\":\"a\"}");
    String detail = EventEnvelope.detail(event, true);

    assertThat(EventEnvelope.parseAll(detail)).containsExactly(event);
    assertThat(EventEnvelope.parseAll("{\"detail-type\":\"ItemAdded\",\"detail\":" + detail + "}")).containsExactly(event);
  }

  @Test
  void aRunWithoutEvents_orWithAnotherStreamsEvent_orAnIncompleteEvent_isRefused() {
    String other = EventEnvelope.detail(event("cart#c2", 1, "{}"), true);
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"run\":\"cart#c1\",\"events\":[]}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("at least one event");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"run\":\"cart#c1\",\"events\":[" + other + "]}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("belongs to its stream");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"run\":\"cart#c1\",\"events\":[{\"streamId\":\"cart#c1\"}]}"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("streamId, version and type");
    assertThatThrownBy(() -> EventEnvelope.parseAll("{\"run\":\"cart#c1\",\"events\":[" + other))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("malformed JSON");
  }

  @Test
  void runOverhead_coversTheRunsOwnBytes_evenForAStreamIdThatJsonEscapes() {
    String stream = "cart#\"\u0001\"";
    List<String> details = List.of(EventEnvelope.detail(event(stream, 1, "{}"), true), EventEnvelope.detail(event(stream, 2, "{}"), true));
    int detailBytes = details.stream().mapToInt(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();

    int runBytes = EventEnvelope.run(stream, details).getBytes(StandardCharsets.UTF_8).length;

    assertThat(runBytes - detailBytes).isLessThanOrEqualTo(EventEnvelope.runOverhead(stream, details.size()));
  }
}
