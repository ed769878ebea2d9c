package dev.sourced.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awscdk.services.lambda.Code;

/** Finds the application's Lambda bundle, the {@code *-lambda.jar} that {@code sourced:bundle} writes. */
public final class LambdaBundle {
  private LambdaBundle() {}

  /**
   * @param directory where the build writes it, e.g. {@code target}
   * @return the bundle as a CDK asset
   */
  public static Code in(Path directory) {
    List<Path> bundles;
    try (Stream<Path> files = Files.list(directory)) {
      bundles = files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("no " + directory.toAbsolutePath() + ": run `mvn package` first", e);
    }
    if (bundles.size() != 1) {
      throw new IllegalStateException("expected one *-lambda.jar in " + directory.toAbsolutePath() + ", found " + bundles
          + ": run `mvn package` first");
    }
    return Code.fromAsset(bundles.get(0).toString());
  }
}
