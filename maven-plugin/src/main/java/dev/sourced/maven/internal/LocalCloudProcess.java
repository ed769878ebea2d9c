package dev.sourced.maven.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The local cloud in a JVM of its own ({@code LocalCloudMain}), and how to wait for it and stop it. */
public final class LocalCloudProcess {
  private final Process process;
  private final int port;

  private LocalCloudProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * @param settings how to run it
   * @param classPath the application's class path with sourced-local
   * @param work a folder for the JVM's argument file
   * @return the started process; {@link #awaitReady} tells when it serves
   * @throws SetupException when the port is taken
   */
  public static LocalCloudProcess start(CloudSettings settings, List<Path> classPath, Path work)
      throws SetupException, IOException {
    Ports.requireFree(settings.port());
    int port = settings.port() == 0 ? Ports.free() : settings.port();
    Jvm jvm = new Jvm(CloudSettings.MAIN, classPath, settings.jvmOptions(), settings.systemProperties(port), List.of());
    return new LocalCloudProcess(jvm.start(work.resolve("local-cloud.args")), port);
  }

  /** @return the process of the local cloud that {@code pid} names, if it still runs */
  public static Optional<ProcessHandle> running(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
  }

  /**
   * Polls {@code GET /health} until it answers 200.
   *
   * @return whether it is ready; false when the process ended or the time ran out
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("/health")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** @return {@code http://localhost:<port>} */
  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** @return the exit status, after the process ended */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Stops it as Ctrl-C would (its shutdown hook closes every part), forcibly after 20 s. */
  public void stop() {
    stop(process.toHandle());
  }

  /** @param handle a local cloud's process: stopped as Ctrl-C would stop it, forcibly after 20 s */
  public static void stop(ProcessHandle handle) {
    handle.destroy();
    try {
      handle.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
    }
  }
}
