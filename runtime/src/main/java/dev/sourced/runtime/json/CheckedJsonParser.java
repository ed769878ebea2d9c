package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parser that checks each token as it is read, naming the JSON path of the first that fails: every
 * string and every key must be {@link Text valid text}, and no object may repeat a key (Jackson's own
 * duplicate detection names no path, and which of two values a reader keeps is a guess a client should
 * not have to make). For an event about to be stored ({@link #forPublishing}) it also checks what
 * EventBridge's PutEvents refuses: integers outside the 64-bit range and nesting deeper than it
 * processes.
 */
final class CheckedJsonParser extends JsonParserDelegate {
  /** PutEvents processes nested JSON up to 1000 levels; an event's data sits two levels down (event → detail → data). */
  static final int MAX_EVENT_DEPTH = 1000 - 2;
  private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private final boolean publishing;
  private final Deque<Set<String>> keys = new ArrayDeque<>();
  private int depth;

  private CheckedJsonParser(JsonParser parser, boolean publishing) {
    super(parser);
    this.publishing = publishing;
  }

  /** @return a parser for a client's JSON */
  static JsonParser forClient(JsonParser parser) {
    return new CheckedJsonParser(parser, false);
  }

  /** @return a parser for an event's JSON as it will be stored and published */
  static JsonParser forPublishing(JsonParser parser) {
    return new CheckedJsonParser(parser, true);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = delegate.nextToken();
    if (token != null) {
      check(token);
    }
    return token;
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }

  /** Skips through {@link #nextToken()}, so skipped values are checked too. */
  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken token = currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      JsonToken next = nextToken();
      if (next == null) {
        return this;
      }
      if (next.isStructStart()) {
        open++;
      } else if (next.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  private void check(JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        keys.push(new HashSet<>());
        deeper();
      }
      case START_ARRAY -> deeper();
      case END_OBJECT -> {
        keys.pop();
        depth--;
      }
      case END_ARRAY -> depth--;
      case FIELD_NAME -> {
        String name = delegate.currentName();
        Text.check(name, path(delegate.getParsingContext()));
        if (!keys.peek().add(name)) {
          throw new JsonInputException(path(delegate.getParsingContext()),
              "appears twice in the same object; each key may appear once");
        }
      }
      case VALUE_STRING -> Text.check(delegate.getText(), path(delegate.getParsingContext()));
      case VALUE_NUMBER_INT -> {
        if (publishing && delegate.getNumberType() == NumberType.BIG_INTEGER) {
          BigInteger value = delegate.getBigIntegerValue();
          if (value.compareTo(MIN_LONG) < 0 || value.compareTo(MAX_LONG) > 0) {
            throw new JsonInputException(path(delegate.getParsingContext()),
                "is " + value + "; EventBridge takes JSON integers of at most 64 bits");
          }
        }
      }
      default -> { }
    }
  }

  private void deeper() {
    if (++depth > MAX_EVENT_DEPTH && publishing) {
      throw new JsonInputException(path(delegate.getParsingContext().getParent()),
          "nests deeper than " + MAX_EVENT_DEPTH + " levels; EventBridge processes events nested up to 1000 levels");
    }
  }

  /** @return the JSON path of the parser's position, in the form the generated codecs use */
  static String path(JsonStreamContext context) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(c);
    }
    String path = "$";
    for (int i = chain.size() - 1; i >= 0; i--) {
      JsonStreamContext c = chain.get(i);
      if (c.inArray()) {
        path = path + "[" + Math.max(c.getCurrentIndex(), 0) + "]";
      } else if (c.getCurrentName() != null) {
        path = Json.child(path, c.getCurrentName());
      }
    }
    return path;
  }
}
