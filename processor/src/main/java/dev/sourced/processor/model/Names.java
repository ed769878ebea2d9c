package dev.sourced.processor.model;

import java.util.regex.Pattern;

/** Naming rules shared by the reader, the validator and the writers. */
public final class Names {
  /** Lower-case kebab case, at most 40 characters: valid in routes and AWS resource names. */
  public static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public static final int MAX_NAME_LENGTH = 40;

  private Names() {}

  /**
   * @param name a name
   * @return whether it is kebab case of at most 40 characters
   */
  public static boolean isResourceName(String name) {
    return name.length() <= MAX_NAME_LENGTH && KEBAB.matcher(name).matches();
  }

  /**
   * {@code ShoppingCart} → {@code shopping-cart}, {@code HTTPRequest} → {@code http-request}.
   *
   * @param camel a Java identifier
   * @return its kebab-case form
   */
  public static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1)) && camel.charAt(i - 1) != '_';
        boolean endOfAcronym =
            i > 0
                && Character.isUpperCase(camel.charAt(i - 1))
                && i + 1 < camel.length()
                && Character.isLowerCase(camel.charAt(i + 1));
        if (out.length() > 0 && (afterLower || endOfAcronym)) {
          out.append('-');
        }
        out.append(Character.toLowerCase(c));
      } else if (c == '_' || c == '$') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
          out.append('-');
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * @param name any text
   * @return a valid kebab-case suggestion for it
   */
  public static String suggestResourceName(String name) {
    String kebab = kebab(name).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-").replaceAll("^[-0-9]+|-$", "");
    if (kebab.isEmpty()) {
      kebab = "my-name";
    }
    return kebab.length() > MAX_NAME_LENGTH ? kebab.substring(0, MAX_NAME_LENGTH).replaceAll("-$", "") : kebab;
  }
}
