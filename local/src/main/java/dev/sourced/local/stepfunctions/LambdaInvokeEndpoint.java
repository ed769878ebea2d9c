package dev.sourced.local.stepfunctions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sourced.local.LocalHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's {@code Invoke} API on a loopback port: {@code POST /2015-03-31/functions/{FunctionName}/invocations},
 * answered by a {@link FunctionInvoker}. Any AWS SDK reaches it through its Lambda endpoint setting, e.g. the
 * variable {@code AWS_ENDPOINT_URL_LAMBDA}, which is how aws-local-stepfunctions' Task states invoke direct
 * function ARNs.
 *
 * <p>It answers as Lambda does: the function's result with status 200; for an exception thrown by the function
 * (an unhandled function error) status 200, header {@code X-Amz-Function-Error: Unhandled} and the Java runtime's
 * error payload {@code {"errorMessage","errorType","stackTrace"}} — {@code errorType} being the exception's class
 * name ({@code Class.getName()}, as the AWS Lambda Java runtime writes it), which is the error name a state
 * machine's {@code Retry} and {@code Catch} match; for {@link NoSuchFunctionException} status 404
 * {@code ResourceNotFoundException}. {@code FunctionName} may be a name, a full or partial ARN, URL-encoded or not,
 * with or without a qualifier (which is ignored: there is one version of each function).
 * {@code X-Amz-Invocation-Type: Event} answers 202 and invokes in the background; {@code DryRun} answers 204.
 */
public final class LambdaInvokeEndpoint implements AutoCloseable {
  /** Lambda's own constraint on {@code FunctionName}; group 1 is the function's name. */
  private static final Pattern FUNCTION_NAME = Pattern.compile(
      "(?:arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(?:-gov)?-[a-z]+-\\d:)?(?:\\d{12}:)?(?:function:)?([a-zA-Z0-9-_.]+)(?::(?:\\$LATEST|[a-zA-Z0-9-_]+))?");
  private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final FunctionInvoker invoker;
  private final String region;
  private final String account;

  private LambdaInvokeEndpoint(HttpServer server, ExecutorService executor, FunctionInvoker invoker, String region, String account) {
    this.server = server;
    this.executor = executor;
    this.invoker = invoker;
    this.region = region;
    this.account = account;
  }

  /**
   * Starts the endpoint on a free loopback port, for region {@code us-east-1} and account {@code 000000000000}.
   *
   * @param invoker runs the functions
   * @return a running endpoint
   */
  public static LambdaInvokeEndpoint start(FunctionInvoker invoker) {
    return start(invoker, "us-east-1", "000000000000");
  }

  /**
   * @param invoker runs the functions
   * @param region the region in the ARNs of its error messages
   * @param account the account in the ARNs of its error messages
   * @return a running endpoint on a free loopback port
   */
  public static LambdaInvokeEndpoint start(FunctionInvoker invoker, String region, String account) {
    AtomicInteger threads = new AtomicInteger();
    // one thread per invocation in flight, as Lambda runs each concurrent invocation in its own environment;
    // daemon threads: an endpoint left open must not keep the JVM alive
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "sourced-lambda-invoke-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      HttpServer server = LocalHttp.server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      LambdaInvokeEndpoint endpoint = new LambdaInvokeEndpoint(server, executor, invoker, region, account);
      server.createContext("/", endpoint::handle);
      server.setExecutor(executor);
      server.start();
      return endpoint;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("could not open a loopback port for the local Lambda Invoke endpoint", e);
    }
  }

  /** @return its URL, for {@code AWS_ENDPOINT_URL_LAMBDA} or an SDK client's {@code endpointOverride} */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * @param functionName as given in a request: a name, a full or partial ARN (URL-decoded), with or without a qualifier
   * @return the function's name, or null when Lambda would refuse it
   */
  static String functionName(String functionName) {
    Matcher matcher = FUNCTION_NAME.matcher(functionName);
    return matcher.matches() ? matcher.group(1) : null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
        error(exchange, 404, "UnknownOperationException", "only Invoke (POST /2015-03-31/functions/{FunctionName}/invocations) is served here, not "
            + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        return;
      }
      String given = URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
      String name = functionName(given);
      if (name == null) {
        error(exchange, 400, "ValidationException", "1 validation error detected: Value '" + given
            + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + FUNCTION_NAME.pattern());
        return;
      }
      String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
      if ("DryRun".equals(invocationType)) {
        respond(exchange, 204, null);
      } else if ("Event".equals(invocationType)) {
        executor.execute(() -> invokeQuietly(name, payload));
        respond(exchange, 202, null);
      } else {
        invoke(exchange, name, payload.isEmpty() ? "{}" : payload);
      }
    }
  }

  private void invoke(HttpExchange exchange, String name, String payload) throws IOException {
    String result;
    try {
      result = invoker.invoke(name, payload);
    } catch (NoSuchFunctionException e) {
      error(exchange, 404, "ResourceNotFoundException", "Function not found: arn:aws:lambda:" + region + ":" + account + ":function:" + name);
      return;
    } catch (Throwable e) {
      exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
      respond(exchange, 200, JSON.writeValueAsString(errorPayload(e)));
      return;
    }
    respond(exchange, 200, result == null ? "null" : result);
  }

  private void invokeQuietly(String name, String payload) {
    try {
      invoker.invoke(name, payload);
    } catch (Exception e) {
      // an asynchronous invocation's failure goes nowhere, as in Lambda without a destination or DLQ
    }
  }

  /** @return the AWS Lambda Java runtime's payload for an unhandled exception */
  static ObjectNode errorPayload(Throwable failure) {
    ObjectNode error = JSON.createObjectNode();
    String message = failure.getLocalizedMessage();
    error.put("errorMessage", message == null ? failure.getClass().getName() : message);
    error.put("errorType", failure.getClass().getName());
    ArrayNode stackTrace = error.putArray("stackTrace");
    for (StackTraceElement element : failure.getStackTrace()) {
      stackTrace.add(element.toString());
    }
    return error;
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
    ObjectNode body = JSON.createObjectNode();
    body.put("Type", "User");
    body.put("Message", message);
    respond(exchange, status, JSON.writeValueAsString(body));
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
    LocalHttp.send(exchange, status, "application/json", body);
  }

  /** Stops answering and ends its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
