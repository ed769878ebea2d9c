package dev.sourced.local.cloud;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sourced.deployment.FunctionSpec;
import dev.sourced.deployment.RouteSpec;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP API on localhost: requests to the app's routes become API Gateway HTTP API (payload format
 * 2.0) events for the function each route integrates with, as the deployed HTTP API does; {@code /health}
 * says whether every part is up; {@code /_sourced} is the developer console.
 */
final class HttpApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private final LocalCloud cloud;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
    Thread thread = new Thread(r, "sourced-http");
    thread.setDaemon(true);
    return thread;
  });
  private final RouteMatcher<String> routes = new RouteMatcher<>();
  private final Console console;

  private HttpApi(LocalCloud cloud, HttpServer server) {
    this.cloud = cloud;
    this.server = server;
    for (RouteSpec route : cloud.deployment().routes()) {
      routes.add(new CommandDefinition.Route(route.method(), route.path(), List.of()), route.function());
    }
    this.console = new Console(cloud);
  }

  static HttpApi start(LocalCloud cloud, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
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
        body = in.readAllBytes();
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
          .withBody(error("route-not-found", "no route " + method + " " + path + "; the app's routes are in its OpenAPI document"))
          .build();
    }
    String function = match.get().target();
    String routeKey = match.get().route().method() + " " + match.get().route().path();
    boolean text = body == null || isText(headers.get("content-type"));
    ZonedDateTime now = ZonedDateTime.now();
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
        .withHeaders(headers)
        .withQueryStringParameters(queryParameters(uri.getRawQuery()))
        .withPathParameters(match.get().pathParameters().isEmpty() ? null : match.get().pathParameters())
        .withBody(body == null ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(!text)
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
            .build())
        .build();
    APIGatewayV2HTTPResponse response = cloud.invokeHttp(function, event);
    String kind = cloud.deployment().function(function).kind() == FunctionSpec.Kind.COMMANDS ? "command" : "query";
    cloud.log().hop(kind, method + " " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " → "
        + response.getStatusCode() + (response.getStatusCode() >= 400 && response.getBody() != null ? " " + abbreviate(response.getBody()) : "")
        + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
    return response;
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
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
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
