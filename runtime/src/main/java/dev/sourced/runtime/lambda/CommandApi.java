package dev.sourced.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sourced.api.DomainException;
import dev.sourced.runtime.ConcurrencyConflictException;
import dev.sourced.runtime.EventTooLargeException;
import dev.sourced.runtime.IdempotencyKeyReusedException;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.StreamNotFoundException;
import dev.sourced.runtime.UniqueValueTakenException;
import dev.sourced.runtime.UnpublishableEventException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.json.Json;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.spi.CommandDefinition;
import dev.sourced.spi.SourcedApplication;
import dev.sourced.spi.UniqueValue;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The HTTP side of one aggregate's command Lambda. Responses:
 *
 * <ul>
 *   <li>201 (creation) / 200: {@code {"streamId","version","events":[{"eventId","type","version"}]}}
 *   <li>401: {@code invalid-caller}: the identity the HTTP API's authorizer passed cannot be recorded (a
 *       principal or a claim the handler asked for that is too long or not valid text, a JWT without {@code sub};
 *       see {@link dev.sourced.api.Caller}); nothing is written
 *   <li>400: malformed JSON, a missing, null or mistyped field, a repeated key, a string that is not valid
 *       text, a path id contradicting the body or too long for the tables' keys, a unique value that cannot be a
 *       key (empty, or too long), a bad Idempotency-Key or
 *       x-correlation-id, a string the request carried that an event cannot be published with;
 *       {@code path} names the JSON path (a path parameter is {@code $.<name>})
 *   <li>404: no such route, or a non-creation command on a stream that does not exist
 *   <li>409: a creation command on an existing stream ({@code stream-exists}), a unique value another stream
 *       holds ({@code unique-value-taken}, naming the scope, never the value), or a conflict after every retry
 *   <li>413: an event too large to store
 *   <li>422: {@code {"code","message"}} of a {@link DomainException}, an Idempotency-Key reused for
 *       another command, or an event the aggregate decided that could not be published
 *       ({@code unpublishable-event}); nothing is written
 *   <li>500: {@code {"code":"internal-error","correlationId"}} and nothing else
 * </ul>
 *
 * The caller is read from the request context as the authorizer put it ({@link RequestCaller}), never from a
 * header. Each request is logged as one JSON line ({@link LogLine}) with its route, streamId, commandId, principal,
 * outcome, status and duration; a 500 at ERROR with the stack trace.
 */
public final class CommandApi {
  static final String IDEMPOTENCY_HEADER = "idempotency-key";
  static final String CORRELATION_HEADER = "x-correlation-id";
  private static final int MAX_KEY_LENGTH = KeyLimits.MAX_IDEMPOTENCY_KEY_CHARS;

  private final SourcedApplication app;
  private final JsonCodecs codecs;
  private final CommandBus<?> bus;
  private final RouteMatcher<CommandDefinition> routes = new RouteMatcher<>();
  private final Consumer<String> log;

  /**
   * @param app the generated registry
   * @param codecs the generated codecs
   * @param bus the aggregate's command bus
   * @param log where request log lines go (Lambda: stdout)
   */
  public CommandApi(SourcedApplication app, JsonCodecs codecs, CommandBus<?> bus, Consumer<String> log) {
    this.app = app;
    this.codecs = codecs;
    this.bus = bus;
    this.log = log;
    for (CommandDefinition command : bus.aggregate().commands()) {
      if (!command.internal()) { // only process managers send it, in-process: no route reaches it
        routes.add(command.route(), command);
      }
    }
  }

  /**
   * What generated Lambdas call once per container.
   *
   * @return an API on DynamoDB as configured
   */
  public static CommandApi create(SourcedApplication app, JsonCodecs codecs, Class<?> aggregateType, SourcedConfig config) {
    DynamoDbClient dynamoDb = config.dynamoDbClient();
    DynamoDbEventStore store = DynamoDbEventStore.builder()
        .dynamoDbClient(dynamoDb)
        .tableName(config.requireEventTable())
        .build();
    CommandBus.Builder<?> bus = CommandBus.builder(app, aggregateType)
        .codecs(codecs)
        .eventStore(store)
        .idempotencyTtl(config.idempotencyTtl())
        .log(config.log());
    if (config.snapshotTable() != null) {
      bus.snapshotStore(new SnapshotStore(dynamoDb, config.snapshotTable()));
    }
    CommandApi api = new CommandApi(app, codecs, bus.build(), config.log());
    if (config.prime()) {
      api.prime();
    }
    return api;
  }

  /**
   * Primes the request path without effect (see {@code SOURCED_PRIME}): loads a stream that is never
   * written, and answers, without logging, one request per command route whose body the strict decoder
   * rejects (400), so no handler runs.
   */
  public void prime() {
    Priming.bestEffort(bus::prime);
    CommandApi quiet = new CommandApi(app, codecs, bus, line -> { });
    for (CommandDefinition command : bus.aggregate().commands()) {
      if (command.internal()) {
        continue;
      }
      Priming.bestEffort(() -> quiet.handle(Priming.request(command.route().method(), command.route().path(), Priming.REJECTED_BODY), null));
    }
  }

  /** Handles one HTTP API (v2) event. */
  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
    long start = System.nanoTime();
    String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
        ? event.getRequestContext().getHttp().getMethod() : null;
    String path = event.getRawPath();
    String correlationId = Optional.ofNullable(header(event, CORRELATION_HEADER)).filter(id -> correlationProblem(id) == null)
        .orElseGet(() -> context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString());
    LogLine line = LogLine.info("command request")
        .put("service", app.name())
        .put("aggregate", bus.aggregate().name())
        .put("method", method)
        .put("path", path)
        .put("correlationId", correlationId);
    APIGatewayV2HTTPResponse response;
    try {
      response = dispatch(event, method, path, correlationId, line);
    } catch (RuntimeException | Error e) {
      line.put("outcome", "error").unexpected(e);
      response = HttpResponses.error(500, "internal-error", "internal error; quote the correlation id when reporting it",
          null, correlationId);
    }
    line.put("status", response.getStatusCode()).put("durationMs", (System.nanoTime() - start) / 1_000_000)
        .put("functionRequestId", context == null ? null : context.getAwsRequestId()).writeTo(log);
    return response;
  }

  private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event, String method, String path, String correlationId,
      LogLine line) {
    Optional<RouteMatcher.Match<CommandDefinition>> match = routes.match(method, path);
    if (match.isEmpty()) {
      line.put("outcome", "no-route");
      return HttpResponses.error(404, "route-not-found", "no command route " + method + " " + path, null, correlationId);
    }
    CommandDefinition command = match.get().target();
    line.put("command", command.name());
    String key = header(event, IDEMPOTENCY_HEADER);
    if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH || Text.problem(key) != null)) {
      line.put("outcome", "rejected");
      return HttpResponses.error(400, "invalid-idempotency-key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
          + " characters" + (Text.problem(key) != null ? "; it " + Text.problem(key) : ""), null, correlationId);
    }
    String correlationProblem = correlationProblem(header(event, CORRELATION_HEADER));
    if (correlationProblem != null) {
      line.put("outcome", "rejected");
      return HttpResponses.error(400, "invalid-correlation-id", correlationProblem, null, correlationId);
    }
    RequestCaller caller = RequestCaller.of(event, command.claims());
    if (caller.problem() != null) {
      line.put("outcome", "rejected").put("code", "invalid-caller");
      return HttpResponses.error(401, "invalid-caller", caller.problem(), null, correlationId);
    }
    line.put("principal", caller.caller().principal());
    Record decoded;
    try {
      decoded = codecs.fromJson(command.type(), body(event), true, match.get().pathParameters(event.getPathParameters()));
      checkAggregateId(command, decoded);
      checkUniqueValues(command, decoded);
    } catch (JsonInputException e) {
      line.put("outcome", "rejected");
      return HttpResponses.error(400, "invalid-request", e.getMessage(), e.path(), correlationId);
    }
    line.put("streamId", bus.aggregate().streamId(bus.aggregate().dispatcher().aggregateId(decoded)));
    try {
      CommandResult result = bus.handle(decoded, new CommandOptions(key, correlationId, null, caller.caller()));
      line.put("outcome", result.replayed() ? "replayed" : "accepted")
          .put("version", result.version())
          .put("events", result.events().size())
          .put("commandId", result.commandId());
      return HttpResponses.json(result.status(), result.toJson(), correlationId);
    } catch (DomainException e) {
      line.put("outcome", "rejected").put("code", e.code());
      return HttpResponses.error(422, e.code(), e.getMessage(), null, correlationId);
    } catch (IdempotencyKeyReusedException e) {
      line.put("outcome", "rejected").put("code", "idempotency-key-reused");
      return HttpResponses.error(422, "idempotency-key-reused", e.getMessage(), null, correlationId);
    } catch (StreamNotFoundException e) {
      line.put("outcome", "rejected").put("code", "stream-not-found");
      return HttpResponses.error(404, "stream-not-found", e.getMessage(), null, correlationId);
    } catch (StreamAlreadyExistsException e) {
      line.put("outcome", "rejected").put("code", "stream-exists");
      return HttpResponses.error(409, "stream-exists", e.getMessage(), null, correlationId);
    } catch (UniqueValueTakenException e) {
      line.put("outcome", "rejected").put("code", "unique-value-taken");
      return HttpResponses.error(409, "unique-value-taken", e.getMessage(), null, correlationId);
    } catch (ConcurrencyConflictException e) {
      line.put("outcome", "conflict").atLeast(LogLine.Level.WARN);
      return HttpResponses.error(409, "concurrency-conflict", e.getMessage(), null, correlationId);
    } catch (EventTooLargeException e) {
      line.put("outcome", "rejected").put("code", "event-too-large");
      // the event is the handler's, but what made it large is most likely the request's longest value: point at it
      String longest = codecs.longestStringPath(decoded);
      return HttpResponses.error(413, "event-too-large", e.getMessage()
          + (longest == null ? "" : "; the request's longest value is " + longest), longest, correlationId);
    } catch (UnpublishableEventException e) {
      // a string the request carried (a customer id a view is keyed by): name its field
      String field = e.value() == null ? null : codecs.pathOf(decoded, e.value());
      if (field != null) {
        line.put("outcome", "rejected").put("code", "invalid-request");
        return HttpResponses.error(400, "invalid-request", field + ": " + e.getMessage(), field, correlationId);
      }
      line.put("outcome", "rejected").put("code", "unpublishable-event");
      return HttpResponses.error(422, "unpublishable-event", e.getMessage(), null, correlationId);
    }
  }

  /**
   * The aggregate id becomes part of the keys of the event table and of every projection table (see
   * {@link KeyLimits}): refuse one too long for the longest of them.
   */
  private void checkAggregateId(CommandDefinition command, Record decoded) {
    String problem = KeyLimits.aggregateIdProblem(bus.aggregate().name(), bus.aggregate().dispatcher().aggregateId(decoded));
    if (problem != null) {
      throw new JsonInputException(Json.child("$", command.aggregateIdComponent()), problem);
    }
  }

  /** A value a creation command claims ({@code @Unique}) becomes part of its reservation's key: refuse one that cannot. */
  private void checkUniqueValues(CommandDefinition command, Record decoded) {
    for (UniqueValue claim : command.unique()) {
      String problem = KeyLimits.uniqueValueProblem(bus.aggregate().name(), claim.scope(), claim.of(decoded));
      if (problem != null) {
        throw new JsonInputException(Json.child("$", claim.component()), problem);
      }
    }
  }

  /** The correlation id is stored in every event's metadata and published with it, even when its data is not. */
  private static String correlationProblem(String correlationId) {
    if (correlationId == null) {
      return null;
    }
    if (correlationId.isEmpty() || correlationId.length() > MAX_KEY_LENGTH) {
      return CORRELATION_HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters; found " + correlationId.length();
    }
    String problem = Text.problem(correlationId);
    return problem == null ? null : CORRELATION_HEADER + " " + problem;
  }

  /**
   * @return the request's JSON text; a body API Gateway passed base64-encoded (one it did not take for text) decoded
   *     as UTF-8, which JSON must be (RFC 8259)
   * @throws JsonInputException when that body is not base64 or not UTF-8: refused, never repaired with U+FFFD
   */
  static String body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null || body.isBlank()) {
      return "{}";
    }
    if (!event.getIsBase64Encoded()) {
      return body;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new JsonInputException("$", "the body is marked base64-encoded but is not base64", e);
    }
    String text = Text.utf8(bytes);
    if (text == null) {
      throw new JsonInputException("$", "the body is not valid UTF-8, as JSON must be; send it encoded as UTF-8");
    }
    return text;
  }

  /** HTTP APIs lower-case header names; be lenient anyway. */
  static String header(APIGatewayV2HTTPEvent event, String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
