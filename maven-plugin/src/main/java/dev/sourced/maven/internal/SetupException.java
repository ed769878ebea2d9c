package dev.sourced.maven.internal;

import org.apache.maven.plugin.MojoFailureException;

/**
 * A mistake in the user's set-up, with a message that says the cause and the fix in one line: Maven reports it as a
 * build failure, without a stack trace. (A Maven type, so that the Java 8 goals never name a class of this package in
 * a catch clause, which would load it before they have checked the JDK.)
 */
public final class SetupException extends MojoFailureException {
  private static final long serialVersionUID = 1L;

  public SetupException(String message) {
    super(message);
  }
}
