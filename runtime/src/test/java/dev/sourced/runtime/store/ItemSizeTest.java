package dev.sourced.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ItemSizeTest {
  @Test
  void countsAttributeNamesAndUtf8Values() {
    String data = "é".repeat(1000); // 2 bytes each in UTF-8
    StoredEvent event = new StoredEvent("cart#1", 1, "T", 1, data, "e", Instant.EPOCH, "c", "x", "y", "p");
    long size = DynamoDbEventStore.ItemSize.of(DynamoDbEventStore.item(event));
    assertThat(size).isGreaterThan(2000 + "data".length()).isLessThan(2300);
  }
}
