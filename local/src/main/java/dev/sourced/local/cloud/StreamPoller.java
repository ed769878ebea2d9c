package dev.sourced.local.cloud;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's DynamoDB stream and hands batches to a function as Lambda's stream event source
 * mapping does: shard by shard, parents before children, in order; a batch the function reports
 * failures for is retried from the first failed record (with {@code ReportBatchItemFailures}); after
 * {@code maxRetries} retries the remaining records of the batch go to the on-failure destination and
 * the shard moves on.
 */
final class StreamPoller {
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final int batchSize;
  private final int maxRetries;
  private final Function<DynamodbEvent, StreamsEventResponse> function;
  private final Consumer<List<Record>> onFailure;
  private final Map<String, ShardPosition> shards = new LinkedHashMap<>();
  private long discoveredAt;
  private boolean shardClosed = true;

  private static final class ShardPosition {
    final String parent;
    String iterator;
    String lastSequence;
    boolean closed;
    int retries;

    ShardPosition(String parent) {
      this.parent = parent;
    }
  }

  StreamPoller(DynamoDbStreamsClient streams, String streamArn, int batchSize, int maxRetries,
      Function<DynamodbEvent, StreamsEventResponse> function, Consumer<List<Record>> onFailure) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.batchSize = batchSize;
    this.maxRetries = maxRetries;
    this.function = function;
    this.onFailure = onFailure;
  }

  /** How often to look for new shards while every known shard is open (a closed shard has children: look at once). */
  private static final long DISCOVER_EVERY_NANOS = 1_000_000_000L;

  /**
   * Looks for new shards (first, when a shard has closed, and every second), then reads one batch from every
   * shard that is ready to be read.
   *
   * @return how many records were handed to the function
   */
  int pollOnce() {
    if (shardClosed || System.nanoTime() - discoveredAt >= DISCOVER_EVERY_NANOS) {
      discoverShards();
      discoveredAt = System.nanoTime();
      shardClosed = false;
    }
    int delivered = 0;
    for (Map.Entry<String, ShardPosition> entry : shards.entrySet()) {
      ShardPosition shard = entry.getValue();
      ShardPosition parent = shard.parent == null ? null : shards.get(shard.parent);
      if (shard.closed || (parent != null && !parent.closed)) {
        continue;
      }
      delivered += poll(entry.getKey(), shard);
    }
    return delivered;
  }

  private void discoverShards() {
    String start = null;
    do {
      String exclusiveStart = start;
      StreamDescription description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
          .streamDescription();
      for (Shard shard : description.shards()) {
        shards.computeIfAbsent(shard.shardId(), id -> new ShardPosition(shard.parentShardId()));
      }
      start = description.lastEvaluatedShardId();
    } while (start != null);
  }

  private int poll(String shardId, ShardPosition shard) {
    if (shard.iterator == null) {
      shard.iterator = streams.getShardIterator(r -> {
        r.streamArn(streamArn).shardId(shardId);
        if (shard.lastSequence == null) {
          r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else {
          r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.lastSequence);
        }
      }).shardIterator();
    }
    List<Record> records;
    String next;
    try {
      var response = streams.getRecords(r -> r.shardIterator(shard.iterator).limit(batchSize));
      records = response.records();
      next = response.nextShardIterator();
    } catch (ExpiredIteratorException expired) {
      shard.iterator = null;
      return 0;
    }
    if (records.isEmpty()) {
      shard.iterator = next;
      closeIfEnded(shard, next);
      return 0;
    }
    int failedAt = firstFailure(records);
    if (failedAt < 0) {
      shard.lastSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
      shard.iterator = next;
      closeIfEnded(shard, next);
      shard.retries = 0;
      return records.size();
    }
    if (failedAt > 0) {
      shard.lastSequence = records.get(failedAt - 1).dynamodb().sequenceNumber();
    }
    if (++shard.retries > maxRetries) {
      onFailure.accept(records.subList(failedAt, records.size()));
      shard.lastSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
      shard.retries = 0;
    }
    shard.iterator = null; // re-read from the first failed record (or after the batch given up on)
    return records.size();
  }

  /** A shard without a next iterator has ended: its children, if any, come next. */
  private void closeIfEnded(ShardPosition shard, String nextIterator) {
    shard.closed = nextIterator == null;
    shardClosed |= shard.closed;
  }

  /** @return the index of the first record to retry, or -1 when the function took the whole batch */
  private int firstFailure(List<Record> records) {
    StreamsEventResponse response;
    try {
      response = function.apply(StreamRecords.event(records, streamArn));
    } catch (RuntimeException e) {
      return 0;
    }
    if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
      return -1;
    }
    int first = records.size();
    for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).dynamodb().sequenceNumber().equals(failure.getItemIdentifier())) {
          first = Math.min(first, i);
        }
      }
    }
    return first == records.size() ? 0 : first;
  }
}
