package dev.sourced.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.store.StoredEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The principal travels in the envelope's metadata with the correlation and causation ids. */
class EventEnvelopeTest {
  private static final String ALICE = "arn:aws:iam::123456789012:user/alice";
  private static final StoredEvent EVENT = new StoredEvent("shopping-cart#c1", 3, "ItemAdded", 2, "{\"sku\":\"A\"}", "e-3",
      Instant.parse("2026-11-29T10:00:00Z"), "cmd-1", "corr-1", "cause-1", ALICE);

  @Test
  void detail_carriesThePrincipal_andParsesBackToTheSameEvent() {
    String detail = EventEnvelope.detail(EVENT, true);

    assertThat(detail).contains("\"metadata\":{\"commandId\":\"cmd-1\",\"correlationId\":\"corr-1\",\"causationId\":\"cause-1\","
        + "\"principal\":\"" + ALICE + "\"}");
    assertThat(EventEnvelope.parse(detail)).isEqualTo(EVENT);
  }

  @Test
  void eventBridgeEvent_asAQueueReceivesIt_givesThePrincipal() {
    String delivered = "{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"ItemAdded\",\"source\":\"shop\",\"detail\":"
        + EventEnvelope.detail(EVENT, true) + "}";

    assertThat(EventEnvelope.parse(delivered).principal()).isEqualTo(ALICE);
  }

  @Test
  void claimCheckedDetail_keepsThePrincipal_withoutTheData() {
    StoredEvent parsed = EventEnvelope.parse(EventEnvelope.detail(EVENT, false));

    assertThat(parsed.data()).isNull();
    assertThat(parsed.principal()).isEqualTo(ALICE);
  }

  @Test
  void reference_hasNoMetadata_theConsumerReadsTheStore() {
    StoredEvent parsed = EventEnvelope.parse(EventEnvelope.reference(EVENT));

    assertThat(parsed.data()).isNull();
    assertThat(parsed.principal()).isNull();
    assertThat(parsed.correlationId()).isNull();
  }

  @Test
  @SuppressWarnings("deprecation")
  void eightComponentMetadata_keptForOlderCode_hasNoPrincipal() {
    EventMetadata old = new EventMetadata("shopping-cart#c1", 1, "e-1", "CartOpened", Instant.EPOCH, "c", "c", "c");

    assertThat(old).isEqualTo(new EventMetadata("shopping-cart#c1", 1, "e-1", "CartOpened", Instant.EPOCH, "c", "c", "c", null));
    assertThat(old.principal()).isNull();
  }

  @Test
  void envelopePublishedBeforePrincipalsWereRecorded_parsesWithoutOne() {
    String old = "{\"streamId\":\"shopping-cart#c1\",\"version\":1,\"eventId\":\"e-1\",\"type\":\"CartOpened\",\"revision\":1,"
        + "\"timestamp\":\"2026-11-01T00:00:00Z\",\"data\":{},\"metadata\":{\"commandId\":\"c\",\"correlationId\":\"c\",\"causationId\":\"c\"}}";

    StoredEvent parsed = EventEnvelope.parse(old);

    assertThat(parsed.principal()).isNull();
    assertThat(parsed.metadata().principal()).isNull();
    assertThat(parsed.metadata().correlationId()).isEqualTo("c");
  }
}
