package dev.sourced.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sourced.local.LocalHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.BiConsumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.event.ruler.Machine;

/**
 * EventBridge's {@code PutEvents} on a loopback port. Rules are EventBridge patterns matched by
 * event-ruler; each rule's target is an SQS queue, which receives the full EventBridge event JSON as
 * EventBridge sends it (characters outside ASCII escaped, so that any string SQS cannot carry still arrives).
 * As EventBridge, it answers per entry: an entry whose {@code Detail} is not a JSON object gets
 * {@code MalformedDetail}, the others are accepted. A test may make chosen entries fail with an error code of
 * its choice ({@code InternalFailure} by default, which publishers retry; {@code MalformedDetail}, which they
 * cannot), and a target that cannot take an event does not fail the entry (EventBridge retries targets on its own).
 */
public final class LocalEventBridge implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How many accepted events {@link #received()} keeps. */
  public static final int KEEP_RECEIVED = 10_000;

  private final HttpServer server;
  private final ExecutorService executor;
  private final SqsClient sqs;
  private final Machine machine = new Machine();
  private final Map<String, String> targets = new ConcurrentHashMap<>();
  private final Deque<JsonNode> received = new ConcurrentLinkedDeque<>();
  private final AtomicInteger receivedCount = new AtomicInteger();
  private static final ObjectWriter DELIVERED = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
  private volatile Predicate<JsonNode> failEntry = entry -> false;
  private volatile String failCode = "InternalFailure";
  private volatile BiConsumer<JsonNode, List<String>> onDelivery = (event, rules) -> { };
  private volatile BiConsumer<String, Exception> onTargetFailure = (rule, failure) -> { };

  private LocalEventBridge(HttpServer server, ExecutorService executor, SqsClient sqs) {
    this.server = server;
    this.executor = executor;
    this.sqs = sqs;
    server.createContext("/", this::handle);
  }

  /**
   * @param sqs where rule targets are delivered
   * @return a running bus
   */
  public static LocalEventBridge start(SqsClient sqs) {
    try {
      HttpServer server = LocalHttp.server(new InetSocketAddress("127.0.0.1", 0), 0);
      // daemon threads, shut down on close: a bus left open must not keep the JVM alive, nor a restart leak threads
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "sourced-eventbridge");
        thread.setDaemon(true);
        return thread;
      });
      LocalEventBridge bus = new LocalEventBridge(server, executor, sqs);
      server.setExecutor(executor);
      server.start();
      return bus;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the local EventBridge", e);
    }
  }

  /** @return its endpoint, for {@code SOURCED_EVENTBRIDGE_ENDPOINT} */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Adds a rule delivering matching events to a queue.
   *
   * @param name the rule
   * @param pattern an EventBridge event pattern (JSON)
   * @param queueUrl the target queue
   */
  public void addRule(String name, String pattern, String queueUrl) {
    try {
      machine.addRule(name, pattern);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid event pattern for rule " + name + ": " + pattern, e);
    }
    targets.put(name, queueUrl);
  }

  /** @param failEntry entries (PutEvents request entries as JSON) that get {@code InternalFailure} instead of being delivered */
  public void failEntries(Predicate<JsonNode> failEntry) {
    failEntries(failEntry, "InternalFailure");
  }

  /**
   * @param failEntry entries (PutEvents request entries as JSON) that get an error instead of being delivered
   * @param errorCode the entry's {@code ErrorCode}, e.g. {@code MalformedDetail} for one EventBridge refuses for what it holds
   */
  public void failEntries(Predicate<JsonNode> failEntry, String errorCode) {
    this.failCode = errorCode;
    this.failEntry = failEntry;
  }

  /** @param onTargetFailure told of a rule whose target could not take an event, and why */
  public void onTargetFailure(BiConsumer<String, Exception> onTargetFailure) {
    this.onTargetFailure = onTargetFailure;
  }

  /** @param onDelivery told of every accepted event and the rules it matched */
  public void onDelivery(BiConsumer<JsonNode, List<String>> onDelivery) {
    this.onDelivery = onDelivery;
  }

  /** @return the events accepted so far (the newest {@value #KEEP_RECEIVED}), as delivered */
  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      if (!"AWSEvents.PutEvents".equals(target)) {
        respond(exchange, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"only PutEvents is emulated\"}");
        return;
      }
      ObjectNode response = JSON.createObjectNode();
      ArrayNode entries = response.putArray("Entries");
      int failed = 0;
      Map<String, List<String>> byRule = new LinkedHashMap<>();
      for (JsonNode entry : request.path("Entries")) {
        ObjectNode result = entries.addObject();
        if (failEntry.test(entry)) {
          result.put("ErrorCode", failCode);
          result.put("ErrorMessage", "injected failure");
          failed++;
          continue;
        }
        JsonNode detail = detail(entry);
        if (detail == null) {
          result.put("ErrorCode", "MalformedDetail");
          result.put("ErrorMessage", "Detail is malformed.");
          failed++;
          continue;
        }
        String id = UUID.randomUUID().toString();
        deliver(id, entry, detail, byRule);
        result.put("EventId", id);
      }
      send(byRule);
      response.put("FailedEntryCount", failed);
      respond(exchange, 200, JSON.writeValueAsString(response));
    } catch (Exception e) {
      respond(exchange, 500, "{\"__type\":\"InternalException\",\"message\":\"" + e.getClass().getSimpleName() + "\"}");
    }
  }

  /** @return the entry's detail, or null when it is not a JSON object */
  private static JsonNode detail(JsonNode entry) {
    try {
      JsonNode detail = JSON.readTree(entry.path("Detail").asText("{}"));
      return detail != null && detail.isObject() ? detail : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Matches an accepted event against the rules and adds it to what each matching rule's target receives. */
  private void deliver(String id, JsonNode entry, JsonNode detail, Map<String, List<String>> byRule) throws Exception {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", id);
    event.put("detail-type", entry.path("DetailType").asText());
    event.put("source", entry.path("Source").asText());
    event.put("account", "000000000000");
    event.put("time", entry.has("Time") ? Instant.ofEpochMilli((long) (entry.get("Time").asDouble() * 1000)).toString()
        : Instant.now().toString());
    event.put("region", "us-east-1");
    event.putArray("resources");
    event.set("detail", detail);
    String json = DELIVERED.writeValueAsString(event);
    received.addLast(event);
    // counted apart: a ConcurrentLinkedDeque's size() walks every element, 10,000 of them per event
    if (receivedCount.incrementAndGet() > KEEP_RECEIVED && received.pollFirst() != null) {
      receivedCount.decrementAndGet();
    }
    List<String> rules = machine.rulesForJSONEvent(json);
    onDelivery.accept(event, rules);
    for (String rule : rules) {
      if (targets.get(rule) != null) {
        byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(json);
      }
    }
  }

  /** SQS's limits on one SendMessageBatch: entries, and bytes in all. */
  private static final int MAX_BATCH_ENTRIES = 10;
  private static final int MAX_BATCH_BYTES = 256 * 1024;

  /**
   * Delivers one PutEvents call's events to each rule's queue, one message per event as EventBridge's SQS target
   * does, in {@code SendMessageBatch} calls rather than one call per event.
   */
  private void send(Map<String, List<String>> byRule) {
    byRule.forEach((rule, messages) -> {
      String queueUrl = targets.get(rule);
      List<String> batch = new ArrayList<>();
      int bytes = 0;
      for (String message : messages) {
        int size = message.getBytes(StandardCharsets.UTF_8).length;
        if (!batch.isEmpty() && (batch.size() == MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
          sendBatch(rule, queueUrl, batch);
          batch = new ArrayList<>();
          bytes = 0;
        }
        batch.add(message);
        bytes += size;
      }
      if (!batch.isEmpty()) {
        sendBatch(rule, queueUrl, batch);
      }
    });
  }

  private void sendBatch(String rule, String queueUrl, List<String> messages) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(messages.get(i)).build());
    }
    try {
      SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      for (BatchResultErrorEntry error : response.failed()) {
        onTargetFailure.accept(rule, new IllegalStateException(error.code() + ": " + error.message()));
      }
    } catch (RuntimeException e) {
      onTargetFailure.accept(rule, e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    LocalHttp.send(exchange, status, "application/x-amz-json-1.1", body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
