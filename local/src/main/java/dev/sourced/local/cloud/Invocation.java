package dev.sourced.local.cloud;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which function the current thread acts for in the {@link LocalCloud}: inside one of its
 * invocations, or as its event source mapping (polling its stream or queue, which Lambda does with the
 * function's role). SDK calls can so be attributed to functions, e.g. by an execution interceptor that
 * checks them against the deployed IAM policies.
 */
public final class Invocation {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private Invocation() {}

  /** @return the app-model name of the function the current thread acts for, e.g. {@code cart-summary-projection} */
  public static Optional<String> currentFunction() {
    return Optional.ofNullable(CURRENT.get());
  }

  static <T> T call(String function, Supplier<T> work) {
    String outer = CURRENT.get();
    CURRENT.set(function);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** @return {@code work}, run acting for {@code function} */
  static Runnable actingFor(String function, Runnable work) {
    return () -> call(function, () -> {
      work.run();
      return null;
    });
  }
}
