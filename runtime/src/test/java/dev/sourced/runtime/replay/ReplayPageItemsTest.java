package dev.sourced.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A replay page asks for about as many items as fit 1 MB, by the items the page before read. */
class ReplayPageItemsTest {
  @Test
  void asksForWhatFitsOneMegabyte_byTheReadUnitsOfThePageBefore() {
    // 1,000 items in 250 units of 4 KB: 1 KB an item, 1,024 fit
    assertThat(ProjectionReplay.nextPageItems(ProjectionReplay.FIRST_PAGE_ITEMS, 1_000, 250.0)).isEqualTo(1_024);
    // 2,048 items of 512 bytes
    assertThat(ProjectionReplay.nextPageItems(1_024, 1_024, 128.0)).isEqualTo(2_048);
  }

  @Test
  void countsTheItemsTheFilterDropped_soRareLargeEventsAmongSmallOnesDoNotShrinkThePage() {
    // the page returned a few large events, or none, but read 2,000 items in 500 units: 1 KB each
    assertThat(ProjectionReplay.nextPageItems(2_000, 2_000, 500.0)).isEqualTo(1_024);
  }

  @Test
  void staysWithinItsBounds() {
    assertThat(ProjectionReplay.nextPageItems(1_000, 1_000, 1.0)).isEqualTo(ProjectionReplay.MAX_PAGE_ITEMS);
    assertThat(ProjectionReplay.nextPageItems(1_000, 2, 150.0)).isEqualTo(ProjectionReplay.MIN_PAGE_ITEMS);
  }

  @Test
  void keepsItsLimit_whenThePageBeforeReadNothingOrDidNotSay() {
    assertThat(ProjectionReplay.nextPageItems(2_500, 0, 0.0)).isEqualTo(2_500);
    assertThat(ProjectionReplay.nextPageItems(2_500, 100, null)).isEqualTo(2_500);
    assertThat(ProjectionReplay.nextPageItems(2_500, 100, Double.NaN)).isEqualTo(2_500);
    assertThat(ProjectionReplay.nextPageItems(2_500, 100, Double.POSITIVE_INFINITY)).isEqualTo(2_500);
  }
}
