package dev.sourced.samples.cart.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Mutations of valid requests to the sample: wrong types, missing, extra and duplicate fields, huge and
 * invalid strings, deep nesting, bytes that are not UTF-8, odd paths, methods and headers. Seeded: the
 * same seed gives the same requests.
 */
final class RequestFuzzer {
  /** A request to send: the body as bytes, so it can be other than UTF-8. */
  record Request(String mutation, String method, String path, byte[] body, Map<String, String> headers) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final String HUGE = "x".repeat(60_000);
  private static final List<String> BAD_STRINGS = List.of("\\ud800", "\\udfff", "\\ud800x", "\\uffff", "\\ufffe", "\\ufdd0",
      "\\u0000", "\\u202e", "\\\"", HUGE, "", " ", "a/b", "a#b", "%2F", "💥", "\\u00e9");
  private static final List<String> BAD_VALUES = List.of("null", "true", "1", "-1", "0", "2.5", "1e309", "2147483648",
      "-2147483649", "[]", "{}", "\"1\"", "\"\"", "[1,2]", "{\"a\":1}");

  private final Random random;

  RequestFuzzer(long seed) {
    this.random = new Random(seed);
  }

  /** @return a mutated request around cart {@code cartId} */
  Request next(String cartId) {
    List<Function<String, Request>> mutations = List.of(
        this::wrongType, this::missingField, this::extraField, this::duplicateField, this::badString, this::deepNesting,
        this::notUtf8, this::oddPath, this::oddMethod, this::oddHeaders, this::oddBody, this::oddQuery, this::longId);
    return mutations.get(random.nextInt(mutations.size())).apply(cartId);
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static Request post(String mutation, String path, String json) {
    return new Request(mutation, "POST", path, json.getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/json"));
  }

  private Request wrongType(String cart) {
    String value = pick(BAD_VALUES);
    return random.nextBoolean()
        ? post("wrong type: quantity " + value, "/shopping-cart/" + cart + "/add-item",
            "{\"cartId\":\"" + cart + "\",\"sku\":\"apple\",\"quantity\":" + value + "}")
        : post("wrong type: sku " + value, "/shopping-cart/" + cart + "/add-item",
            "{\"cartId\":\"" + cart + "\",\"sku\":" + value + ",\"quantity\":1}");
  }

  private Request missingField(String cart) {
    return pick2(post("missing quantity", "/shopping-cart/" + cart + "/add-item", "{\"cartId\":\"" + cart + "\",\"sku\":\"apple\"}"),
        post("missing customerId", "/shopping-cart/" + cart + "x/open-cart", "{\"cartId\":\"" + cart + "x\"}"));
  }

  private Request extraField(String cart) {
    return post("extra field", "/shopping-cart/" + cart + "/add-item",
        "{\"cartId\":\"" + cart + "\",\"sku\":\"apple\",\"quantity\":1,\"price\":3}");
  }

  private Request duplicateField(String cart) {
    return pick2(post("duplicate sku", "/shopping-cart/" + cart + "/add-item",
            "{\"cartId\":\"" + cart + "\",\"sku\":\"apple\",\"sku\":\"pear\",\"quantity\":1}"),
        post("duplicate quantity", "/shopping-cart/" + cart + "/add-item",
            "{\"cartId\":\"" + cart + "\",\"sku\":\"apple\",\"quantity\":1,\"quantity\":1000}"));
  }

  private Request badString(String cart) {
    String value = pick(BAD_STRINGS);
    return random.nextBoolean()
        ? post("string sku " + abbreviate(value), "/shopping-cart/" + cart + "/add-item",
            "{\"cartId\":\"" + cart + "\",\"sku\":\"" + value + "\",\"quantity\":1}")
        : post("string customerId " + abbreviate(value), "/shopping-cart/" + cart + "-o/open-cart",
            "{\"cartId\":\"" + cart + "-o\",\"customerId\":\"" + value + "\"}");
  }

  private Request deepNesting(String cart) {
    int depth = 1 + random.nextInt(5_000);
    return post("nesting " + depth, "/shopping-cart/" + cart + "/add-item",
        "{\"cartId\":\"" + cart + "\",\"sku\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"quantity\":1}");
  }

  private Request notUtf8(String cart) {
    byte[] prefix = ("{\"cartId\":\"" + cart + "\",\"sku\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] suffix = "\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + bad.length + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    System.arraycopy(bad, 0, body, prefix.length, bad.length);
    System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
    return new Request("bytes that are not UTF-8", "POST", "/shopping-cart/" + cart + "/add-item", body,
        Map.of("content-type", "application/json"));
  }

  private Request oddPath(String cart) {
    String segment = pick(List.of("ff%EF%BF%BF", "%ED%A0%80", "a+b", "%2F", "%00", "%ZZ", "%", "..", "a%20b", "%C3%28",
        "x".repeat(3_000), "%F0%9F%92%A5"));
    String path = pick(List.of("/shopping-cart/" + segment + "/open-cart", "/cart-summary/" + segment,
        "/customer-carts/" + segment, "/shopping-cart/" + cart + "/" + segment, "/" + segment, "/shopping-cart//open-cart"));
    return post("path " + abbreviate(path), path, "{\"cartId\":\"" + cart + "\",\"customerId\":\"c\"}");
  }

  private Request oddMethod(String cart) {
    String method = pick(List.of("PUT", "DELETE", "PATCH", "GET", "OPTIONS", "HEAD"));
    String path = pick(List.of("/shopping-cart/" + cart + "/add-item", "/cart-summary/" + cart));
    return new Request("method " + method + " " + path, method, path, new byte[0], Map.of());
  }

  private Request oddHeaders(String cart) {
    Map<String, String> headers = pick2(Map.of("content-type", "text/plain"),
        Map.of("content-type", "application/json", "idempotency-key", pick(List.of("k".repeat(10_000), "", " ", "é", "a\tb"))));
    return new Request("headers " + abbreviate(headers.toString()), "POST", "/shopping-cart/" + cart + "/add-item",
        ("{\"cartId\":\"" + cart + "\",\"sku\":\"apple\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8), headers);
  }

  private Request oddBody(String cart) {
    String body = pick(List.of("", "null", "[]", "\"text\"", "{", "}", "{\"cartId\":", "garbage", "{}", "{\"cartId\":null}",
        "{\"cartId\":\"" + cart + "\",\"sku\":\"apple\",\"quantity\":1}trailing", "\uFEFF{}"));
    return post("body " + abbreviate(body), "/shopping-cart/" + cart + "/add-item", body);
  }

  private Request oddQuery(String cart) {
    String query = pick(List.of("minVersion=abc", "minVersion=-1", "minVersion=99999999999999999999", "stream=%FF",
        "minVersion=1&stream=", "minVersion=1&stream=shopping-cart%23" + cart + "&minVersion=2", "stream=" + "s".repeat(5_000),
        "minVersion=1", "%"));
    String path = pick(List.of("/cart-summary/" + cart, "/customer-carts/alice")) + "?" + query;
    return new Request("query " + abbreviate(query), "GET", path, new byte[0], Map.of());
  }

  private Request longId(String cart) {
    String id = "i".repeat(List.of(1_000, 2_040, 2_048, 2_100, 5_000).get(random.nextInt(5)));
    return pick2(post("long cart id " + id.length(), "/shopping-cart/" + id + "/open-cart",
            "{\"cartId\":\"" + id + "\",\"customerId\":\"c\"}"),
        new Request("long query id " + id.length(), "GET", "/cart-summary/" + id, new byte[0], Map.of()));
  }

  private <T> T pick2(T first, T second) {
    return random.nextBoolean() ? first : second;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** @return the counts of each mutation kind among {@code requests} */
  static Map<String, Integer> kinds(List<Request> requests) {
    Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (Request request : requests) {
      kinds.merge(request.mutation().split(" ")[0], 1, Integer::sum);
    }
    return kinds;
  }

  static List<Request> batch(long seed, int count, List<String> carts) {
    RequestFuzzer fuzzer = new RequestFuzzer(seed);
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(fuzzer.next(carts.get(i % carts.size())));
    }
    return requests;
  }
}
