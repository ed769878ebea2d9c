package dev.sourced.samples.cart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sourced.local.testkit.LocalCloudExtension;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.views.CartSummary;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hostile requests of issue 12, over HTTP on the local cloud. Each used to be accepted and then
 * stop the pipeline behind it (the publisher retrying an event SQS refuses, a projection unable to read
 * its view back); each is now a 4xx naming the field, and the cart sent afterwards is still published
 * and projected.
 */
class HostileInputTest {
  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart");

  private static void assertRejected(LocalCloudExtension.Response response, String path) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("code").asText()).isEqualTo("invalid-request");
    assertThat(response.json().get("path").asText()).isEqualTo(path);
  }

  @Test
  void aViewGrownPastDynamoDbsItemLimit_overManyCommands_isStillProjectedAndServed() {
    // 14 SKUs of 60,000 random letters: about 840 KB of cart-summary JSON, half of it once compressed, so the view takes
    // two items; before, its stream's events went to the DLQ once the view passed 400 KB
    assertThat(cloud.post("/shopping-cart/big1/open-cart", "{\"customerId\":\"bea\"}").status()).isEqualTo(201);
    java.util.Random random = new java.util.Random(12);
    java.util.Map<String, Integer> skus = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 14; i++) {
      StringBuilder sku = new StringBuilder();
      for (int c = 0; c < 60_000; c++) {
        sku.append((char) ('a' + random.nextInt(26)));
      }
      skus.put(sku.toString(), i + 1);
      var added = cloud.post("/shopping-cart/big1/add-item", "{\"sku\":\"" + sku + "\",\"quantity\":" + (i + 1) + "}");
      assertThat(added.status()).as(added.body()).isEqualTo(200);
    }
    var summary = cloud.get("/cart-summary/big1?minVersion=15&stream=shopping-cart%23big1");
    assertThat(summary.status()).as(summary.body().length() < 500 ? summary.body() : "a long body").isEqualTo(200);
    assertThat(summary.headers().get("x-sourced-consistency")).isEqualTo("reached");
    assertThat(summary.body().length()).isGreaterThan(800_000);
    CartSummary view = SourcedAppJson.INSTANCE.fromJson(CartSummary.class, summary.body());
    assertThat(view.items()).isEqualTo(skus);
    assertThat(cloud.projectionTable("cart-summary").view("big1").parts()).isEqualTo(2);

    // and it changes on: an item removed, the view read back and written again in its parts
    String first = skus.keySet().iterator().next();
    var removed = cloud.post("/shopping-cart/big1/remove-item", "{\"sku\":\"" + first + "\"}");
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    var after = cloud.get("/cart-summary/big1?minVersion=16&stream=shopping-cart%23big1");
    assertThat(after.headers().get("x-sourced-consistency")).isEqualTo("reached");
    assertThat(SourcedAppJson.INSTANCE.fromJson(CartSummary.class, after.body()).items()).doesNotContainKey(first)
        .hasSize(13);
    for (JsonNode projection : cloud.get("/_sourced/api/projections").json()) {
      assertThat(projection.get("deadLetterDepth").asInt()).as(projection.get("name").asText()).isZero();
    }
  }

  @Test
  void hostileRequests_are400sNamingTheField_andNothingStopsBehindThem() {
    // an id holding U+FFFF, which SQS refuses to deliver
    var nonCharacter = cloud.post("/shopping-cart/ff%EF%BF%BF/open-cart", "{\"customerId\":\"mallory\"}");
    assertRejected(nonCharacter, "$.cartId");
    assertThat(nonCharacter.json().get("message").asText()).startsWith("$.cartId: holds the non-character U+FFFF");

    assertThat(cloud.post("/shopping-cart/h1/open-cart", "{\"customerId\":\"hana\"}").status()).isEqualTo(201);
    // a lone surrogate
    assertRejected(cloud.post("/shopping-cart/h1/add-item", "{\"sku\":\"\\ud800\",\"quantity\":1}"), "$.sku");
    // a repeated key
    assertRejected(cloud.post("/shopping-cart/h1/add-item", "{\"sku\":\"a\",\"quantity\":1,\"quantity\":2}"), "$.quantity");
    // a body that is not UTF-8, as JSON must be: refused, not stored with U+FFFD in place of the bytes it cannot read
    byte[] notUtf8Body = {'{', '"', 's', 'k', 'u', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', ',', '"', 'q', 'u', 'a',
        'n', 't', 'i', 't', 'y', '"', ':', '1', '}'};
    var invalidBody = cloud.sendBytes("POST", "/shopping-cart/h1/add-item", notUtf8Body, Map.of("content-type", "application/json"));
    assertRejected(invalidBody, "$");
    assertThat(invalidBody.json().get("message").asText()).contains("not valid UTF-8");
    byte[] latin1 = "{\"sku\":\"Jos\u00e9\",\"quantity\":1}".getBytes(StandardCharsets.ISO_8859_1);
    assertRejected(cloud.sendBytes("POST", "/shopping-cart/h1/add-item", latin1,
        Map.of("content-type", "application/json; charset=iso-8859-1")), "$");
    // a body larger than Lambda's event may be: refused without being read whole
    var huge = cloud.sendBytes("POST", "/shopping-cart/h1/add-item", new byte[6 * 1024 * 1024 + 1],
        Map.of("content-type", "application/json"));
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.json().get("code").asText()).isEqualTo("request-too-large");
    // a binary body travels base64-encoded, a third larger: 4.8 MB of it does not fit either
    var binary = cloud.sendBytes("POST", "/shopping-cart/h1/add-item", new byte[4_800_000],
        Map.of("content-type", "application/octet-stream"));
    assertThat(binary.status()).isEqualTo(413);
    // ids too long for DynamoDB's keys, on commands and queries
    assertRejected(cloud.post("/shopping-cart/" + "i".repeat(1638) + "/open-cart", "{\"customerId\":\"hana\"}"), "$.cartId");
    assertRejected(cloud.get("/cart-summary/" + "i".repeat(2044)), "$.cartId");
    // a value a view is keyed by, too long for the view's key
    assertRejected(cloud.post("/shopping-cart/h9/open-cart", "{\"customerId\":\"" + "u".repeat(2044) + "\"}"), "$.customerId");

    // a path segment that is not UTF-8 once percent-decoded: the HTTP API refuses it, as it cannot decode it
    var notUtf8 = cloud.post("/shopping-cart/a%FF/open-cart", "{\"customerId\":\"hana\"}");
    assertThat(notUtf8.status()).isEqualTo(400);
    assertThat(notUtf8.json().get("message").asText()).isEqualTo("Bad Request");
    // so is a query-string value (here a lone surrogate, encoded as if it were UTF-8), which used to become U+FFFD
    var notUtf8Query = cloud.get("/cart-summary/h1?minVersion=1&stream=%ED%A0%80");
    assertThat(notUtf8Query.status()).isEqualTo(400);
    assertThat(notUtf8Query.json().get("message").asText()).isEqualTo("Bad Request");

    // a SKU of 60,000 characters is accepted, stored, published, projected and read back
    String sku = "s".repeat(60_000);
    assertThat(cloud.post("/shopping-cart/h1/add-item", "{\"sku\":\"" + sku + "\",\"quantity\":1}").status()).isEqualTo(200);
    var added = cloud.post("/shopping-cart/h1/add-item", "{\"sku\":\"apple\",\"quantity\":2}");
    assertThat(added.json().get("version").asLong()).isEqualTo(3);
    var summary = cloud.get("/cart-summary/h1?minVersion=3&stream=shopping-cart%23h1");
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.headers().get("x-sourced-consistency")).isEqualTo("reached");
    // read with the app's codecs: Jackson's defaults (ObjectMapper's too) refuse keys over 50,000 characters
    CartSummary view = SourcedAppJson.INSTANCE.fromJson(CartSummary.class, summary.body());
    assertThat(view.items()).containsEntry(sku, 1).containsEntry("apple", 2);

    // a '+' in a path segment is a plus sign, as RFC 3986 has it
    var plus = cloud.post("/shopping-cart/h+2/open-cart", "{\"customerId\":\"hana\"}");
    assertThat(plus.status()).isEqualTo(201);
    assertThat(plus.json().get("streamId").asText()).isEqualTo("shopping-cart#h+2");

    // nothing stopped: a normal cart afterwards is published and projected by both projections
    assertThat(cloud.post("/shopping-cart/h3/open-cart", "{\"customerId\":\"hana\"}").status()).isEqualTo(201);
    for (String stream : new String[] {"shopping-cart#h1", "shopping-cart#h+2", "shopping-cart#h3"}) {
      cloud.awaitProjection("customer-carts", stream, 1);
    }
    cloud.awaitProjection("cart-summary", "shopping-cart#h+2", 1);
    cloud.awaitProjection("cart-summary", "shopping-cart#h3", 1);
    var carts = cloud.get("/customer-carts/hana");
    assertThat(carts.json().get("openCartIds").toString()).isEqualTo("[\"h+2\",\"h1\",\"h3\"]");
    for (JsonNode projection : cloud.get("/_sourced/api/projections").json()) {
      assertThat(projection.get("deadLetterDepth").asInt()).as(projection.get("name").asText()).isZero();
      assertThat(projection.get("lag").asLong()).as(projection.get("name").asText()).isZero();
    }
  }
}
