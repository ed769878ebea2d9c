package dev.sourced.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sourced.runtime.json.JsonCodecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLineTest {

  /** Reads a line's top-level fields (objects as their raw JSON) with Jackson, as Logs Insights would. */
  private static Map<String, String> fields(String line) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser p = JsonCodecs.FACTORY.createParser(line)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT) {
          Map<String, String> inner = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            inner.put(field, p.getText());
          }
          inner.forEach((k, v) -> fields.put(name + "." + k, v));
        } else {
          fields.put(name, p.getText());
        }
      }
      assertThat(p.nextToken()).as("one object, nothing after it").isNull();
    }
    return fields;
  }

  @Test
  void clientSuppliedValues_areEscapedByJackson_andTheLineStaysOneLine() throws IOException {
    String hostile = "a\"b\\c\n{\"level\":\"INFO\"}\u0000\u2028";
    String line = LogLine.info("query request").put("path", hostile).put("correlationId", "x\",\"level\":\"ERROR").put("status", 200)
        .toJson();

    assertThat(line).doesNotContain("\n");
    Map<String, String> fields = fields(line);
    assertThat(fields.get("level")).isEqualTo("INFO");
    assertThat(fields.get("message")).isEqualTo("query request");
    assertThat(fields.get("path")).isEqualTo(hostile);
    assertThat(fields.get("correlationId")).isEqualTo("x\",\"level\":\"ERROR");
    assertThat(fields.get("status")).isEqualTo("200");
    assertThat(fields).containsKey("timestamp");
  }

  @Test
  void unexpectedFailure_isAnErrorWithItsStackTrace_anExpectedOneOnlyItsNameAndMessage() throws IOException {
    IllegalStateException bug = new IllegalStateException("broken \"view\"");
    Map<String, String> unexpected = fields(LogLine.info("command request").put("streamId", "cart#1").unexpected(bug).toJson());
    assertThat(unexpected.get("level")).isEqualTo("ERROR");
    assertThat(unexpected.get("streamId")).isEqualTo("cart#1");
    assertThat(unexpected.get("error.name")).isEqualTo("java.lang.IllegalStateException");
    assertThat(unexpected.get("error.message")).isEqualTo("broken \"view\"");
    assertThat(unexpected.get("error.stack")).startsWith("java.lang.IllegalStateException: broken \"view\"")
        .contains("\tat dev.sourced.runtime.log.LogLineTest.");

    Map<String, String> expected = fields(LogLine.warn("refused").cause(new IllegalArgumentException("no")).toJson());
    assertThat(expected.get("level")).isEqualTo("WARN");
    assertThat(expected.get("error.name")).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(expected).doesNotContainKey("error.stack");
  }

  @Test
  void sink_writesTheLinesAtOrAboveItsLevel() {
    List<String> lines = new ArrayList<>();
    LogSink warn = LogSink.of("warn", lines::add);
    LogLine.info("quiet").writeTo(warn);
    LogLine.warn("isolated").writeTo(warn);
    LogLine.info("failed").unexpected(new RuntimeException()).writeTo(warn);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"message\":\"isolated\"");
    assertThat(lines.get(1)).contains("\"level\":\"ERROR\"");

    List<String> all = new ArrayList<>();
    LogLine.info("default").writeTo(LogSink.of(null, all::add));
    LogLine.error("off").writeTo(LogSink.of("off", all::add));
    assertThat(all).hasSize(1);
    assertThatThrownBy(() -> LogSink.of("verbose", all::add)).hasMessageContaining("SOURCED_LOG must be json, info, warn, error or off")
        .hasMessageContaining("'verbose'");
  }
}
