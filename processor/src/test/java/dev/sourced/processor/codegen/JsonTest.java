package dev.sourced.processor.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor's JSON writer: its text is hashed into snapshot schemas and compared with goldens, so it is pinned here. */
class JsonTest {
  @Test
  void escapesQuotesBackslashesAndControlCharactersWhereverTheyStand() {
    assertThat(Json.write("")).isEqualTo("\"\"\n");
    assertThat(Json.write("plain text")).isEqualTo("\"plain text\"\n");
    assertThat(Json.write("\"first")).isEqualTo("\"\\\"first\"\n");
    assertThat(Json.write("last\\")).isEqualTo("\"last\\\\\"\n");
    assertThat(Json.write("a\"b\\c\nd\re\tf\u0001g\u001fh"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\"\n");
  }

  @Test
  void leavesOtherCharactersAsTheyAre() {
    // non-ASCII, a surrogate pair, a lone surrogate, DEL and U+2028: no escape (the resource is written as UTF-8)
    assertThat(Json.write("é😀\ud800\u007f\u2028")).isEqualTo("\"é😀\ud800\u007f\u2028\"\n");
  }

  @Test
  void writesSimpleListsOnOneLineAndNestedValuesIndented() {
    Object value = Json.object("k", List.of("a", 1, true), "m", Json.object(), "e", List.of(),
        "n", List.of(Json.object("x", null)));

    assertThat(Json.write(value)).isEqualTo("""
        {
          "k": ["a", 1, true],
          "m": {},
          "e": [],
          "n": [
            {
              "x": null
            }
          ]
        }
        """);
  }
}
