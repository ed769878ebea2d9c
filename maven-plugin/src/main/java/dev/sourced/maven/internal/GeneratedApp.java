package dev.sourced.maven.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the annotation processor ran: it registers the generated {@code SourcedApp} as a service. */
public final class GeneratedApp {
  /** Where the processor registers the generated application. */
  public static final String SERVICE = "META-INF/services/dev.sourced.spi.SourcedApplication";

  private GeneratedApp() {}

  /**
   * @param classes the compiler's output folder
   * @throws SetupException when no application was generated there
   */
  public static void require(Path classes) throws SetupException {
    if (!Files.isRegularFile(classes.resolve(SERVICE))) {
      throw new SetupException("No generated SourcedApp in " + classes + ": the Sourced annotation processor did not run."
          + " Put dev.sourced:sourced-processor in maven-compiler-plugin's <annotationProcessorPaths> and pass"
          + " -Asourced.app=<name> (docs/getting-started.md); javac 23 and later no longer run processors found on the"
          + " class path. If it is configured, the sources have no @Aggregate or @Projection yet.");
    }
  }
}
