package dev.sourced.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client input is valid text without repeated keys; stored data is read as it was written. */
class ClientInputTest {
  /** A record of string fields, read and written with the helpers generated codecs use. */
  record Fields(Map<String, Object> values) {}

  @SuppressWarnings("unchecked")
  private static final JsonCodecs CODECS = new JsonCodecs() {
    @Override
    public <T> JsonCodec<T> codec(Class<T> type) {
      return (JsonCodec<T>) JsonCodec.<Fields>of(
          (p, path, strict, overrides) -> new Fields(Json.readMap(p, path, strict, ClientInputTest::readValue)),
          (g, value) -> Json.writeMap(g, value.values(), (gen, v) -> {
            if (v instanceof Map<?, ?> map) {
              Json.writeMap(gen, (Map<String, Object>) map, (gg, s) -> Json.writeText(gg, s));
            } else if (v instanceof Number n) {
              Json.writeNumber(gen, n);
            } else {
              Json.writeText(gen, v);
            }
          }));
    }
  };

  private static Object readValue(com.fasterxml.jackson.core.JsonParser p, String path, boolean strict) throws java.io.IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> Json.readMap(p, path, strict, Json::readString);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Json.readBigDecimal(p, path, strict);
      default -> Json.readString(p, path, strict);
    };
  }

  private static Fields client(String json) {
    return CODECS.fromJson(Fields.class, json, true, Map.of());
  }

  @Test
  void loneSurrogate_isRefused_withItsPath() {
    assertThatThrownBy(() -> client("{\"sku\":\"ab\\ud800\"}"))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("$.sku: holds a lone surrogate U+D800 at index 2; strings must be valid Unicode")
        .extracting(e -> ((JsonInputException) e).path()).isEqualTo("$.sku");
    assertThatThrownBy(() -> client("{\"sku\":\"\\udc00x\"}")).hasMessageStartingWith("$.sku: holds a lone surrogate U+DC00 at index 0");
    assertThatThrownBy(() -> client("{\"tags\":{\"a\\ud83d\":\"x\"}}"))
        .hasMessageStartingWith("$.tags['a\ud83d']: holds a lone surrogate U+D83D");
  }

  @Test
  void nonCharacters_areRefused_inValuesAndKeys() {
    assertThatThrownBy(() -> client("{\"sku\":\"ff\uffff\"}"))
        .hasMessage("$.sku: holds the non-character U+FFFF at index 2; non-characters are refused (SQS does not deliver U+FFFE and U+FFFF)");
    assertThatThrownBy(() -> client("{\"sku\":\"\\ufffe\"}")).hasMessageContaining("non-character U+FFFE");
    assertThatThrownBy(() -> client("{\"sku\":\"\ufdd0\"}")).hasMessageContaining("non-character U+FDD0");
    assertThatThrownBy(() -> client("{\"sku\":\"x\\ud83f\\udffe\"}")).hasMessageContaining("non-character U+1FFFE at index 1");
    assertThatThrownBy(() -> client("{\"tags\":{\"\uffff\":\"x\"}}")).hasMessageStartingWith("$.tags['\uffff']: holds the non-character");
  }

  @Test
  void validText_isAccepted_pairsControlsAndReplacementCharacterIncluded() {
    Fields fields = client("{\"emoji\":\"\\ud83d\\ude00\",\"tab\":\"a\\tb\\u0001\",\"replacement\":\"\ufffd\",\"cjk\":\"\u4e2d\"}");
    assertThat(fields.values()).containsEntry("emoji", "\ud83d\ude00").containsEntry("tab", "a\tb\u0001")
        .containsEntry("replacement", "\ufffd");
  }

  @Test
  void repeatedKeys_areRefused_withThePathOfTheSecond() {
    assertThatThrownBy(() -> client("{\"sku\":\"a\",\"sku\":\"b\"}"))
        .hasMessage("$.sku: appears twice in the same object; each key may appear once");
    assertThatThrownBy(() -> client("{\"tags\":{\"x\":\"1\",\"y\":\"2\",\"x\":\"3\"}}")).hasMessageStartingWith("$.tags.x: appears twice");
    assertThat(client("{\"a\":{\"x\":\"1\"},\"b\":{\"x\":\"1\"}}").values()).hasSize(2);
  }

  @Test
  void storedData_isReadLeniently_asBefore() {
    Fields stored = CODECS.fromJson(Fields.class, "{\"sku\":\"\\ud800\",\"sku\":\"\\uffff\"}");
    assertThat(stored.values()).containsEntry("sku", "\uffff");
  }

  @Test
  void keysAsLongAsValues_areReadBack() {
    String sku = "s".repeat(60_000);
    String json = CODECS.toJson(new Fields(Map.of("items", Map.of(sku, "1"))));
    assertThat(CODECS.fromJson(Fields.class, json).values().get("items")).isEqualTo(Map.of(sku, "1"));
    assertThat(client("{\"items\":{\"" + sku + "\":\"1\"}}").values()).containsKey("items");
  }

  @Test
  void pathParameters_areCheckedLikeBodyFields() {
    assertThatThrownBy(() -> Json.override(Map.of("cartId", "ff\uffff"), "$", "cartId", null, false, Json::parseString))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("$.cartId: holds the non-character U+FFFF at index 2");
  }

  @Test
  void numbersBeyondTheirType_areRefused_ratherThanWrittenAsInfinity() throws Exception {
    var parser = JsonCodecs.FACTORY.createParser("1e400");
    parser.nextToken();
    assertThatThrownBy(() -> Json.readDouble(parser, "$.price", true))
        .hasMessage("$.price: expected a number within the range of a double; found 1E+400");
    assertThatThrownBy(() -> Json.override(Map.of("price", "NaN"), "$", "price", null, false, Json::parseDouble))
        .hasMessage("$.price: cannot read 'NaN': expected a finite number");
  }

  @Test
  void publishableEvents_haveSixtyFourBitIntegers_andReadBack() {
    CODECS.checkPublishable(Fields.class, "{\"n\":9223372036854775807,\"m\":-9223372036854775808}");
    assertThatThrownBy(() -> CODECS.checkPublishable(Fields.class, "{\"n\":9223372036854775808}"))
        .hasMessage("$.n: is 9223372036854775808; EventBridge takes JSON integers of at most 64 bits");
    assertThatThrownBy(() -> CODECS.checkPublishable(Fields.class, "{\"s\":\"\\ud800\"}"))
        .hasMessageStartingWith("$.s: holds a lone surrogate");
    assertThatThrownBy(() -> CODECS.checkPublishable(Fields.class, "[1]")).isInstanceOf(JsonInputException.class)
        .hasMessageContaining("expected an object");
  }

  @Test
  void pathOf_findsWhereAStringSits() {
    Fields fields = new Fields(Map.of("a", "x", "tags", Map.of("k", "needle")));
    assertThat(CODECS.pathOf(fields, "needle")).isEqualTo("$.tags.k");
    assertThat(CODECS.pathOf(fields, "absent")).isNull();
  }

  @Test
  void utf8Length_countsBytesAsDynamoDbDoes() {
    assertThat(Text.utf8Length("a\u00e9\u4e2d\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
  }

  @Test
  void aStringsSizeInAnAnswer_countsEscapesAndEveryNonAsciiCharacterAsTheMostTheyMayTake() {
    assertThat(Text.jsonStringBytes("")).isZero();
    assertThat(Text.jsonStringBytes("abc")).isEqualTo(3);
    assertThat(Text.jsonStringBytes("{\"a\":\"b\\\\c\"}")).isEqualTo(18); // 4 quotes and 2 backslashes: 2 each
    assertThat(Text.jsonStringBytes("\n\u0001")).isEqualTo(12); // control characters: an escape each
    assertThat(Text.jsonStringBytes("é日\ud83d\ude00")).isEqualTo(24); // beyond ASCII: 6 per UTF-16 unit
  }

  @Test
  void aPrefixOrAnAbbreviation_neverCutsASurrogatePairInHalf() {
    assertThat(Text.prefix("abc", 5)).isEqualTo("abc");
    assertThat(Text.prefix("abcdef", 3)).isEqualTo("abc");
    assertThat(Text.prefix("ab\ud83d\ude00c", 3)).isEqualTo("ab");
    assertThat(Text.abbreviate("abcdefgh", 8)).isEqualTo("abcdefgh");
    assertThat(Text.abbreviate("abcdefghi", 8)).isEqualTo("abcde...");
    assertThat(Text.abbreviate("abcd\ud83d\ude00fghi", 8)).isEqualTo("abcd...");
  }
}
