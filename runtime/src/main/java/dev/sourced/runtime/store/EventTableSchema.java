package dev.sourced.runtime.store;

import dev.sourced.spi.TableKeys;

/** The event table's keys (spelled once, in {@link TableKeys}, which the deployment description declares the table with). */
public final class EventTableSchema {
  public static final String PARTITION_KEY = TableKeys.EVENTS_PARTITION;
  public static final String SORT_KEY = TableKeys.EVENTS_SORT;
  public static final String TTL_ATTRIBUTE = TableKeys.EVENTS_TIME_TO_LIVE;

  private EventTableSchema() {}
}
