package dev.sourced.local.testkit;

import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/** Finds the generated {@code SourcedApp} that declares a class, through {@link ServiceLoader}. */
final class Applications {
  private Applications() {}

  static SourcedApplication declaring(Class<?> type, Predicate<SourcedApplication> declares, String what) {
    List<SourcedApplication> found = new ArrayList<>();
    for (SourcedApplication app : ServiceLoader.load(SourcedApplication.class, classLoader(type))) {
      if (declares.test(app)) {
        found.add(app);
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(found.isEmpty()
          ? "no generated SourcedApp declares " + what + " " + type.getName()
              + "; is the Sourced annotation processor on the compiler's annotationProcessorPaths?"
          : what + " " + type.getName() + " is declared by several applications: " + found
              + "; pass the SourcedApp instance explicitly");
    }
    return found.get(0);
  }

  private static ClassLoader classLoader(Class<?> type) {
    return type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
  }
}
