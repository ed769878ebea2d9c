package dev.sourced.local.cloud;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sourced.deployment.FunctionSpec;
import dev.sourced.deployment.RouteSpec;
import dev.sourced.local.LocalHttp;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.lambda.HttpResponses;
import dev.sourced.runtime.lambda.RouteMatcher;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.spi.CommandDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API on localhost: requests to the app's routes become API Gateway HTTP API (payload format
 * 2.0) events for the function each route integrates with, as the deployed HTTP API does; {@code /health}
 * says whether every part is up; {@code /_sourced} is the developer console.
 *
 * <p>Every request is authorized as the deployed API authorizes it, by the request context, not by a header the
 * function could read: by default as the IAM user {@value #LOCAL_PRINCIPAL} (IAM is the deployed default). Two
 * headers, honoured here only and removed before the function sees the request, choose another caller:
 * {@value #PRINCIPAL_HEADER} (an IAM principal, e.g. an ARN) and {@value #JWT_HEADER} (a JSON object of a JWT's
 * claims, {@code sub} included: the request is then JWT-authorized with them). The deployed HTTP API passes such
 * headers through unread: the command API never takes an identity from a header.
 */
final class HttpApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  /**
   * Requests served at once: a query with {@code minVersion} holds its thread while it waits for the projection
   * (up to 2 s), so a few waiting queries must not keep commands out; idle threads end after a minute.
   */
  static final int THREADS = 32;
  /** Who sends requests that do not say otherwise. */
  static final String LOCAL_PRINCIPAL = "arn:aws:iam::000000000000:user/local-developer";
  /** Sends a request as this IAM principal. */
  static final String PRINCIPAL_HEADER = "x-sourced-local-principal";
  /** Sends a request as a JWT with these claims (a JSON object of strings). */
  static final String JWT_HEADER = "x-sourced-local-jwt";

  private final LocalCloud cloud;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final RouteMatcher<String> routes = new RouteMatcher<>();
  private final Console console;

  private HttpApi(LocalCloud cloud, HttpServer server) {
    this.cloud = cloud;
    this.server = server;
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, "sourced-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.allowCoreThreadTimeOut(true);
    for (RouteSpec route : cloud.deployment().routes()) {
      routes.add(new CommandDefinition.Route(route.method(), route.path(), List.of()), route.function());
    }
    this.console = new Console(cloud);
  }

  static HttpApi start(LocalCloud cloud, int port) {
    try {
      HttpServer server = LocalHttp.server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      HttpApi api = new HttpApi(cloud, server);
      server.createContext("/", api::handle);
      server.setExecutor(api.executor);
      server.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException("could not listen on port " + port + " (set SOURCED_PORT to another port)", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath();
      if (path.equals("/health")) {
        boolean ready = cloud.ready();
        respond(exchange, ready ? 200 : 503, Map.of("content-type", "application/json"),
            "{\"status\":\"" + (ready ? "ready" : "starting") + "\",\"app\":\"" + cloud.appName() + "\"}");
        return;
      }
      if (!cloud.ready()) {
        respond(exchange, 503, Map.of("content-type", "application/json"),
            error("starting", "the local cloud is starting; GET /health answers 200 once it is ready"));
        return;
      }
      if (path.equals("/_sourced") || path.startsWith("/_sourced/")) {
        Console.Response response = console.handle(exchange.getRequestMethod(), path);
        respond(exchange, response.status(), Map.of("content-type", response.contentType()), response.body());
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes((int) HttpResponses.MAX_PAYLOAD_BYTES + 1); // never more: a request may not fill the heap
      }
      // Lambda takes an event of at most 6 MB, the body in it included, as text or (binary) base64-encoded
      long carried = isText(headers.get("content-type")) ? body.length : 4L * ((body.length + 2) / 3);
      if (carried > HttpResponses.MAX_PAYLOAD_BYTES) {
        cloud.log().hop("http", exchange.getRequestMethod() + " " + path + " → 413 body too large for a Lambda event");
        respond(exchange, 413, Map.of("content-type", "application/json"), error("request-too-large", "the request body"
            + " would take over " + HttpResponses.MAX_PAYLOAD_BYTES + " bytes of its event: Lambda takes an event of at most"
            + " 6 MB, the body in it included (base64-encoded unless its content type is text or JSON), so deployed it would"
            + " never reach the function"));
        return;
      }
      APIGatewayV2HTTPResponse response = dispatch(exchange.getRequestMethod(), uri, headers, body.length == 0 ? null : body,
          exchange.getRemoteAddress().getAddress().getHostAddress());
      Map<String, String> responseHeaders = response.getHeaders() == null ? Map.of() : response.getHeaders();
      if (response.getIsBase64Encoded() && response.getBody() != null) {
        write(exchange, response.getStatusCode(), responseHeaders, Base64.getDecoder().decode(response.getBody()));
      } else {
        respond(exchange, response.getStatusCode(), responseHeaders, response.getBody());
      }
    } catch (RuntimeException e) {
      respond(exchange, 500, Map.of("content-type", "application/json"),
          error("internal-error", "the local HTTP API failed to handle the request; its log line says why"));
      cloud.log().hop("cloud", "HTTP request failed: " + e);
      cloud.log().json(LogLine.error("the local HTTP API failed to handle a request").put("method", exchange.getRequestMethod())
          .put("path", exchange.getRequestURI().getRawPath()).unexpected(e).toJson());
    }
  }

  APIGatewayV2HTTPResponse dispatch(String method, URI uri, Map<String, String> headers, String body, String sourceIp) {
    return dispatch(method, uri, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), sourceIp);
  }

  /** Routes one request as the HTTP API does, and logs it as one {@code command} or {@code query} hop. */
  private APIGatewayV2HTTPResponse dispatch(String method, URI uri, Map<String, String> headers, byte[] body, String sourceIp) {
    long start = System.nanoTime();
    String path = uri.getRawPath();
    var match = routes.match(method, path);
    if (match.isEmpty()) {
      cloud.log().hop("http", method + " " + path + " → 404 no route");
      return APIGatewayV2HTTPResponse.builder().withStatusCode(404).withHeaders(Map.of("content-type", "application/json"))
          .withBody(error("route-not-found", "no route " + method + " " + path + "; the app's routes are in its OpenAPI document, GET "
              + Console.OPENAPI_PATH))
          .build();
    }
    String function = match.get().target();
    String routeKey = match.get().route().method() + " " + match.get().route().path();
    Map<String, String> pathParameters;
    Map<String, String> queryParameters;
    try {
      pathParameters = match.get().pathParameters(); // percent-decoded as RFC 3986 says: '+' stays '+'
      queryParameters = queryParameters(uri.getRawQuery()); // '+' is a space there, as API Gateway decodes query strings
    } catch (JsonInputException e) {
      // parameters that cannot be decoded: refused as API Gateway refuses a request, before any function
      cloud.log().hop("http", method + " " + path + " → 400 " + e.getMessage());
      return APIGatewayV2HTTPResponse.builder().withStatusCode(400).withHeaders(Map.of("content-type", "application/json"))
          .withBody("{\"message\":\"Bad Request\"}").build();
    }
    APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer;
    try {
      authorizer = authorizer(headers);
    } catch (IllegalArgumentException e) {
      cloud.log().hop("http", method + " " + path + " → 400 " + e.getMessage());
      return APIGatewayV2HTTPResponse.builder().withStatusCode(400).withHeaders(Map.of("content-type", "application/json"))
          .withBody(error("invalid-local-caller", e.getMessage())).build();
    }
    headers = new LinkedHashMap<>(headers);
    headers.remove(PRINCIPAL_HEADER);
    headers.remove(JWT_HEADER);
    // a text body goes as text, as API Gateway passes it; one that is not valid UTF-8 goes base64-encoded, unchanged, so
    // that the function sees the bytes that were sent (and refuses them) rather than U+FFFD in their place
    String textBody = body != null && isText(headers.get("content-type")) ? Text.utf8(body) : null;
    boolean base64 = body != null && textBody == null;
    ZonedDateTime now = ZonedDateTime.now();
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
        .withHeaders(headers)
        .withQueryStringParameters(queryParameters)
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withBody(base64 ? Base64.getEncoder().encodeToString(body) : textBody)
        .withIsBase64Encoded(base64)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withAccountId("000000000000")
            .withApiId("local")
            .withDomainName("localhost")
            .withDomainPrefix("localhost")
            .withStage("$default")
            .withRouteKey(routeKey)
            .withRequestId(UUID.randomUUID().toString())
            .withTime(REQUEST_TIME.format(now))
            .withTimeEpoch(now.toInstant().toEpochMilli())
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(path)
                .withProtocol("HTTP/1.1")
                .withSourceIp(sourceIp)
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build())
            .withAuthorizer(authorizer)
            .build())
        .build();
    APIGatewayV2HTTPResponse response = cloud.invokeHttp(function, event);
    boolean command = cloud.deployment().function(function).kind() == FunctionSpec.Kind.COMMANDS;
    if (command) {
      cloud.commandHandled();
    }
    String kind = command ? "command" : "query";
    cloud.log().hop(kind, method + " " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " → "
        + response.getStatusCode() + (response.getStatusCode() >= 400 && response.getBody() != null ? " " + abbreviate(response.getBody()) : "")
        + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
    return response;
  }

  /**
   * @param headers the request's headers, names in lower case
   * @return the authorizer block the deployed HTTP API would add: IAM ({@value #LOCAL_PRINCIPAL}, or the
   *     {@value #PRINCIPAL_HEADER}), or JWT with the claims of {@value #JWT_HEADER}
   * @throws IllegalArgumentException when {@value #JWT_HEADER} is not a JSON object
   */
  static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(Map<String, String> headers) {
    APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
    String jwt = headers.get(JWT_HEADER);
    if (jwt != null) {
      JsonNode claims;
      try {
        claims = JSON.readTree(jwt);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(JWT_HEADER + " must be a JSON object of claims, e.g. {\"sub\":\"alice\"}; "
            + e.getOriginalMessage());
      }
      if (claims == null || !claims.isObject()) {
        throw new IllegalArgumentException(JWT_HEADER + " must be a JSON object of claims, e.g. {\"sub\":\"alice\"}");
      }
      Map<String, String> values = new LinkedHashMap<>();
      // API Gateway passes every claim as a string: arrays as "[a b]", other values as their JSON text
      claims.fields().forEachRemaining(claim -> values.put(claim.getKey(), claimText(claim.getValue())));
      authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(values, List.of()));
      return authorizer;
    }
    String principal = headers.getOrDefault(PRINCIPAL_HEADER, LOCAL_PRINCIPAL);
    APIGatewayV2HTTPEvent.RequestContext.IAM iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
    iam.setAccountId("000000000000");
    iam.setUserArn(principal);
    iam.setCallerId(principal);
    iam.setUserId(principal);
    authorizer.setIam(iam);
    return authorizer;
  }

  private static String claimText(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.isTextual() ? item.textValue() : item.toString()));
      return "[" + String.join(" ", items) + "]";
    }
    return value.toString();
  }

  /** @return the documented error body {@code {"code","message"}}, written by Jackson */
  private static String error(String code, String message) {
    return JSON.createObjectNode().put("code", code).put("message", message).toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 160 ? text : text.substring(0, 157) + "...";
  }

  private static boolean isText(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("x-www-form-urlencoded");
  }

  /** @return the query parameters as the HTTP API (2.0) gives them: decoded, repeated ones joined by commas; null when none */
  static Map<String, String> queryParameters(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = RouteMatcher.decodeQueryComponent(eq < 0 ? pair : pair.substring(0, eq), "query string");
      String value = eq < 0 ? "" : RouteMatcher.decodeQueryComponent(pair.substring(eq + 1), name);
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
    write(exchange, status, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
