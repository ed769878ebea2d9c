package dev.sourced.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A record's codec from its table, as the generated codecs build it, without generated code. */
class RecordCodecTest {
  record Page(String cartId, Optional<Integer> limit, long since) {}

  private static final RecordCodec.Records RECORDS = new RecordCodec.Records() {
    @Override
    @SuppressWarnings("unchecked")
    public Object construct(int record, Object[] c) {
      return new Page((String) c[0], (Optional<Integer>) c[1], (Long) c[2]);
    }

    @Override
    public Object[] components(int record, Object value) {
      Page page = (Page) value;
      return new Object[] {page.cartId(), page.limit(), page.since()};
    }
  };

  private static final RecordCodec CODEC = new RecordCodec(RECORDS, 0, new String[] {"cartId", "limit", "since"},
      new JsonValue[] {JsonValues.STRING, JsonValues.optionalOf(JsonValues.INT), JsonValues.PRIMITIVE_LONG});

  private static Object read(String json, boolean strict, Map<String, String> overrides) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      return CODEC.read(p, "$", strict, overrides);
    }
  }

  @Test
  void readsWhatItWrites_andAppliesPathParameters() throws IOException {
    assertThat(read("{\"since\":3,\"cartId\":\"c1\"}", true, Map.of())).isEqualTo(new Page("c1", Optional.empty(), 3));
    assertThat(read("{\"since\":3}", true, Map.of("cartId", "c2", "limit", "5")))
        .isEqualTo(new Page("c2", Optional.of(5), 3));
    assertThat(read("{\"since\":3,\"cartId\":\"c1\",\"limit\":null}", true, Map.of())).isEqualTo(new Page("c1", Optional.empty(), 3));
  }

  @Test
  void aParameterWithoutAValue_overridesNothing() throws IOException {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("limit", null);
    overrides.put("since", null);
    assertThat(read("{\"cartId\":\"c1\",\"since\":3}", true, overrides)).isEqualTo(new Page("c1", Optional.empty(), 3));
    // a primitive stays required, in any mode: the request is refused, not a 500
    assertThatThrownBy(() -> read("{\"cartId\":\"c1\"}", false, overrides))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("$.since").hasMessageContaining("is required");
  }

  @Test
  void strictReadingRefusesUnknownAndMissingFields_lenientReadingSkipsAndLeavesNull() throws IOException {
    assertThatThrownBy(() -> read("{\"cartId\":\"c1\",\"since\":1,\"extra\":true}", true, Map.of()))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("$.extra").hasMessageContaining("cartId, limit, since");
    assertThatThrownBy(() -> read("{\"since\":1}", true, Map.of()))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("$.cartId");
    assertThat(read("{\"since\":1,\"extra\":{\"a\":[1]}}", false, Map.of())).isEqualTo(new Page(null, Optional.empty(), 1));
  }
}
