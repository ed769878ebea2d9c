package dev.sourced.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local Lambda Invoke endpoint answers as Lambda's Invoke API does, for every form of FunctionName. */
class LambdaInvokeEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Queue<List<String>> INVOCATIONS = new ConcurrentLinkedQueue<>();
  private static final CountDownLatch EVENT_INVOKED = new CountDownLatch(1);
  private static LambdaInvokeEndpoint endpoint;

  @BeforeAll
  static void start() {
    endpoint = LambdaInvokeEndpoint.start((function, payload) -> {
      INVOCATIONS.add(List.of(function, payload));
      return switch (function) {
        case "shopping-cart-replay" -> "{\"done\":true}";
        case "nothing" -> null;
        case "broken" -> throw new IllegalStateException("segment 3 cannot be read");
        case "silent" -> throw new UnsupportedOperationException();
        case "later" -> {
          EVENT_INVOKED.countDown();
          yield null;
        }
        default -> throw new NoSuchFunctionException(function);
      };
    });
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  @BeforeEach
  void forget() {
    INVOCATIONS.clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "shopping-cart-replay",
      "shopping-cart-replay:live",
      "arn:aws:lambda:us-east-1:000000000000:function:shopping-cart-replay",
      "arn:aws:lambda:us-east-1:000000000000:function:shopping-cart-replay:$LATEST",
      "000000000000:function:shopping-cart-replay"})
  void everyFormOfFunctionName_reachesTheFunctionByItsName(String functionName) throws Exception {
    for (String inPath : List.of(functionName, URLEncoder.encode(functionName, StandardCharsets.UTF_8))) {
      HttpResponse<String> response = invoke(inPath, "{\"segment\":1}", null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"done\":true}");
      assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
      assertThat(INVOCATIONS.poll()).containsExactly("shopping-cart-replay", "{\"segment\":1}");
    }
  }

  @Test
  void thrownException_isAnUnhandledFunctionErrorNamedByItsClass() throws Exception {
    HttpResponse<String> response = invoke("broken", "{}", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("segment 3 cannot be read");
    assertThat(error.get("stackTrace").get(0).asText()).contains("LambdaInvokeEndpointTest");
  }

  @Test
  void exceptionWithoutMessage_hasItsClassNameAsMessage() throws Exception {
    JsonNode error = JSON.readTree(invoke("silent", "{}", null).body());

    assertThat(error.get("errorMessage").asText()).isEqualTo("java.lang.UnsupportedOperationException");
  }

  @Test
  void unknownFunction_isResourceNotFound() throws Exception {
    HttpResponse<String> response = invoke("arn:aws:lambda:us-east-1:000000000000:function:nope", "{}", null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("ResourceNotFoundException");
    assertThat(JSON.readTree(response.body()).get("Message").asText())
        .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
  }

  @Test
  void nameLambdaRefuses_isAValidationError() throws Exception {
    HttpResponse<String> response = invoke(URLEncoder.encode("not a name!", StandardCharsets.UTF_8), "{}", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("ValidationException");
    assertThat(INVOCATIONS).isEmpty();
  }

  @Test
  void functionWithoutResult_answersNull() throws Exception {
    assertThat(invoke("nothing", "{}", null).body()).isEqualTo("null");
  }

  @Test
  void eventInvocation_isAcceptedAndRunsInTheBackground() throws Exception {
    HttpResponse<String> response = invoke("later", "{}", "Event");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(EVENT_INVOKED.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void otherRequests_areNotServed() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint.endpoint().resolve("/2015-03-31/functions/x")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(INVOCATIONS).isEmpty();
  }

  private static HttpResponse<String> invoke(String functionNameInPath, String payload, String invocationType) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.endpoint() + "/2015-03-31/functions/" + functionNameInPath + "/invocations"))
        .POST(HttpRequest.BodyPublishers.ofString(payload));
    if (invocationType != null) {
      request.header("X-Amz-Invocation-Type", invocationType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
