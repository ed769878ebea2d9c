package dev.sourced.samples.cart.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.runtime.lambda.SourcedConfig;
import dev.sourced.samples.cart.domain.SourcedLambdas.ShoppingCartCommandsLambda;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generated {@link ShoppingCartCommandsLambda}, driven with API Gateway HTTP API (v2) events loaded
 * through Lambda's own serialization (aws-lambda-java-tests), on DynamoDB Local. Configured through the
 * same {@link SourcedConfig} names the CDK stack sets.
 */
class CommandLambdaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static ShoppingCartCommandsLambda lambda;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("cart-events");
    System.setProperty(SourcedConfig.EVENT_TABLE, "cart-events");
    System.setProperty(SourcedConfig.DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
    lambda = new ShoppingCartCommandsLambda();
  }

  @AfterAll
  static void stop() {
    System.clearProperty(SourcedConfig.EVENT_TABLE);
    System.clearProperty(SourcedConfig.DYNAMODB_ENDPOINT);
  }

  /** The recorded add-item event, re-targeted at another route, cart, body and headers. */
  private static APIGatewayV2HTTPEvent request(String command, String cartId, String body, Map<String, String> extraHeaders) {
    APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/add-item.json");
    String path = "/shopping-cart/" + cartId + "/" + command;
    event.setRawPath(path);
    event.setRouteKey("POST /shopping-cart/{cartId}/" + command);
    event.getRequestContext().getHttp().setPath(path);
    event.setPathParameters(Map.of("cartId", cartId));
    event.setBody(body);
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.putAll(extraHeaders);
    event.setHeaders(headers);
    return event;
  }

  private static APIGatewayV2HTTPResponse send(String command, String cartId, String body) {
    return lambda.handleRequest(request(command, cartId, body, Map.of()), null);
  }

  private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  private static String newCart() {
    String cartId = "c-" + UUID.randomUUID();
    assertThat(send("open-cart", cartId, "{\"customerId\":\"u1\"}").getStatusCode()).isEqualTo(201);
    return cartId;
  }

  @Test
  void recordedEvent_asLoaded_addsTheItem() throws Exception {
    String cartId = newCart();
    APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/add-item.json");
    event.setRawPath(event.getRawPath().replace("CART_ID", cartId));
    event.setPathParameters(Map.of("cartId", cartId));

    APIGatewayV2HTTPResponse response = lambda.handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("streamId").asText()).isEqualTo("shopping-cart#" + cartId);
    assertThat(body.get("version").asLong()).isEqualTo(2);
    assertThat(body.get("events").get(0).get("type").asText()).isEqualTo("ItemAdded");
    assertThat(body.get("events").get(0).get("version").asLong()).isEqualTo(2);
    assertThat(body.get("events").get(0).get("eventId").asText()).isNotBlank();
  }

  @Test
  void creation_answers201_withTheFirstEvent() throws Exception {
    String cartId = "c-" + UUID.randomUUID();
    APIGatewayV2HTTPResponse response = send("open-cart", cartId, "{\"customerId\":\"u1\"}");
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(json(response).get("events").get(0).get("type").asText()).isEqualTo("CartOpened");
    assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
  }

  @Test
  void base64Body_isDecoded() {
    String cartId = newCart();
    APIGatewayV2HTTPEvent event = request("add-item", cartId,
        Base64.getEncoder().encodeToString("{\"sku\":\"B\",\"quantity\":1}".getBytes()), Map.of());
    event.setIsBase64Encoded(true);
    assertThat(lambda.handleRequest(event, null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void malformedJson_is400() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", newCart(), "{\"sku\": ");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asText()).isEqualTo("invalid-request");
    assertThat(json(response).get("message").asText()).contains("malformed JSON");
  }

  @Test
  void missingField_is400_namingItsPath() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", newCart(), "{\"quantity\":2}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.sku");
    assertThat(json(response).get("message").asText()).isEqualTo("$.sku: is required");
  }

  @Test
  void mistypedField_is400_namingItsPath() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", newCart(), "{\"sku\":\"A\",\"quantity\":\"two\"}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.quantity");
    assertThat(json(response).get("message").asText()).contains("expected an integer; found a string");
  }

  @Test
  void unknownField_is400() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", newCart(), "{\"sku\":\"A\",\"quantity\":1,\"qty\":1}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.qty");
  }

  @Test
  void pathIdContradictingTheBody_is400() throws Exception {
    String cartId = newCart();
    APIGatewayV2HTTPResponse response = send("add-item", cartId, "{\"cartId\":\"other\",\"sku\":\"A\",\"quantity\":1}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.cartId");
    assertThat(send("add-item", cartId, "{\"cartId\":\"" + cartId + "\",\"sku\":\"A\",\"quantity\":1}").getStatusCode()).isEqualTo(200);
  }

  @Test
  void commandOnAMissingCart_is404() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", "no-such-cart", "{\"sku\":\"A\",\"quantity\":1}");
    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asText()).isEqualTo("stream-not-found");
  }

  @Test
  void unknownRoute_is404() throws Exception {
    APIGatewayV2HTTPResponse response = send("paint-it-red", newCart(), "{}");
    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asText()).isEqualTo("route-not-found");
  }

  @Test
  void creatingAnExistingCart_is409() throws Exception {
    String cartId = newCart();
    APIGatewayV2HTTPResponse response = send("open-cart", cartId, "{\"customerId\":\"u2\"}");
    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(json(response).get("code").asText()).isEqualTo("stream-exists");
  }

  @Test
  void oversizedEvent_is413_andNothingIsStored() throws Exception {
    String cartId = newCart();
    String sku = "S".repeat(420 * 1024);
    APIGatewayV2HTTPResponse response = send("add-item", cartId, "{\"sku\":\"" + sku + "\",\"quantity\":1}");
    assertThat(response.getStatusCode()).isEqualTo(413);
    assertThat(json(response).get("code").asText()).isEqualTo("event-too-large");
    assertThat(json(response).get("path").asText()).isEqualTo("$.sku");
    assertThat(json(response).get("message").asText()).endsWith("; the request's longest value is $.sku");
    JsonNode next = json(send("add-item", cartId, "{\"sku\":\"A\",\"quantity\":1}"));
    assertThat(next.get("version").asLong()).isEqualTo(2);
  }

  @Test
  void domainError_is422_withItsCode() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", newCart(), "{\"sku\":\"A\",\"quantity\":100}");
    assertThat(response.getStatusCode()).isEqualTo(422);
    assertThat(json(response).get("code").asText()).isEqualTo("invalid-quantity");
    assertThat(json(response).get("message").asText()).isEqualTo("quantity must be between 1 and 99; found 100");
  }

  @Test
  void idempotencyKey_repeatsTheFirstResponse_andAReusedKeyIs422() throws Exception {
    String cartId = newCart();
    Map<String, String> key = Map.of("Idempotency-Key", "k-" + UUID.randomUUID());
    APIGatewayV2HTTPResponse first = lambda.handleRequest(request("add-item", cartId, "{\"sku\":\"A\",\"quantity\":2}", key), null);
    APIGatewayV2HTTPResponse again = lambda.handleRequest(request("add-item", cartId, "{\"sku\":\"A\",\"quantity\":2}", key), null);
    assertThat(again.getStatusCode()).isEqualTo(200);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    APIGatewayV2HTTPResponse other = lambda.handleRequest(request("add-item", cartId, "{\"sku\":\"B\",\"quantity\":2}", key), null);
    assertThat(other.getStatusCode()).isEqualTo(422);
    assertThat(json(other).get("code").asText()).isEqualTo("idempotency-key-reused");
    assertThat(json(send("add-item", cartId, "{\"sku\":\"C\",\"quantity\":1}")).get("version").asLong()).isEqualTo(3);
  }

  @Test
  void unexpectedFailure_is500_withACorrelationId_andNoInternalDetail() throws Exception {
    // the table disappears under the Lambda: an AWS error the API has no mapping for
    String cartId = newCart();
    var client = dynamoDb.client();
    try {
      client.deleteTable(r -> r.tableName("cart-events"));
      APIGatewayV2HTTPResponse response = send("add-item", cartId, "{\"sku\":\"A\",\"quantity\":1}");
      assertThat(response.getStatusCode()).isEqualTo(500);
      JsonNode body = json(response);
      assertThat(body.get("code").asText()).isEqualTo("internal-error");
      assertThat(body.get("correlationId").asText()).isNotBlank();
      assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("cart-events").doesNotContain("at dev.");
    } finally {
      dynamoDb.createEventTable("cart-events");
    }
  }

  // ---------------------------------------------------------------- hostile input (issue 12): every limit met downstream is checked here

  /** A request as API Gateway gives it: the raw path as sent, the parameters decoded (or none, to make the function decode). */
  private static APIGatewayV2HTTPResponse sendRaw(String command, String rawCartId, Map<String, String> decoded, String body) {
    APIGatewayV2HTTPEvent event = request(command, "x", body, Map.of());
    String path = "/shopping-cart/" + rawCartId + "/" + command;
    event.setRawPath(path);
    event.getRequestContext().getHttp().setPath(path);
    event.setPathParameters(decoded);
    return lambda.handleRequest(event, null);
  }

  @Test
  void idHoldingANonCharacter_is400_namingThePathParameter_andNothingIsStored() throws Exception {
    APIGatewayV2HTTPResponse response = sendRaw("open-cart", "ff%EF%BF%BF", Map.of("cartId", "ff\uffff"), "{\"customerId\":\"u1\"}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.cartId");
    assertThat(json(response).get("message").asText()).startsWith("$.cartId: holds the non-character U+FFFF at index 2");
    // decoded by the function itself when the event carries no parameters: the same answer
    assertThat(json(sendRaw("open-cart", "ff%EF%BF%BF", null, "{\"customerId\":\"u1\"}")).get("path").asText()).isEqualTo("$.cartId");
    try (var client = dynamoDb.client()) {
      assertThat(client.scan(r -> r.tableName("cart-events")).items())
          .noneMatch(item -> item.get("streamId").s().contains("\uffff"));
    }
  }

  @Test
  void loneSurrogateInTheBody_is400_namingItsPath() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", newCart(), "{\"sku\":\"\\ud800\",\"quantity\":1}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.sku");
    assertThat(json(response).get("message").asText())
        .isEqualTo("$.sku: holds a lone surrogate U+D800 at index 0; strings must be valid Unicode");
  }

  @Test
  void repeatedKey_is400_namingItsPath() throws Exception {
    APIGatewayV2HTTPResponse response = send("add-item", newCart(), "{\"sku\":\"A\",\"quantity\":1,\"sku\":\"B\"}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.sku");
    assertThat(json(response).get("message").asText()).isEqualTo("$.sku: appears twice in the same object; each key may appear once");
  }

  @Test
  void idLongerThanItsLongestKeyAllows_is400_namingThePathParameter() throws Exception {
    // idempotency#shopping-cart#<id>#<Idempotency-Key of up to 128 characters> must fit DynamoDB's 2048 bytes
    String tooLong = "i".repeat(1638);
    APIGatewayV2HTTPResponse response = send("open-cart", tooLong, "{\"customerId\":\"u1\"}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.cartId");
    assertThat(json(response).get("message").asText()).isEqualTo("$.cartId: is 1638 bytes in UTF-8; ids of shopping-cart take at most "
        + "1637 (DynamoDB's 2048-byte key limit, less the longest key it is part of: idempotency#shopping-cart#<id>#<Idempotency-Key>)");
    // the longest id that fits works with the longest Idempotency-Key in characters that take 3 bytes each
    String longest = "i".repeat(1637);
    Map<String, String> key = Map.of("Idempotency-Key", "\u4e2d".repeat(128));
    assertThat(lambda.handleRequest(request("open-cart", longest, "{\"customerId\":\"u1\"}", key), null).getStatusCode()).isEqualTo(201);
    assertThat(lambda.handleRequest(request("add-item", longest, "{\"sku\":\"A\",\"quantity\":1}", key), null).getStatusCode())
        .isEqualTo(422); // the key was used for the creation: the record under the longest key was written and read back
  }

  @Test
  void valueAViewIsKeyedBy_tooLongForAViewKey_is400_namingTheBodyField() throws Exception {
    // customer-carts keys its views by CartOpened.customerId: view#<customerId> must fit 2048 bytes
    String cartId = "c-" + UUID.randomUUID();
    APIGatewayV2HTTPResponse response = send("open-cart", cartId, "{\"customerId\":\"" + "u".repeat(2044) + "\"}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("path").asText()).isEqualTo("$.customerId");
    assertThat(json(response).get("message").asText()).isEqualTo("$.customerId: event CartOpened cannot be published: $.customerId "
        + "is 2044 bytes in UTF-8 and is the view key of projection customer-carts; a view key takes at most 2043 (DynamoDB's "
        + "2048-byte key limit, less 'view#'); nothing was written");
    assertThat(send("open-cart", cartId, "{\"customerId\":\"" + "u".repeat(2043) + "\"}").getStatusCode()).isEqualTo(201);
  }

  @Test
  void plusInAPathSegment_isAPlus() throws Exception {
    String cartId = "a+b-" + UUID.randomUUID();
    APIGatewayV2HTTPResponse response = sendRaw("open-cart", cartId, null, "{\"customerId\":\"u1\"}");
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(json(response).get("streamId").asText()).isEqualTo("shopping-cart#" + cartId);
  }

  @Test
  void pathSegmentThatIsNotPercentEncodedUtf8_is400_namingThePathParameter() throws Exception {
    for (String raw : new String[] {"a%zz", "a%FF", "%ED%A0%80"}) {
      APIGatewayV2HTTPResponse response = sendRaw("open-cart", raw, null, "{\"customerId\":\"u1\"}");
      assertThat(response.getStatusCode()).as(raw).isEqualTo(400);
      assertThat(json(response).get("path").asText()).as(raw).isEqualTo("$.cartId");
    }
  }

  @Test
  void headersThatAreNotText_orTooLong_are400() throws Exception {
    String cartId = newCart();
    APIGatewayV2HTTPResponse badKey = lambda.handleRequest(request("add-item", cartId, "{\"sku\":\"A\",\"quantity\":1}",
        Map.of("Idempotency-Key", "k\uffff")), null);
    assertThat(badKey.getStatusCode()).isEqualTo(400);
    assertThat(json(badKey).get("code").asText()).isEqualTo("invalid-idempotency-key");
    APIGatewayV2HTTPResponse longCorrelation = lambda.handleRequest(request("add-item", cartId, "{\"sku\":\"A\",\"quantity\":1}",
        Map.of("x-correlation-id", "c".repeat(129))), null);
    assertThat(longCorrelation.getStatusCode()).isEqualTo(400);
    assertThat(json(longCorrelation).get("code").asText()).isEqualTo("invalid-correlation-id");
    assertThat(json(longCorrelation).get("correlationId").asText()).hasSizeLessThanOrEqualTo(128);
    assertThat(json(send("add-item", cartId, "{\"sku\":\"A\",\"quantity\":1}")).get("version").asLong()).isEqualTo(2);
  }
}
