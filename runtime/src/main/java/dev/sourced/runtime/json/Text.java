package dev.sourced.runtime.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The rule every string taken from a client must meet: it is Unicode text that each service it reaches
 * accepts. A Java string may hold what is not text, and the services differ in what they refuse:
 *
 * <ul>
 *   <li><b>Lone surrogates</b> (a {@code \ud800} escape without its pair) are not Unicode scalar values:
 *       they have no UTF-8 form, so DynamoDB, EventBridge and SQS cannot carry them faithfully.
 *   <li><b>Non-characters</b> (U+FDD0..U+FDEF and every code point ending in FFFE or FFFF, 66 in all):
 *       SQS refuses U+FFFE and U+FFFF in a message body, so an event holding one could be stored but
 *       never delivered to a projection's queue. We refuse all 66 rather than the two SQS names today:
 *       they are reserved for a program's internal use and no client has a reason to send them.
 * </ul>
 *
 * Everything else is accepted, control characters included: JSON writers escape them.
 */
public final class Text {
  private Text() {}

  /**
   * @param value a string
   * @return what makes it unacceptable, or null when it is valid text
   */
  public static String problem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0xD800) {
        continue;
      }
      int codePoint = c;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return "holds a lone surrogate " + hex(c) + " at index " + i + "; strings must be valid Unicode";
        }
        codePoint = Character.toCodePoint(c, value.charAt(++i));
      } else if (Character.isLowSurrogate(c)) {
        return "holds a lone surrogate " + hex(c) + " at index " + i + "; strings must be valid Unicode";
      }
      if (isNonCharacter(codePoint)) {
        return "holds the non-character " + hex(codePoint) + " at index " + (codePoint > 0xFFFF ? i - 1 : i)
            + "; non-characters are refused (SQS does not deliver U+FFFE and U+FFFF)";
      }
    }
    return null;
  }

  /**
   * @param value a string from a client, or null
   * @param path its JSON path (or {@code $.<name>} of a request parameter)
   * @throws JsonInputException when it is not acceptable text
   */
  public static void check(String value, String path) {
    if (value == null) {
      return;
    }
    String problem = problem(value);
    if (problem != null) {
      throw new JsonInputException(path, problem);
    }
  }

  /**
   * @return an upper bound of the bytes the string takes written as a JSON string value, as a function's answer carries
   *     its body: two for a quote or a backslash, six (an escape) for a control character and for any character beyond
   *     ASCII, in case the writer escapes it, one for the rest
   */
  public static long jsonStringBytes(String value) {
    long bytes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        bytes += 2;
      } else if (c < 0x20 || c >= 0x80) {
        bytes += 6;
      } else {
        bytes += 1;
      }
    }
    return bytes;
  }

  /** @return the first {@code max} characters of the text (all of it when shorter), never half a surrogate pair */
  public static String prefix(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
  }

  /** @return the text, or when it is longer than {@code max} characters its {@link #prefix} and "...", {@code max} at most */
  public static String abbreviate(String text, int max) {
    return text.length() <= max ? text : prefix(text, max - 3) + "...";
  }

  /**
   * @param bytes text encoded as UTF-8, as JSON must be (RFC 8259)
   * @return the text, or null when the bytes are not valid UTF-8: refused by the caller, never repaired with U+FFFD
   */
  public static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** @return the number of bytes the string takes in UTF-8, the unit of DynamoDB's key and item limits */
  public static int utf8Length(String value) {
    int bytes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static boolean isNonCharacter(int codePoint) {
    return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
  }

  private static String hex(int codePoint) {
    return "U+" + String.format(Locale.ROOT, "%04X", codePoint);
  }
}
