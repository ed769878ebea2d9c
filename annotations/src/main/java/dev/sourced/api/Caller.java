package dev.sourced.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who sent a command, as the platform vouched for it — never as the client claimed it.
 *
 * <ul>
 *   <li>{@link Kind#IAM}: the HTTP API's IAM (SigV4) authorization; the principal is the signer's ARN
 *       ({@code requestContext.authorizer.iam.userArn}), claims are empty.
 *   <li>{@link Kind#JWT}: a JWT authorizer; the principal is the token's {@code sub} claim, and {@code claims}
 *       holds the claims the command's handler asked for ({@code @CommandHandler(claims = ...)}).
 *   <li>{@link Kind#SERVICE}: the application's own code acting under its own name, e.g. a process manager
 *       ({@code process-manager:<name>}), when it sends a command through the command bus.
 *   <li>{@link Kind#ANONYMOUS}: no authorization ran (a route deployed without one, a test that set no caller).
 * </ul>
 *
 * Every event a command appends records the principal ({@link EventMetadata#principal()}); claims are given
 * to the handler only, which records in its events what it needs of them.
 *
 * <p>Limits, so an identity fits every store and message it reaches (DynamoDB items and keys, EventBridge
 * entries): a principal of 1 to {@value #MAX_PRINCIPAL_CHARS} characters, at most {@value #MAX_CLAIMS} claims,
 * names of 1 to {@value #MAX_CLAIM_NAME_CHARS} and values of at most {@value #MAX_CLAIM_VALUE_CHARS} characters.
 * Values beyond them, or strings that are not valid text, are refused, never truncated: a shortened principal
 * could name someone else.
 *
 * @param principal who it is
 * @param kind how it was established
 * @param claims chosen claims of its token, by name; sorted, unmodifiable
 */
public record Caller(String principal, Kind kind, Map<String, String> claims) {
  /** The longest principal, in characters. */
  public static final int MAX_PRINCIPAL_CHARS = 2048;
  /** The most claims a caller carries (and a handler may ask for). */
  public static final int MAX_CLAIMS = 16;
  /** The longest claim name, in characters. */
  public static final int MAX_CLAIM_NAME_CHARS = 128;
  /** The longest claim value, in characters. */
  public static final int MAX_CLAIM_VALUE_CHARS = 1024;
  /** The principal of {@link #ANONYMOUS}. */
  public static final String ANONYMOUS_PRINCIPAL = "anonymous";
  /** Nobody vouched for the sender. */
  public static final Caller ANONYMOUS = new Caller(ANONYMOUS_PRINCIPAL, Kind.ANONYMOUS, Map.of());

  /** How a caller's identity was established. */
  public enum Kind {
    /** IAM (SigV4) authorization by the HTTP API. */
    IAM,
    /** A JWT authorizer of the HTTP API. */
    JWT,
    /** The application's own code, under a name it chose (a process manager). */
    SERVICE,
    /** No authorization. */
    ANONYMOUS
  }

  /**
   * @throws NullPointerException when a value is missing; the limits above are checked where a caller enters the
   *     system (the command API answers 401, the command bus throws), so that a value beyond them is never stored
   */
  public Caller {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(kind, "kind");
    claims = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(claims, "claims")));
  }

  /**
   * @param userArn the signer's ARN
   * @return an IAM caller
   */
  public static Caller iam(String userArn) {
    return new Caller(userArn, Kind.IAM, Map.of());
  }

  /**
   * @param subject the token's {@code sub}
   * @param claims the claims the handler sees
   * @return a JWT caller
   */
  public static Caller jwt(String subject, Map<String, String> claims) {
    return new Caller(subject, Kind.JWT, claims);
  }

  /**
   * @param name the application code's own principal, e.g. {@code process-manager:order-fulfilment}
   * @return a caller for commands the application sends itself
   */
  public static Caller service(String name) {
    return new Caller(name, Kind.SERVICE, Map.of());
  }

  /**
   * @param name a claim name
   * @return its value, or {@code null} when the caller carries no such claim
   */
  public String claim(String name) {
    return claims.get(name);
  }
}
