package dev.sourced.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.QueueSpec;
import dev.sourced.local.stepfunctions.ExecutionStatus;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.lambda.RouteMatcher;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.projection.ProjectionStatus;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.spi.SourcedApplication;
import dev.sourced.spi.TableKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The developer console: {@code GET /_sourced} (an HTML page) and its JSON API:
 *
 * <ul>
 *   <li>{@code GET /_sourced/api/streams}: every stream, its version and last event
 *   <li>{@code GET /_sourced/api/streams/{streamId}}: a stream's events
 *   <li>{@code GET /_sourced/api/projections}: each projection's status, lag, queue and DLQ depth
 *   <li>{@code GET /_sourced/api/process-managers}: each process manager's instances, pending deadlines, lag, queue and
 *       DLQ depth
 *   <li>{@code POST /_sourced/api/process-managers/{name}/redrive}: moves its DLQ's messages back to its queue
 *   <li>{@code GET /_sourced/api/queues}: every queue's depth
 *   <li>{@code POST /_sourced/api/projections/{name}/redrive}: moves its DLQ's messages back to its queue
 *   <li>{@code POST /_sourced/api/projections/{name}/replay}: starts its replay workflow over the whole event store;
 *       {@code …/replay/{streamId}} (URL-encoded) over one stream. 202 with the execution; its progress is in the
 *       projection's {@code replay} (events read, sent and applied, events per second, state)
 * </ul>
 *
 * It scans the event table, which is fine on a laptop and is why it exists only in the local cloud.
 */
final class Console {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/_sourced/api/";
  /** Where the console serves the app's OpenAPI document (its routes, their parameters and bodies). */
  static final String OPENAPI_PATH = "/_sourced/openapi.json";

  record Response(int status, String contentType, String body) {}

  private record StoredEventSummary(String streamId, long version, String type, String timestamp) {}

  private final LocalCloud cloud;
  private final String page;

  Console(LocalCloud cloud) {
    this.cloud = cloud;
    try (InputStream in = Console.class.getResourceAsStream("console.html")) {
      this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response handle(String method, String path) {
    try {
      if (path.equals("/_sourced") || path.equals("/_sourced/")) {
        return new Response(200, "text/html; charset=utf-8", page);
      }
      if (path.equals(OPENAPI_PATH)) {
        return method.equals("GET") ? openApi() : error(405, "the OpenAPI document is a GET");
      }
      if (!path.startsWith(PREFIX)) {
        return error(404, "no such console page: " + Text.abbreviate(path, 80));
      }
      String[] parts = path.substring(PREFIX.length()).split("/");
      String resource = parts[0];
      if (method.equals("GET") && resource.equals("streams") && parts.length == 1) {
        return json(streams());
      }
      if (method.equals("GET") && resource.equals("streams") && parts.length == 2) {
        return stream(RouteMatcher.decode(parts[1], "streamId"));
      }
      if (method.equals("GET") && resource.equals("projections") && parts.length == 1) {
        return json(projections());
      }
      if (method.equals("GET") && resource.equals("queues") && parts.length == 1) {
        return json(queues());
      }
      if (method.equals("GET") && resource.equals("process-managers") && parts.length == 1) {
        return json(processManagers());
      }
      if (resource.equals("projections") && (parts.length == 3 || parts.length == 4) && parts[2].equals("replay")) {
        if (!method.equals("POST")) {
          return error(405, "replay is a POST");
        }
        String name = RouteMatcher.decode(parts[1], "name");
        if (!cloud.deployment().projections().contains(name)) {
          return error(404, "no projection '" + Text.abbreviate(name, 80) + "'");
        }
        String streamId = parts.length == 4 ? RouteMatcher.decode(parts[3], "streamId") : null;
        if (streamId != null && !streamExists(streamId)) {
          return error(404, "no stream '" + Text.abbreviate(streamId, 80) + "' in the event store");
        }
        LocalCloud.ReplayRun run;
        synchronized (cloud) { // LocalCloud.replay's lock: no replay starts between the look and the start
          LocalCloud.ReplayRun running = cloud.replays().get(name);
          if (streamId == null && running != null && running.streamId() == null
              && running.execution().status() == ExecutionStatus.RUNNING) {
            // a second replay of the whole store would race the first over the same version's table and status
            return error(409, "a replay of '" + name + "' over the whole store is running (" + running.execution().id()
                + "); wait for it to end");
          }
          run = cloud.replay(name, streamId);
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("projection", name);
        result.put("streamId", streamId);
        result.put("executionArn", run.execution().id());
        result.put("startedAt", run.startedAt().toString());
        return new Response(202, "application/json", JSON.writeValueAsString(result));
      }
      boolean projection = resource.equals("projections");
      if ((projection || resource.equals("process-managers")) && parts.length == 3 && parts[2].equals("redrive")) {
        if (!method.equals("POST")) {
          return error(405, "redrive is a POST");
        }
        String name = RouteMatcher.decode(parts[1], "name");
        if (!(projection ? cloud.deployment().projections() : cloud.deployment().processManagers()).contains(name)) {
          return error(404, "no " + (projection ? "projection" : "process manager") + " '" + Text.abbreviate(name, 80) + "'");
        }
        ObjectNode result = JSON.createObjectNode();
        result.put(projection ? "projection" : "processManager", name);
        result.put("moved", cloud.redrive(name));
        return json(result);
      }
      return error(404, "no such console resource: " + method + " " + Text.abbreviate(path, 80));
    } catch (JsonInputException e) {
      return error(400, e.getMessage()); // a path segment that is not percent-encoded UTF-8 (RFC 3986: '+' is a plus sign)
    } catch (RuntimeException | IOException e) {
      cloud.log().hop("cloud", "console request failed: " + e);
      cloud.log().json(LogLine.error("the local console failed to handle a request").put("method", method).put("path", path)
          .unexpected(e).toJson());
      return error(500, "the console failed to handle the request; its log line says why");
    }
  }

  private List<StoredEventSummary> events() {
    List<StoredEventSummary> events = new ArrayList<>();
    ScanRequest request = ScanRequest.builder().tableName(cloud.deployment().eventTable().name())
        .filterExpression("#kind = :event").expressionAttributeNames(Map.of("#kind", "kind"))
        .expressionAttributeValues(Map.of(":event", AttributeValue.fromS("event")))
        .limit(1_000) // DynamoDB Local reads every remaining item for a page without a limit
        .build();
    cloud.dynamoDb().scanPaginator(request).items().forEach(item -> events.add(new StoredEventSummary(
        item.get(TableKeys.EVENTS_PARTITION).s(), Long.parseLong(item.get(TableKeys.EVENTS_SORT).n()), item.get("type").s(), item.get("timestamp").s())));
    return events;
  }

  private ArrayNode streams() {
    Map<String, StoredEventSummary> last = new TreeMap<>();
    for (StoredEventSummary event : events()) {
      last.merge(event.streamId(), event, (a, b) -> a.version() >= b.version() ? a : b);
    }
    ArrayNode streams = JSON.createArrayNode();
    for (StoredEventSummary event : last.values()) {
      ObjectNode stream = streams.addObject();
      stream.put("streamId", event.streamId());
      stream.put("version", event.version());
      stream.put("lastEvent", event.type());
      stream.put("lastEventAt", event.timestamp());
    }
    return streams;
  }

  /** @return a consistent Query of one stream's events, in version order */
  private QueryRequest.Builder streamQuery(String streamId) {
    return QueryRequest.builder().tableName(cloud.deployment().eventTable().name()).consistentRead(true)
        .keyConditionExpression(TableKeys.EVENTS_PARTITION + " = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(streamId)));
  }

  private boolean streamExists(String streamId) {
    return cloud.dynamoDb().query(streamQuery(streamId).limit(1).build()).count() > 0;
  }

  private Response stream(String streamId) {
    ArrayNode events = JSON.createArrayNode();
    QueryRequest request = streamQuery(streamId).build();
    cloud.dynamoDb().queryPaginator(request).items().forEach(item -> {
      ObjectNode event = events.addObject();
      event.put("version", Long.parseLong(item.get(TableKeys.EVENTS_SORT).n()));
      event.put("type", item.get("type").s());
      event.put("revision", Integer.parseInt(item.get("revision").n()));
      event.put("eventId", item.get("eventId").s());
      event.put("timestamp", item.get("timestamp").s());
      event.set("data", parse(item.get("data").s()));
    });
    if (events.isEmpty()) {
      return error(404, "no stream '" + Text.abbreviate(streamId, 80) + "'");
    }
    ObjectNode stream = JSON.createObjectNode();
    stream.put("streamId", streamId);
    stream.set("events", events);
    return json(stream);
  }

  private ArrayNode projections() {
    List<StoredEventSummary> events = events();
    ArrayNode projections = JSON.createArrayNode();
    for (Deployment.Pipeline pipeline : cloud.deployment().pipelines()) {
      ProjectionTable table = new ProjectionTable(cloud.dynamoDb(), pipeline.table().name());
      ProjectionStatus status = table.status();
      long pending = lag(events, table, pipeline.rule().detailTypes());
      ObjectNode projection = projections.addObject();
      projection.put("name", pipeline.projection());
      projection.put("version", pipeline.table().version());
      projection.put("table", pipeline.table().name());
      projection.put("state", status.state().name());
      projection.put("eventsApplied", status.eventsApplied());
      projection.put("lastEventAt", status.lastEventAt() == null ? null : status.lastEventAt().toString());
      projection.put("lag", pending);
      projection.put("queue", pipeline.queue().name());
      projection.put("queueDepth", cloud.sqs().depth(cloud.queueUrl(pipeline.queue().name())));
      projection.put("deadLetterQueue", pipeline.deadLetterQueue().name());
      projection.put("deadLetterDepth", cloud.sqs().depth(cloud.queueUrl(pipeline.deadLetterQueue().name())));
      projection.putArray("consumes").addAll(pipeline.rule().detailTypes().stream().map(JSON.getNodeFactory()::textNode).toList());
      projection.put("previousVersion", pipeline.previousTable() == null ? null : pipeline.previousTable().version());
      projection.put("servingVersion", status.ready() ? Integer.valueOf(pipeline.table().version())
          : pipeline.previousTable() != null && new ProjectionTable(cloud.dynamoDb(), pipeline.previousTable().name()).status().ready()
          ? Integer.valueOf(pipeline.previousTable().version()) : null);
      projection.set("replay", replay(pipeline, status));
    }
    return projections;
  }

  private ArrayNode processManagers() {
    List<StoredEventSummary> events = events();
    ArrayNode processManagers = JSON.createArrayNode();
    for (Deployment.Process process : cloud.deployment().processes()) {
      ProjectionTable table = new ProjectionTable(cloud.dynamoDb(), process.table().name());
      int instances = 0;
      int deadlines = 0;
      String cursor = null;
      do {
        ProjectionTable.Page page = table.views(100, cursor);
        for (ProjectionTable.StoredView view : page.views()) {
          instances++;
          deadlines += parse(view.data()).path("deadlines").size();
        }
        cursor = page.nextCursor();
      } while (cursor != null);
      ObjectNode node = processManagers.addObject();
      node.put("name", process.processManager());
      node.put("table", process.table().name());
      node.put("instances", instances);
      node.put("pendingDeadlines", deadlines);
      node.put("eventsApplied", table.status().eventsApplied());
      node.put("lag", lag(events, table, process.rule().detailTypes()));
      node.put("queue", process.queue().name());
      node.put("queueDepth", cloud.sqs().depth(cloud.queueUrl(process.queue().name())));
      node.put("deadLetterQueue", process.deadLetterQueue().name());
      node.put("deadLetterDepth", cloud.sqs().depth(cloud.queueUrl(process.deadLetterQueue().name())));
      node.putArray("consumes").addAll(process.rule().detailTypes().stream().map(JSON.getNodeFactory()::textNode).toList());
    }
    return processManagers;
  }

  /** @return how many events of the consumed types are above their stream's checkpoint in a table */
  private static long lag(List<StoredEventSummary> events, ProjectionTable table, List<String> detailTypes) {
    Set<String> consumed = new HashSet<>(detailTypes);
    Map<String, Long> checkpoints = new TreeMap<>();
    long pending = 0;
    for (StoredEventSummary event : events) {
      if (consumed.contains(event.type()) && event.version() > checkpoints.computeIfAbsent(event.streamId(), table::checkpoint)) {
        pending++;
      }
    }
    return pending;
  }

  /** The last replay: the status item's counters, the local execution's state, events per second. */
  private JsonNode replay(Deployment.Pipeline pipeline, ProjectionStatus status) {
    LocalCloud.ReplayRun run = cloud.replays().get(pipeline.projection());
    ProjectionStatus.Replay replay = status.replay();
    if (replay == null && run == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    if (run != null) {
      node.put("execution", run.execution().status().name());
      node.put("executionArn", run.execution().id());
      node.put("streamId", run.streamId());
    }
    if (run != null && run.streamId() != null) {
      // one stream's replay: the status item counts only replays of the whole store, so none of its figures are this run's
      node.put("mode", "stream");
      node.put("startedAt", run.startedAt().toString());
      return node;
    }
    if (replay != null) {
      long applied = status.eventsApplied() - replay.appliedAtStart();
      java.time.Instant end = replay.finishedAt() != null ? replay.finishedAt() : java.time.Instant.now();
      double seconds = Math.max(0.001, java.time.Duration.between(replay.startedAt(), end).toMillis() / 1000.0);
      node.put("mode", replay.mode());
      node.put("startedAt", replay.startedAt().toString());
      node.put("finishedAt", replay.finishedAt() == null ? null : replay.finishedAt().toString());
      node.put("scanned", replay.scanned());
      node.put("sent", replay.sent());
      node.put("applied", applied);
      node.put("eventsPerSecond", Math.round(applied / seconds));
    }
    return node;
  }

  private ArrayNode queues() {
    ArrayNode queues = JSON.createArrayNode();
    for (QueueSpec queue : cloud.deployment().queues()) {
      queue(queues, queue.name(), queue.role() == QueueSpec.Role.DEAD_LETTER || queue.role() == QueueSpec.Role.REPLAY_DEAD_LETTER
          || queue.role() == QueueSpec.Role.PUBLISHER_FAILURES);
    }
    return queues;
  }

  private void queue(ArrayNode queues, String name, boolean deadLetter) {
    ObjectNode queue = queues.addObject();
    queue.put("name", name);
    queue.put("depth", cloud.sqs().depth(cloud.queueUrl(name)));
    queue.put("deadLetter", deadLetter);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(json);
    }
  }

  /**
   * @return the OpenAPI document the processor wrote beside the app's registry: of this app, when the class path holds
   *     several (each class folder or jar has its own {@code META-INF/sourced/openapi.json})
   */
  private Response openApi() throws IOException {
    Class<?> registry = cloud.application().getClass();
    var source = registry.getProtectionDomain().getCodeSource();
    String location = source == null ? null : source.getLocation().toString();
    var resources = registry.getClassLoader().getResources(SourcedApplication.OPENAPI_RESOURCE);
    while (resources.hasMoreElements()) {
      var resource = resources.nextElement();
      if (location == null || resource.toString().contains(location)) {
        try (InputStream in = resource.openStream()) {
          return new Response(200, "application/json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return error(404, "no " + SourcedApplication.OPENAPI_RESOURCE + " beside " + registry.getName() + "; the processor writes it when it compiles"
        + " the app");
  }

  private static Response json(JsonNode body) {
    try {
      return new Response(200, "application/json", JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An error as the HTTP API answers them: a code by status, as API Gateway's own, and a message. */
  private static Response error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", switch (status) {
      case 400 -> "invalid-request";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 409 -> "conflict";
      default -> "internal-error";
    });
    body.put("message", message);
    try {
      return new Response(status, "application/json", JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
