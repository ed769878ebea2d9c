package dev.sourced.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ReplayPageItemsTest {
  private static List<Map<String, AttributeValue>> items(int count, int payloadChars) {
    // "pk" 2 + 8, "payload" 7 + payloadChars
    Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("cart#001"), "payload", AttributeValue.fromS("x".repeat(payloadChars)));
    return Collections.nCopies(count, item);
  }

  @Test
  void asksForWhatFitsOneMegabyteByThePageBefore() {
    // 17 + 1007 = 1,024 bytes an item: 1,024 of them fill 1 MB
    assertThat(ProjectionReplay.nextPageItems(items(10, 1_007), ProjectionReplay.FIRST_PAGE_ITEMS)).isEqualTo(1_024);
    // 17 + 495 = 512 bytes
    assertThat(ProjectionReplay.nextPageItems(items(3, 495), 1_024)).isEqualTo(2_048);
  }

  @Test
  void staysWithinItsBounds() {
    assertThat(ProjectionReplay.nextPageItems(items(5, 3), 1_000)).isEqualTo(ProjectionReplay.MAX_PAGE_ITEMS);
    assertThat(ProjectionReplay.nextPageItems(items(2, 300_000), 1_000)).isEqualTo(ProjectionReplay.MIN_PAGE_ITEMS);
  }

  @Test
  void keepsItsLimitAfterAPageTheFilterEmptied() {
    assertThat(ProjectionReplay.nextPageItems(List.of(), 2_500)).isEqualTo(2_500);
  }
}
