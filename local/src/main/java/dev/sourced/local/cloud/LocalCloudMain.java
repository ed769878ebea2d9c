package dev.sourced.local.cloud;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Sourced application on the class path on the local cloud until Ctrl-C.
 *
 * <ul>
 *   <li>{@code SOURCED_PORT}: the HTTP API's port on localhost; default 8080
 *   <li>{@code SOURCED_DATA}: a folder to keep DynamoDB's data in across restarts; default: memory only
 *   <li>{@code SOURCED_APP_NAME} (or the first argument): which application, when the class path holds several
 * </ul>
 *
 * Each setting may also be given as a system property of the same name.
 *
 * <p>It runs in the JVM that starts it ({@code mvn exec:java}: Maven's), with that JVM's heap. Without {@code -Xmx} the
 * JVM may take a quarter of the machine's memory and grows into it instead of collecting; 512 MB is plenty
 * ({@code MAVEN_OPTS=-Xmx512m}, see docs/local-cloud.md). The start-up lines say which limit it runs with.
 */
public final class LocalCloudMain {
  private LocalCloudMain() {}

  public static void main(String[] args) throws InterruptedException {
    String port = setting("SOURCED_PORT", "8080");
    String data = setting("SOURCED_DATA", null);
    String app = args.length > 0 ? args[0] : setting("SOURCED_APP_NAME", null);
    LocalCloud.Builder builder = LocalCloud.builder().app(app).port(Integer.parseInt(port));
    if (data != null && !data.isBlank()) {
      builder.dataDirectory(Path.of(data));
    }
    LocalCloud cloud = builder.start();
    cloud.log().hop("cloud", heapNote(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cloud.close();
      stopped.countDown();
    }, "sourced-shutdown"));
    stopped.await();
  }

  /** @return the heap limit, and how to bound it when it is far above what the local cloud needs */
  static String heapNote(long maxHeapMb) {
    return "heap limit " + maxHeapMb + " MB" + (maxHeapMb > 1024
        ? " (the JVM's default; the local cloud needs less than 512 MB: MAVEN_OPTS=-Xmx512m bounds it)" : "");
  }

  private static String setting(String name, String otherwise) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null ? otherwise : value;
  }
}
