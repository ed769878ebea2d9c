package dev.sourced.samples.cart.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sourced.local.testkit.Faults;
import dev.sourced.local.testkit.LocalCloudExtension;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reliability suite: the sample on the local cloud under hostile requests, injected faults, a restart
 * in the middle of a command stream, a projection crashing mid-batch and concurrent load; after each, the
 * {@link SystemCheck} reads every stream and view and asserts that nothing was lost, nothing written twice
 * and every view is the fold of its streams. The figures go to {@code target/reliability/report.json}
 * (docs/reliability.md publishes them). {@code -Dreliability.soak=true} runs ten times as much.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int SCALE = Boolean.getBoolean("reliability.soak") ? 10 : 1;
  private static final Path DATA = data();
  private static final Ledger LEDGER = new Ledger();
  private static final Map<String, Object> REPORT = new ConcurrentHashMap<>();

  /** The functions' failure lines (JSON, with stack traces) the cloud printed: target/reliability/failures.jsonl. */
  private static final List<String> FAILURE_LINES = java.util.Collections.synchronizedList(new ArrayList<>());

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart").dataDirectory(DATA)
      .log(line -> {
        if (line.startsWith("{")) {
          FAILURE_LINES.add(line);
        }
      });

  private static Path data() {
    try {
      return Files.createTempDirectory("reliability");
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @Order(1)
  void hostileRequestsGetA4xxOrASuccess_neverA5xx_andLeaveNothingHalfWritten() {
    List<String> carts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      carts.add("fz" + i);
      command("/shopping-cart/fz" + i + "/open-cart", "{\"cartId\":\"fz" + i + "\",\"customerId\":\"fuzz" + (i % 3) + "\"}", null);
    }
    List<RequestFuzzer.Request> requests = RequestFuzzer.batch(20261129, 500 * SCALE, carts);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    for (RequestFuzzer.Request request : requests) {
      LocalCloudExtension.Response response = LEDGER.record(request.method(), request.path(), RawHttp.send(cloud.baseUri(), request));
      statuses.merge(Integer.toString(response.status()), 1, Integer::sum);
      String problem = problem(request.method(), response);
      if (problem != null) {
        failures.add(request.mutation() + " → " + response.status() + " " + abbreviate(response.body()) + ": " + problem);
      }
    }
    SystemCheck.Figures figures = SystemCheck.assertConsistent(cloud, LEDGER);
    REPORT.put("fuzzing", Map.of("requests", requests.size(), "mutations", RequestFuzzer.kinds(requests), "statuses", statuses,
        "problems", failures.size(), "check", figures));
    assertThat(failures).as("answers that were not a useful 4xx or a success").isEmpty();
  }

  /**
   * @return what is wrong with an answer to a hostile request, or null: a 5xx; a 4xx without a body; a 4xx from a
   *     function (it carries {@code x-correlation-id}) without the error schema. A request the HTTP layer refuses
   *     before routing (a path that is not a URI) gets that layer's own 400, as API Gateway answers with its own.
   */
  private static String problem(String method, LocalCloudExtension.Response response) {
    if (response.status() >= 500) {
      return "a server error";
    }
    if (response.status() >= 400 && !method.equals("HEAD") && (response.body() == null || response.body().isBlank())) {
      return "no explanation";
    }
    if (response.status() >= 400 && !method.equals("HEAD") && response.headers().containsKey("x-correlation-id")) {
      try {
        JsonNode error = JSON.readTree(response.body());
        if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
          return "no {code, message}";
        }
      } catch (Exception e) {
        return "not JSON";
      }
    }
    return null;
  }

  @Test
  @Order(2)
  void injectedFaultsOnEveryServiceConvergeOnceTheyStop() {
    List<String> carts = openCarts("ft", 10);
    Faults.start(new Faults.Plan(0.05, 0.05, 0.05), 7, "DynamoDb", "DynamoDbStreams", "EventBridge", "Sqs");
    Map<String, Integer> injected;
    Map<String, Integer> finalStatuses = new java.util.TreeMap<>();
    try {
      Random random = new Random(11);
      for (int i = 0; i < 150 * SCALE; i++) {
        String cart = carts.get(random.nextInt(carts.size()));
        int status = command("/shopping-cart/" + cart + "/add-item",
            "{\"cartId\":\"" + cart + "\",\"sku\":\"sku" + random.nextInt(5) + "\",\"quantity\":1}", UUID.randomUUID().toString());
        finalStatuses.merge(Integer.toString(status), 1, Integer::sum);
      }
    } finally {
      injected = Faults.stop();
    }
    SystemCheck.Figures figures = SystemCheck.assertConsistent(cloud, LEDGER);
    REPORT.put("faults", Map.of("commands", 150 * SCALE, "injected", injected, "finalStatuses", finalStatuses, "check", figures));
    assertThat(injected.values().stream().mapToInt(Integer::intValue).sum()).as("faults injected").isPositive();
  }

  @Test
  @Order(3)
  void aRestartInTheMiddleOfACommandStreamLosesNothing() throws Exception {
    List<String> carts = openCarts("rs", 4);
    AtomicBoolean restarted = new AtomicBoolean();
    ExecutorService client = Executors.newSingleThreadExecutor();
    Future<Integer> sent = client.submit(() -> {
      int count = 0;
      for (int i = 0; i < 60 * SCALE; i++) {
        String cart = carts.get(i % carts.size());
        command("/shopping-cart/" + cart + "/add-item", "{\"cartId\":\"" + cart + "\",\"sku\":\"r" + i + "\",\"quantity\":1}",
            UUID.randomUUID().toString());
        count++;
      }
      return count;
    });
    Thread.sleep(1_500);
    cloud.restart();
    restarted.set(true);
    int commands = sent.get();
    client.shutdown();
    SystemCheck.Figures figures = SystemCheck.assertConsistent(cloud, LEDGER);
    REPORT.put("restart", Map.of("commands", commands, "restarts", 1, "check", figures));
    assertThat(restarted).isTrue();
  }

  @Test
  @Order(4)
  void aProjectionCrashingMidBatchConverges() throws Exception {
    List<String> carts = openCarts("cr", 6);
    AtomicInteger crashed = new AtomicInteger();
    try (AutoCloseable crash = cloud.cloud().failProjection("cart-summary", event -> {
      boolean fail = event.path("detail").path("version").asLong() % 2 == 0;
      if (fail) {
        crashed.incrementAndGet();
      }
      return fail;
    })) {
      for (int i = 0; i < 30 * SCALE; i++) {
        String cart = carts.get(i % carts.size());
        command("/shopping-cart/" + cart + "/add-item", "{\"cartId\":\"" + cart + "\",\"sku\":\"c" + i + "\",\"quantity\":2}", null);
      }
      Thread.sleep(1_000);
    }
    SystemCheck.Figures figures = SystemCheck.assertConsistent(cloud, LEDGER);
    REPORT.put("projectionCrash", Map.of("commands", 30 * SCALE, "failedDeliveries", crashed.get(), "check", figures));
    assertThat(crashed.get()).isPositive();
  }

  @Test
  @Order(5)
  void concurrentClientsOnHotAndColdStreams() throws Exception {
    List<String> hot = openCarts("hot", 2);
    List<String> cold = openCarts("cold", 8);
    Map<String, Object> load = new LinkedHashMap<>();
    for (String kind : List.of("hot", "cold")) {
      Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < 8; c++) {
        int client = c;
        done.add(clients.submit(() -> {
          for (int i = 0; i < 25 * SCALE; i++) {
            String cart = kind.equals("hot") ? hot.get(i % 2) : cold.get(client);
            int status = command("/shopping-cart/" + cart + "/add-item",
                "{\"cartId\":\"" + cart + "\",\"sku\":\"l" + client + "-" + i + "\",\"quantity\":1}", null);
            statuses.computeIfAbsent(Integer.toString(status), s -> new AtomicInteger()).incrementAndGet();
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      clients.shutdown();
      Map<String, Integer> counts = new java.util.TreeMap<>();
      statuses.forEach((status, count) -> counts.put(status, count.get()));
      load.put(kind, Map.of("clients", 8, "commands", 8 * 25 * SCALE, "statuses", counts,
          "seconds", (System.nanoTime() - start) / 1e9));
      assertThat(counts.keySet()).as("%s answers", kind).allMatch(s -> s.equals("200") || s.equals("409"));
    }
    SystemCheck.Figures figures = SystemCheck.assertConsistent(cloud, LEDGER);
    load.put("check", figures);
    REPORT.put("load", load);
  }

  /** Opens carts; returns their ids. */
  private static List<String> openCarts(String prefix, int count) {
    List<String> carts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String cart = prefix + i;
      assertThat(command("/shopping-cart/" + cart + "/open-cart", "{\"cartId\":\"" + cart + "\",\"customerId\":\"" + prefix + "\"}", null))
          .as("open %s", cart).isEqualTo(201);
      carts.add(cart);
    }
    return carts;
  }

  /**
   * Sends a command as a careful client does: with an idempotency key, it retries what may or may not have
   * happened (no answer, 5xx, 409) with the same key until it gets a definite answer; without one, once.
   *
   * @return the final status, recorded in the ledger
   */
  private static int command(String path, String json, String idempotencyKey) {
    Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    for (int attempt = 1; ; attempt++) {
      LocalCloudExtension.Response response;
      try {
        response = cloud.send("POST", path, json, headers);
      } catch (RuntimeException unreachable) { // the cloud is restarting
        pause(200);
        continue;
      }
      boolean unsure = response.status() >= 500 || response.status() == 409;
      if (idempotencyKey == null || !unsure || attempt == 20) {
        LEDGER.record("POST", path, response);
        return response.status();
      }
      pause(50L * attempt);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() <= 160 ? text : text.substring(0, 157) + "...";
  }

  @AfterAll
  static void writeReport() throws Exception {
    REPORT.put("requests", LEDGER.entries().size());
    REPORT.put("statuses", LEDGER.statuses());
    REPORT.put("scale", SCALE);
    REPORT.put("functionFailureLines", FAILURE_LINES.size());
    Path report = Path.of("target/reliability/report.json");
    Files.createDirectories(report.getParent());
    Files.writeString(report, JSON.writeValueAsString(new java.util.TreeMap<>(REPORT)));
    synchronized (FAILURE_LINES) {
      Files.write(report.resolveSibling("failures.jsonl"), FAILURE_LINES);
    }
  }
}
