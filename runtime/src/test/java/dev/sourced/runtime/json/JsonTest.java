package dev.sourced.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static JsonParser at(String json) throws IOException {
    JsonParser p = JsonCodecs.FACTORY.createParser(json);
    p.nextToken();
    return p;
  }

  @Test
  void mistypedValues_nameTheirPath_andWhatWasFound() {
    assertThatThrownBy(() -> Json.readInt(at("\"2\""), "$.quantity", true))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("$.quantity: expected an integer; found a string")
        .extracting(e -> ((JsonInputException) e).path()).isEqualTo("$.quantity");
    assertThatThrownBy(() -> Json.readInt(at("3000000000"), "$.n", true)).hasMessageContaining("expected a 32-bit integer");
    assertThatThrownBy(() -> Json.readString(at("null"), "$.sku", true)).hasMessage("$.sku: must not be null");
    assertThatThrownBy(() -> Json.readInstant(at("\"yesterday\""), "$.at", true)).hasMessageContaining("ISO-8601 instant");
  }

  @Test
  void nestedContainers_reportIndexAndKeyInThePath() {
    assertThatThrownBy(() -> Json.readList(at("[1, 2, \"x\"]"), "$.counts", true, Json::readInt))
        .hasMessage("$.counts[2]: expected an integer; found a string");
    assertThatThrownBy(() -> Json.readMap(at("{\"a\": 1, \"b c\": true}"), "$.items", true, Json::readInt))
        .hasMessage("$.items['b c']: expected an integer; found a boolean");
  }

  @Test
  void containers_readInOrder_andAreUnmodifiable() throws IOException {
    List<Integer> list = Json.readList(at("[3, 1, 2]"), "$", true, Json::readInt);
    assertThat(list).containsExactly(3, 1, 2);
    assertThatThrownBy(() -> list.add(4)).isInstanceOf(UnsupportedOperationException.class);
    Map<String, Integer> map = Json.readMap(at("{\"b\": 2, \"a\": 1}"), "$", true, Json::readInt);
    assertThat(map).containsExactly(Map.entry("b", 2), Map.entry("a", 1));
  }

  @Test
  void lenientMode_readsNullAsNull() throws IOException {
    assertThat(Json.readString(at("null"), "$.s", false)).isNull();
    assertThat(Json.readOptional(at("null"), "$.o", Json::readString)).isEmpty();
  }

  @Test
  void pathOverride_fillsAMissingField_andRejectsAContradiction() {
    assertThat(Json.override(Map.of("cartId", "c1"), "$", "cartId", null, false, Json::parseString)).isEqualTo("c1");
    assertThat(Json.override(Map.of("cartId", "c1"), "$", "cartId", "c1", true, Json::parseString)).isEqualTo("c1");
    assertThatThrownBy(() -> Json.override(Map.of("cartId", "c1"), "$", "cartId", "c2", true, Json::parseString))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("$.cartId: is 'c2' in the body but 'c1' in the request path; they must agree");
  }

  @Test
  void textParameters_areParsedToTheComponentType_orNamedInTheError() {
    assertThat(Json.override(Map.of("limit", "25"), "$", "limit", null, false, Json::parseInt)).isEqualTo(25);
    assertThatThrownBy(() -> Json.override(Map.of("limit", "lots"), "$", "limit", null, false, Json::parseInt))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("$.limit: cannot read 'lots': expected a 32-bit integer");
    assertThatThrownBy(() -> Json.override(Map.of("flag", "yes"), "$", "flag", null, false, Json::parseBoolean))
        .hasMessage("$.flag: cannot read 'yes': expected true or false");
  }

  @Test
  void childPaths_useDotsForIdentifiers_andQuotedBracketsForAnythingElse() {
    assertThat(Json.child("$", "cartId")).isEqualTo("$.cartId");
    assertThat(Json.child("$.a", "_x9")).isEqualTo("$.a._x9");
    assertThat(Json.child("$", "9lives")).isEqualTo("$['9lives']");
    assertThat(Json.child("$", "b c")).isEqualTo("$['b c']");
    assertThat(Json.child("$", "it's")).isEqualTo("$['it\\'s']");
    assertThat(Json.child("$", "")).isEqualTo("$['']");
    assertThat(Json.child("$", "caf\u00e9")).isEqualTo("$['caf\u00e9']");
    assertThat(Json.child("$", "a-b")).isEqualTo("$['a-b']");
  }

  @Test
  void aFieldNameTooLongToRepeat_showsItsStart_soAnErrorStaysSmall() {
    // a 3 MB name repeated in a message and a path made a 6.4 MB answer: more than Lambda may return
    String name = "k".repeat(3_000_000);
    assertThat(Json.child("$", "x".repeat(100))).isEqualTo("$." + "x".repeat(100));
    assertThat(Json.child("$", name)).isEqualTo("$['" + "k".repeat(100) + "…' (3000000 characters)]");
    // never half a surrogate pair
    assertThat(Json.child("$", "a" + "\ud83d\ude00".repeat(60))).isEqualTo("$['a" + "\ud83d\ude00".repeat(49) + "…' (121 characters)]");
    assertThatThrownBy(() -> Json.unknownField(at("1"), "$", name, true, "cartId"))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("$['" + "k".repeat(100) + "…' (3000000 characters)]: unknown field; expected one of: cartId");
  }

  @Test
  void identifierCheck_agreesWithTheRegularExpressionItReplaces() {
    for (String name : List.of("a", "Z", "_", "a1", "_9", "A_b_C", "", "1", "1a", "a b", "a-b", "a.b", "\u00e9", "a\u00e9",
        "[", "`", "{", "@", "/", ":")) {
      assertThat(Json.isIdentifier(name)).as(name).isEqualTo(name.matches("[A-Za-z_][A-Za-z0-9_]*"));
    }
  }
}
