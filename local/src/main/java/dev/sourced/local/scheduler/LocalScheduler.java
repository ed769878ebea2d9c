package dev.sourced.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sourced.local.LocalHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's one-time schedules on a loopback port, spoken to with the real SDK client: the REST-JSON
 * {@code CreateSchedule} ({@code POST /schedules/{Name}}) of an {@code at(...)} expression in UTC whose target is a
 * queue, and {@code DeleteSchedule} ({@code DELETE /schedules/{Name}?groupName=}). At its time a schedule sends its
 * input to the queue and is deleted (as with {@code ActionAfterCompletion: DELETE}). A name taken in its group is a
 * {@code ConflictException}, a missing one a {@code ResourceNotFoundException}, as in AWS.
 *
 * <p>Tests that cannot wait minutes for a deadline bound the delay ({@link #start(BiConsumer, Consumer, Duration)}):
 * a schedule then runs at its time or after that bound, whichever comes first.
 */
public final class LocalScheduler implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
  private static final Pattern PATH = Pattern.compile("/schedules/([^/?]+)");

  private final HttpServer server;
  private final ScheduledExecutorService timer;
  private final BiConsumer<String, String> send;
  private final Consumer<String> hops;
  private final Duration maxDelay;
  private final Map<String, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();
  private final URI endpoint;

  private LocalScheduler(HttpServer server, BiConsumer<String, String> send, Consumer<String> hops, Duration maxDelay) {
    this.server = server;
    this.send = send;
    this.hops = hops;
    this.maxDelay = maxDelay;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "local-scheduler");
      thread.setDaemon(true);
      return thread;
    });
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    server.createContext("/schedules/", this::handle);
    server.start();
  }

  /**
   * @param send sends a schedule's input to a queue: (queue ARN, message body)
   * @param hops where a line per schedule created goes
   * @param maxDelay the longest a schedule waits here; null for its own time
   * @return a running scheduler on a free loopback port
   */
  public static LocalScheduler start(BiConsumer<String, String> send, Consumer<String> hops, Duration maxDelay) {
    try {
      HttpServer server = LocalHttp.server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      return new LocalScheduler(server, send, hops, maxDelay);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the local scheduler", e);
    }
  }

  /** @return its endpoint, for {@code SOURCED_SCHEDULER_ENDPOINT} */
  public URI endpoint() {
    return endpoint;
  }

  /** @return how many schedules are waiting */
  public int pending() {
    return schedules.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!path.matches()) {
        respond(exchange, 404, "ResourceNotFoundException", "no such path");
        return;
      }
      String name = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
      switch (exchange.getRequestMethod()) {
        case "POST" -> create(exchange, name, JSON.readTree(exchange.getRequestBody().readAllBytes()));
        case "DELETE" -> delete(exchange, name, query(exchange.getRequestURI().getRawQuery(), "groupName"));
        default -> respond(exchange, 400, "ValidationException", "only CreateSchedule and DeleteSchedule are served here");
      }
    } catch (RuntimeException e) {
      respond(exchange, 500, "InternalServerException", String.valueOf(e.getMessage()));
    }
  }

  private void create(HttpExchange exchange, String name, JsonNode request) throws IOException {
    String group = request.path("GroupName").asText("default");
    Matcher at = AT.matcher(request.path("ScheduleExpression").asText());
    String target = request.path("Target").path("Arn").asText(null);
    String input = request.path("Target").path("Input").asText(null);
    if (!at.matches() || target == null || input == null) {
      respond(exchange, 400, "ValidationException", "a one-time schedule takes at(yyyy-mm-ddThh:mm:ss), a target ARN and an input");
      return;
    }
    if (!"UTC".equals(request.path("ScheduleExpressionTimezone").asText("UTC"))) {
      respond(exchange, 400, "ValidationException", "schedules here are in UTC");
      return;
    }
    String key = group + "/" + name;
    Instant due = LocalDateTime.parse(at.group(1)).toInstant(ZoneOffset.UTC);
    Duration wait = Duration.between(Instant.now(), due);
    if (maxDelay != null && wait.compareTo(maxDelay) > 0) {
      wait = maxDelay;
    }
    long millis = Math.max(0, wait.toMillis());
    synchronized (schedules) {
      if (schedules.containsKey(key)) {
        respond(exchange, 409, "ConflictException", "Schedule " + name + " already exists.");
        return;
      }
      schedules.put(key, timer.schedule(() -> {
        schedules.remove(key);
        send.accept(target, input);
      }, millis, TimeUnit.MILLISECONDS));
    }
    hops.accept("schedule " + name + " in " + group + " at " + due + (millis < Duration.between(Instant.now(), due).toMillis()
        ? " (runs in " + millis + " ms here)" : "") + " → " + target);
    respond(exchange, 200, null, JSON.createObjectNode().put("ScheduleArn",
        "arn:aws:scheduler:us-east-1:000000000000:schedule/" + group + "/" + name).toString());
  }

  private void delete(HttpExchange exchange, String name, String group) throws IOException {
    ScheduledFuture<?> schedule = schedules.remove((group == null ? "default" : group) + "/" + name);
    if (schedule == null) {
      respond(exchange, 404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
      return;
    }
    schedule.cancel(false);
    respond(exchange, 200, null, "{}");
  }

  private static String query(String rawQuery, String parameter) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(parameter)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void respond(HttpExchange exchange, int status, String errorType, String body) throws IOException {
    if (errorType != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    }
    LocalHttp.send(exchange, status, "application/json", errorType == null ? body : JSON.createObjectNode().put("Message", body).toString());
  }

  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
  }
}
