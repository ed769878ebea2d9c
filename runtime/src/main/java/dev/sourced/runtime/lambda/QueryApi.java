package dev.sourced.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sourced.api.DomainException;
import dev.sourced.api.Views;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.StreamNotFoundException;
import dev.sourced.runtime.json.Json;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.view.InvalidViewRequestException;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.projection.ServingVersion;
import dev.sourced.runtime.projection.ViewUnreadableException;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP side of one projection's query Lambda: route → query record (from path and query-string
 * parameters) → handler → 200 with the answer, or 404 when it answers nothing. A handler's errors map as a
 * command's do: a {@link JsonInputException} (e.g. a page request out of range) is 400, a {@link DomainException}
 * 422 with its code, a {@link StreamNotFoundException} 404; a view that cannot be read back is 500
 * {@code view-unreadable}, anything else 500 {@code internal-error}, both logged at ERROR with the stack trace.
 *
 * <p><b>Read your writes.</b> A query may carry {@code minVersion} and {@code stream} (the
 * {@code streamId} and {@code version} a command returned). The query then waits, polling the
 * projection's checkpoint of that stream, until the projection has applied that version or the timeout
 * (default 2 s) passes, and answers either way; the header {@code x-sourced-consistency} says
 * {@code reached} or {@code timed-out}.
 *
 * <p><b>Blue/green.</b> Which version's table answers is the {@link ServingVersion}'s choice: the current version
 * once its replay has made it ready, the previous one until then; the header {@code x-sourced-projection-version}
 * names the version that answered. When no version is ready (a new projection still replaying), the answer is
 * 503 {@code projection-replaying} with {@code Retry-After}.
 */
public final class QueryApi {
  static final String MIN_VERSION = "minVersion";
  static final String STREAM = "stream";
  /** An aggregate's name, the part of a stream id before its {@code #}: lower-case kebab case, as the processor requires. */
  private static final Pattern AGGREGATE_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  /**
   * Read-your-writes checks the checkpoint again after a quarter of the time it has waited, at least {@link #MIN_POLL}
   * and at most this: a view that lands between two checks waits at most about a quarter longer than it took, and a long
   * wait reads 40 times a second.
   */
  private static final Duration POLL = Duration.ofMillis(25);
  private static final Duration MIN_POLL = Duration.ofMillis(2);

  private final SourcedApplication app;
  private final JsonCodecs codecs;
  private final ProjectionDefinition<?> projection;
  private final ServingVersion serving;
  private final Map<ProjectionTable, Views<?>> views = new java.util.concurrent.ConcurrentHashMap<>();
  private final Duration readYourWritesTimeout;
  private final List<QueryDefinition> queries;
  private final RouteMatcher<QueryDefinition> routes = new RouteMatcher<>();
  private final ResultWriter results;
  private final Consumer<String> log;

  /** Answers from {@code table} whatever its status says (tests, tools). */
  public QueryApi(SourcedApplication app, JsonCodecs codecs, ProjectionDefinition<?> projection, ProjectionTable table,
      Duration readYourWritesTimeout, Consumer<String> log) {
    this(app, codecs, projection, ServingVersion.always(table, projection.version()), readYourWritesTimeout, log);
  }

  /** Answers from the version {@code serving} chooses. */
  public QueryApi(SourcedApplication app, JsonCodecs codecs, ProjectionDefinition<?> projection, ServingVersion serving,
      Duration readYourWritesTimeout, Consumer<String> log) {
    this.app = app;
    this.codecs = codecs;
    this.projection = projection;
    this.serving = serving;
    this.readYourWritesTimeout = readYourWritesTimeout;
    this.results = new ResultWriter(codecs);
    this.log = log;
    this.queries = app.queries(projection.name());
    queries.forEach(query -> routes.add(query.route(), query));
  }

  /** What generated query Lambdas call once per container. */
  public static QueryApi create(SourcedApplication app, JsonCodecs codecs, String projectionName, SourcedConfig config) {
    var dynamoDb = config.dynamoDbClient();
    ProjectionTable table = new ProjectionTable(dynamoDb, SourcedConfig.require(config.projectionTable(), SourcedConfig.PROJECTION_TABLE));
    ProjectionTable previous = config.previousProjectionTable() == null ? null
        : new ProjectionTable(dynamoDb, config.previousProjectionTable());
    ProjectionDefinition<?> projection = Projections.definition(app, projectionName);
    int version = config.projectionVersion() != null ? config.projectionVersion() : projection.version();
    QueryApi api = new QueryApi(app, codecs, projection, ServingVersion.of(table, version, previous),
        config.readYourWritesTimeout(), config.log());
    if (config.prime()) {
      api.prime();
    }
    return api;
  }

  /**
   * Primes the request path (see {@code SOURCED_PRIME}): answers, without logging, one request per
   * query route with {@code sourced-priming} for every path parameter. Query handlers only read, so
   * this reads views that are never written.
   */
  public void prime() {
    // its own look at the versions' status: a version still replaying now may be READY by the first real query
    QueryApi quiet = new QueryApi(app, codecs, projection, serving.fresh(), readYourWritesTimeout, line -> { });
    for (QueryDefinition query : queries) {
      Priming.bestEffort(() -> quiet.handle(Priming.request(query.route().method(), query.route().path(), null), null));
    }
  }

  /** Handles one HTTP API (v2) event. */
  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
    long start = System.nanoTime();
    String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
        ? event.getRequestContext().getHttp().getMethod() : "GET";
    String correlationId = Optional.ofNullable(CommandApi.header(event, CommandApi.CORRELATION_HEADER))
        .orElseGet(() -> context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString());
    LogLine line = LogLine.info("query request").put("service", app.name()).put("projection", projection.name())
        .put("method", method).put("path", event.getRawPath()).put("correlationId", correlationId);
    APIGatewayV2HTTPResponse response;
    try {
      response = dispatch(event, method, correlationId, line);
    } catch (ViewUnreadableException e) {
      line.put("outcome", "view-unreadable").put("viewKey", e.key()).unexpected(e);
      response = HttpResponses.error(500, "view-unreadable", "the " + projection.name() + " view '" + e.key()
          + "' cannot be read; it is reported, and rebuilt with its stream's next event where the projection can",
          null, correlationId);
    } catch (RuntimeException | Error e) {
      line.put("outcome", "error").unexpected(e);
      response = HttpResponses.error(500, "internal-error", "internal error; quote the correlation id when reporting it", null,
          correlationId);
    }
    line.put("status", response.getStatusCode()).put("durationMs", (System.nanoTime() - start) / 1_000_000)
        .put("functionRequestId", context == null ? null : context.getAwsRequestId()).writeTo(log);
    return response;
  }

  private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event, String method, String correlationId, LogLine line) {
    Optional<RouteMatcher.Match<QueryDefinition>> match = routes.match(method, event.getRawPath());
    if (match.isEmpty()) {
      line.put("outcome", "no-route");
      return HttpResponses.error(404, "route-not-found", "no query route " + method + " " + event.getRawPath(), null, correlationId);
    }
    QueryDefinition query = match.get().target();
    line.put("query", query.name());
    ServingVersion.Choice version = serving.serving();
    if (version == null) {
      line.put("outcome", "replaying");
      APIGatewayV2HTTPResponse replaying = HttpResponses.error(503, "projection-replaying", "projection " + projection.name()
          + " version " + serving.current().version() + " is being built from the event history and no earlier version can answer;"
          + " retry in a few seconds", null, correlationId);
      Map<String, String> headers = new HashMap<>(replaying.getHeaders());
      headers.put("retry-after", "5");
      replaying.setHeaders(headers);
      return replaying;
    }
    line.put("projectionVersion", version.version());
    return withHeader(answer(event, query, match.get(), version.table(), correlationId, line), "x-sourced-projection-version",
        Integer.toString(version.version()));
  }

  private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, QueryDefinition query,
      RouteMatcher.Match<QueryDefinition> match, ProjectionTable table, String correlationId, LogLine line) {
    Views<?> views = this.views.computeIfAbsent(table, t -> new DynamoDbViews<>(t, codecs, projection.viewType()));
    Map<String, String> parameters = new HashMap<>(queryString(event));
    String minVersion = parameters.remove(MIN_VERSION);
    String stream = parameters.remove(STREAM);
    Record decoded;
    try {
      parameters.putAll(match.pathParameters(event.getPathParameters()));
      decoded = codecs.fromJson(query.type(), "{}", true, parameters);
      checkStream(stream);
    } catch (JsonInputException e) {
      line.put("outcome", "rejected");
      return HttpResponses.error(400, "invalid-request", e.getMessage(), e.path(), correlationId);
    }
    String consistency = null;
    if (minVersion != null) {
      long wanted = version(minVersion);
      if (wanted < 1) {
        line.put("outcome", "rejected");
        // the value shortened: an error must not repeat (or outgrow its answer with) whatever a request sent
        return HttpResponses.error(400, "invalid-request", "minVersion must be a stream version, a whole number from 1; found '"
            + Text.abbreviate(minVersion, 40) + "'", "$." + MIN_VERSION, correlationId);
      }
      if (stream == null) {
        line.put("outcome", "rejected");
        return HttpResponses.error(400, "invalid-request", "minVersion needs the stream it refers to, e.g. stream=shopping-cart%23c1",
            "$." + STREAM, correlationId);
      }
      consistency = await(table, stream, wanted) ? "reached" : "timed-out";
      line.put("consistency", consistency);
    }
    Object answer;
    try {
      answer = query.invoker().invoke(decoded, views);
    } catch (InvalidViewRequestException e) {
      // the handler asked for what cannot exist (a key too long to store) or cannot be served (a bad page)
      String field = parameterHolding(parameters, e.value());
      line.put("outcome", "rejected");
      return withConsistency(HttpResponses.error(400, "invalid-request", (field == null ? "" : field + ": ") + e.getMessage(),
          field, correlationId), consistency);
    } catch (JsonInputException e) {
      line.put("outcome", "rejected");
      return withConsistency(HttpResponses.error(400, "invalid-request", e.getMessage(), e.path(), correlationId), consistency);
    } catch (DomainException e) {
      line.put("outcome", "rejected").put("code", e.code());
      return withConsistency(HttpResponses.error(422, e.code(), e.getMessage(), null, correlationId), consistency);
    } catch (StreamNotFoundException e) {
      line.put("outcome", "rejected").put("code", "stream-not-found");
      return withConsistency(HttpResponses.error(404, "stream-not-found", e.getMessage(), null, correlationId), consistency);
    }
    if (answer == null || answer instanceof Optional<?> optional && optional.isEmpty()) {
      line.put("outcome", "not-found");
      APIGatewayV2HTTPResponse notFound = HttpResponses.error(404, "not-found", "no " + projection.name() + " view for " + decoded,
          null, correlationId);
      return withConsistency(notFound, consistency);
    }
    String body = results.write(answer);
    long payload = dev.sourced.runtime.json.Text.jsonStringBytes(body);
    if (payload > HttpResponses.MAX_PAYLOAD_BYTES) {
      // Lambda would fail to return it, and the HTTP API answer a bare 500: say why, and what helps
      line.put("outcome", "response-too-large").put("responseBytes", payload).atLeast(LogLine.Level.ERROR);
      return withConsistency(HttpResponses.error(500, "response-too-large", "the answer to " + query.name() + " would take "
          + payload + " bytes; a function returns at most " + HttpResponses.MAX_PAYLOAD_BYTES
          + " (Lambda's 6 MB less the response's envelope): ask for fewer views (a smaller page)", null, correlationId),
          consistency);
    }
    line.put("outcome", "answered");
    return withConsistency(HttpResponses.json(200, body, correlationId), consistency);
  }

  /** @return the version {@code minVersion} names (decimal digits only), or 0 when it names none */
  private static long version(String minVersion) {
    if (minVersion.isEmpty() || minVersion.length() > 19) {
      return 0;
    }
    for (int i = 0; i < minVersion.length(); i++) {
      char c = minVersion.charAt(i);
      if (c < '0' || c > '9') {
        return 0; // not a sign, not a space: a version is a count
      }
    }
    return Long.parseLong(minVersion);
  }

  /**
   * The stream names a checkpoint item: {@code checkpoint#<stream>} must be a valid key, and the stream an aggregate's
   * ({@code <aggregate>#<id>}): a waited-for stream no projection can check would hold the request for the whole wait.
   */
  private static void checkStream(String stream) {
    if (stream == null) {
      return;
    }
    KeyLimits.checkStreamId(stream, "$." + STREAM);
    int hash = stream.indexOf('#');
    if (hash < 1 || hash == stream.length() - 1 || !AGGREGATE_NAME.matcher(stream.substring(0, hash)).matches()) {
      throw new JsonInputException("$." + STREAM, "is not a stream id, <aggregate>#<id>, e.g. shopping-cart#c1; found '"
          + Text.abbreviate(stream, 40) + "'");
    }
  }

  /** @return {@code $.<name>} of the one request parameter whose text is {@code value}, or null */
  private static String parameterHolding(Map<String, String> parameters, String value) {
    if (value == null) {
      return null;
    }
    List<String> names = parameters.entrySet().stream().filter(p -> value.equals(p.getValue())).map(Map.Entry::getKey).toList();
    return names.size() == 1 ? Json.child("$", names.get(0)) : null;
  }

  private boolean await(ProjectionTable table, String stream, long version) {
    long start = System.nanoTime();
    long deadline = start + readYourWritesTimeout.toNanos();
    while (true) {
      if (table.checkpoint(stream) >= version) {
        return true;
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        return false;
      }
      try {
        Thread.sleep(pollWait(Duration.ofNanos(now - start)).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** @return how long read-your-writes waits before its next check, having waited {@code waited} so far */
  static Duration pollWait(Duration waited) {
    Duration quarter = waited.dividedBy(4);
    return quarter.compareTo(MIN_POLL) < 0 ? MIN_POLL : quarter.compareTo(POLL) > 0 ? POLL : quarter;
  }

  private static APIGatewayV2HTTPResponse withConsistency(APIGatewayV2HTTPResponse response, String consistency) {
    return consistency == null ? response : withHeader(response, "x-sourced-consistency", consistency);
  }

  private static APIGatewayV2HTTPResponse withHeader(APIGatewayV2HTTPResponse response, String name, String value) {
    Map<String, String> headers = new HashMap<>(response.getHeaders());
    headers.put(name, value);
    response.setHeaders(headers);
    return response;
  }

  private static Map<String, String> queryString(APIGatewayV2HTTPEvent event) {
    return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
  }
}
