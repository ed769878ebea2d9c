package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The stream poller hands records to a function as Lambda's mapping does with ReportBatchItemFailures, bisect and maxRetries. */
class StreamPollerTest {

  /** One open shard holding records seq-001 … seq-n; an iterator is the index of the next record. */
  private static final class Shard1 implements DynamoDbStreamsClient {
    final List<Record> records = new ArrayList<>();

    Shard1(int n) {
      for (int i = 1; i <= n; i++) {
        records.add(Record.builder().eventID("e" + i).eventName("INSERT")
            .dynamodb(StreamRecord.builder().sequenceNumber(String.format("seq-%03d", i)).build()).build());
      }
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
      return DescribeStreamResponse.builder().streamDescription(d -> d.shards(Shard.builder().shardId("shard-1").build())).build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
      int start = request.shardIteratorType() == ShardIteratorType.TRIM_HORIZON ? 0
          : Integer.parseInt(request.sequenceNumber().substring(4));
      return GetShardIteratorResponse.builder().shardIterator(Integer.toString(start)).build();
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
      int from = Integer.parseInt(request.shardIterator());
      int to = Math.min(records.size(), from + request.limit());
      return GetRecordsResponse.builder().records(records.subList(from, to)).nextShardIterator(Integer.toString(to)).build();
    }

    @Override
    public String serviceName() {
      return "DynamoDbStreams";
    }

    @Override
    public void close() { }
  }

  private static List<String> sequence(DynamodbEvent batch) {
    return batch.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
  }

  private static StreamsEventResponse failing(String... sequenceNumbers) {
    return StreamsEventResponse.builder().withBatchItemFailures(List.of(sequenceNumbers).stream()
        .map(s -> StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(s).build()).toList()).build();
  }

  private final List<List<String>> invocations = new ArrayList<>();
  private final List<List<String>> givenUp = new ArrayList<>();

  private StreamPoller poller(Shard1 shard, int batchSize, int maxRetries, Function<DynamodbEvent, StreamsEventResponse> function) {
    return new StreamPoller(shard, "arn:stream", batchSize, maxRetries, batch -> {
      invocations.add(sequence(batch));
      return function.apply(batch);
    }, (shardId, records) -> givenUp.add(records.stream().map(r -> r.dynamodb().sequenceNumber()).toList()), StreamPositions.in(null));
  }

  private static void drain(StreamPoller poller) {
    for (int i = 0; i < 100 && poller.pollOnce() > 0; i++) {
      // until the shard has nothing more to give
    }
  }

  @Test
  void aRecordReportedEveryTime_isRetriedFromItself_thenGivenUpOnce_andTheShardMovesOn() {
    Shard1 shard = new Shard1(8);
    StreamPoller poller = poller(shard, 5, 3, batch -> sequence(batch).contains("seq-003") ? failing("seq-003") : null);

    drain(poller);

    assertThat(invocations.get(0)).containsExactly("seq-001", "seq-002", "seq-003", "seq-004", "seq-005");
    // retried from the reported record, only the records from it on, maxRetries (3) times
    assertThat(invocations.subList(1, 4)).allSatisfy(batch -> assertThat(batch).containsExactly("seq-003", "seq-004", "seq-005"));
    assertThat(givenUp).containsExactly(List.of("seq-003", "seq-004", "seq-005"));
    assertThat(invocations.get(4)).containsExactly("seq-006", "seq-007", "seq-008");
    assertThat(invocations).hasSize(5);
  }

  @Test
  void progress_startsTheRetryCountAgain() {
    Shard1 shard = new Shard1(6);
    List<String> failOnce = new ArrayList<>(List.of("seq-002", "seq-003", "seq-004", "seq-005"));
    // each invocation fails its second record once: every retry gets further than the last
    StreamPoller poller = poller(shard, 6, 1, batch -> {
      List<String> sequence = sequence(batch);
      return sequence.size() > 1 && failOnce.remove(sequence.get(1)) ? failing(sequence.get(1)) : null;
    });

    drain(poller);

    assertThat(givenUp).isEmpty();
    assertThat(invocations.get(invocations.size() - 1)).endsWith("seq-006");
  }

  @Test
  void aFunctionError_bisectsTheBatch_untilTheRecordIsAlone_andOnlyItIsGivenUp() {
    Shard1 shard = new Shard1(8);
    StreamPoller poller = poller(shard, 8, 2, batch -> {
      if (sequence(batch).contains("seq-002")) {
        throw new IllegalStateException("bug");
      }
      return null;
    });

    drain(poller);

    assertThat(invocations.subList(0, 4)).containsExactly(
        List.of("seq-001", "seq-002", "seq-003", "seq-004", "seq-005", "seq-006", "seq-007", "seq-008"),
        List.of("seq-001", "seq-002", "seq-003", "seq-004"),
        List.of("seq-001", "seq-002"),
        List.of("seq-001"));
    assertThat(givenUp).containsExactly(List.of("seq-002"));
    assertThat(invocations.stream().flatMap(List::stream).filter(s -> s.compareTo("seq-002") > 0).distinct())
        .containsExactly("seq-003", "seq-004", "seq-005", "seq-006", "seq-007", "seq-008");
  }
}
