package dev.sourced.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** The local EventBridge's own bookkeeping, over its PutEvents endpoint with the real SDK client. */
class LocalEventBridgeTest {
  private static LocalBus local;

  @BeforeAll
  static void start() {
    local = LocalBus.start();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void keepsTheNewestReceivedEventsOnly() {
    int sent = LocalEventBridge.KEEP_RECEIVED + 25;
    for (int first = 0; first < sent; first += 10) {
      List<PutEventsRequestEntry> entries = new ArrayList<>();
      for (int i = first; i < Math.min(first + 10, sent); i++) {
        entries.add(PutEventsRequestEntry.builder().eventBusName("bus").source("test").detailType("Counted")
            .detail("{\"n\":" + i + "}").build());
      }
      PutEventsResponse response = local.client().putEvents(b -> b.entries(entries));
      assertThat(response.failedEntryCount()).isZero();
    }

    List<JsonNode> received = local.bus().received();
    assertThat(received).hasSize(LocalEventBridge.KEEP_RECEIVED);
    assertThat(received.get(0).at("/detail/n").asInt()).isEqualTo(25);
    assertThat(received.get(received.size() - 1).at("/detail/n").asInt()).isEqualTo(sent - 1);
  }
}
