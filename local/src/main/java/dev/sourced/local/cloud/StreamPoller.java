package dev.sourced.local.cloud;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's DynamoDB stream and hands batches to a function as Lambda's stream event source mapping
 * does with {@code ReportBatchItemFailures}, {@code BisectBatchOnFunctionError} and
 * {@code MaximumRetryAttempts}: shard by shard, parents before children, in order.
 *
 * <ul>
 *   <li>The function reports failed records: the mapping checkpoints before the one with the lowest
 *       sequence number and retries only the records from it on (the batch is bisected at that record).
 *   <li>The function throws: the batch is split in two and the first half retried; splitting does not
 *       count as a retry. A single record that throws is retried as such.
 *   <li>A retry that gets no further than the last one counts; after {@code maxRetries} of them the records
 *       being retried are given up to the on-failure destination (one message describing them, as Lambda
 *       writes it) and the shard moves on. Progress starts the count again.
 * </ul>
 */
final class StreamPoller {
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final int batchSize;
  private final int maxRetries;
  private final Function<DynamodbEvent, StreamsEventResponse> function;
  private final BiConsumer<String, List<Record>> onFailure;
  private final StreamPositions positions;
  private final Map<String, ShardPosition> shards = new LinkedHashMap<>();
  private long discoveredAt;
  private boolean shardClosed = true;

  private static final class ShardPosition {
    final String parent;
    String iterator;
    String lastSequence;
    boolean closed;
    /** Retries of the record after {@link #lastSequence}. */
    int retries;
    /** How many records the next invocation gets: less than the batch size while a batch is bisected. */
    int limit;

    ShardPosition(String parent, int limit) {
      this.parent = parent;
      this.limit = limit;
    }
  }

  /**
   * @param onFailure told of the shard and the records given up, which it sends to the on-failure destination
   * @param positions where it is in each shard: it starts there, and moves it with every record handed on
   */
  StreamPoller(DynamoDbStreamsClient streams, String streamArn, int batchSize, int maxRetries,
      Function<DynamodbEvent, StreamsEventResponse> function, BiConsumer<String, List<Record>> onFailure, StreamPositions positions) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.batchSize = batchSize;
    this.maxRetries = maxRetries;
    this.function = function;
    this.onFailure = onFailure;
    this.positions = positions;
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
        shards.computeIfAbsent(shard.shardId(), id -> {
          ShardPosition position = new ShardPosition(shard.parentShardId(), batchSize);
          position.lastSequence = positions.last(id);
          return position;
        });
      }
      start = description.lastEvaluatedShardId();
    } while (start != null);
  }

  private int poll(String shardId, ShardPosition shard) {
    if (shard.iterator == null) {
      try {
        shard.iterator = iterator(shardId, shard.lastSequence);
      } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException unknownPosition) {
        if (shard.lastSequence == null) {
          throw unknownPosition;
        }
        // a kept position the stream no longer has (trimmed, or another table's): from the oldest record, as a new mapping
        shard.lastSequence = null;
        shard.iterator = iterator(shardId, null);
      }
    }
    List<Record> records;
    String next;
    try {
      var response = streams.getRecords(r -> r.shardIterator(shard.iterator).limit(shard.limit));
      records = response.records();
      next = response.nextShardIterator();
    } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
      // an iterator kept too long, or one DynamoDB Local no longer serves: ask again from the position
      shard.iterator = null;
      return 0;
    }
    if (records.isEmpty()) {
      shard.iterator = next;
      closeIfEnded(shard, next);
      return 0;
    }
    Outcome outcome = invoke(records);
    if (outcome.failedAt() < 0) {
      shard.lastSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
      positions.handedOn(shardId, shard.lastSequence);
      shard.iterator = next;
      closeIfEnded(shard, next);
      shard.retries = 0;
      shard.limit = batchSize;
      return records.size();
    }
    shard.iterator = null; // re-read from the checkpoint
    if (outcome.threw() && records.size() > 1) {
      shard.limit = (records.size() + 1) / 2; // bisect: not a retry
      return records.size();
    }
    if (outcome.failedAt() > 0) {
      shard.lastSequence = records.get(outcome.failedAt() - 1).dynamodb().sequenceNumber();
      positions.handedOn(shardId, shard.lastSequence);
      shard.retries = 0; // progress: the record at the checkpoint is new
    }
    shard.limit = records.size() - outcome.failedAt(); // only the records from the failed one on
    if (++shard.retries > maxRetries) {
      onFailure.accept(shardId, records.subList(outcome.failedAt(), records.size()));
      shard.lastSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
      positions.handedOn(shardId, shard.lastSequence);
      shard.retries = 0;
      shard.limit = batchSize;
    }
    return records.size();
  }

  private String iterator(String shardId, String after) {
    return streams.getShardIterator(r -> {
      r.streamArn(streamArn).shardId(shardId);
      if (after == null) {
        r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
      } else {
        r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
      }
    }).shardIterator();
  }

  /** A shard without a next iterator has ended: its children, if any, come next. */
  private void closeIfEnded(ShardPosition shard, String nextIterator) {
    shard.closed = nextIterator == null;
    shardClosed |= shard.closed;
  }

  /**
   * @param failedAt the index of the first record to retry, or -1 when the function took the whole batch
   * @param threw whether the function threw (a function error) rather than report failures
   */
  private record Outcome(int failedAt, boolean threw) {}

  private Outcome invoke(List<Record> records) {
    StreamsEventResponse response;
    try {
      response = function.apply(StreamRecords.event(records, streamArn));
    } catch (RuntimeException | Error e) { // a function error, whatever it threw: bisected, retried, given up as Lambda does
      return new Outcome(0, true);
    }
    if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
      return new Outcome(-1, false);
    }
    int first = records.size();
    for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).dynamodb().sequenceNumber().equals(failure.getItemIdentifier())) {
          first = Math.min(first, i);
        }
      }
    }
    // an identifier that names no record of the batch fails the whole batch, as in Lambda
    return new Outcome(first == records.size() ? 0 : first, false);
  }
}
