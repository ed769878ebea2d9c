package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hop log's words for what a queue delivers: an EventBridge event, or a replay message, compressed or not. */
class LocalCloudDescribeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String detail(String stream, long version) {
    return EventEnvelope.detail(new StoredEvent(stream, version, "ItemAdded", 2, "{\"sku\":\"a\"}", "e" + stream + version,
        Instant.parse("2026-11-30T10:00:00Z"), null, "corr", null, null), true);
  }

  /** The plain form, which a reader sends when it is the smaller (events that compress badly). */
  private static String plain(List<String> details) {
    return "{\"events\":[" + String.join(",", details) + "]}";
  }

  @Test
  void aReplayMessage_isDescribedByItsEvents_orItsCount_whenCompressed() throws Exception {
    List<String> oneStream = new ArrayList<>();
    for (int v = 1; v <= 20; v++) {
      oneStream.add(detail("shopping-cart#c1", v));
    }
    List<String> manyStreams = new ArrayList<>();
    for (int s = 0; s < 25; s++) {
      for (int v = 1; v <= 20; v++) {
        manyStreams.add(detail("shopping-cart#c" + s, v));
      }
    }
    String compressed = EventEnvelope.replayMessage(manyStreams);
    assertThat(compressed).contains("\"gzip\"");

    assertThat(LocalCloud.describe(JSON.readTree(compressed))).isEqualTo("500 event(s), compressed");
    assertThat(LocalCloud.describe(JSON.readTree(plain(oneStream)))).isEqualTo("20 event(s) of shopping-cart#c1 v1–v20");
    assertThat(LocalCloud.describe(JSON.readTree(plain(manyStreams)))).isEqualTo("500 event(s) of 25 streams");
    assertThat(LocalCloud.describe(JSON.readTree("{\"events\":[" + detail("shopping-cart#c9", 3) + "]}")))
        .isEqualTo("1 event(s) of shopping-cart#c9 v3");
    assertThat(LocalCloud.describe(JSON.readTree("{\"detail-type\":\"ItemAdded\",\"detail\":" + detail("shopping-cart#c9", 4) + "}")))
        .isEqualTo("ItemAdded shopping-cart#c9 v4");
    // an EventBridge event as the bus delivers it: its first field is no replay message's
    assertThat(LocalCloud.describe(JSON.readTree("{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"ItemAdded\",\"source\":\"shopping-cart\","
        + "\"detail\":" + detail("shopping-cart#c9", 5) + "}"))).isEqualTo("ItemAdded shopping-cart#c9 v5");
  }
}
