package dev.sourced.local.cloud;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the Sourced application on the class path on the local cloud until Ctrl-C; {@code mvn sourced:run} starts it
 * in a JVM of its own.
 *
 * <ul>
 *   <li>{@code SOURCED_PORT}: the HTTP API's port on localhost; default 8080
 *   <li>{@code SOURCED_DATA}: a folder to keep DynamoDB's data in across restarts; default: memory only
 *   <li>{@code SOURCED_APP_NAME} (or the first argument): which application, when the class path holds several
 *   <li>{@code SOURCED_HOP_LOG}: where the one-line hops go: {@code console} (default), {@code off}, or a file to
 *       append them to
 *   <li>{@code SOURCED_FUNCTION_LOG}: which of the functions' own JSON log lines are printed among the hops:
 *       {@code warn} (default: failures), {@code info}, {@code error} or {@code off}
 *   <li>{@code SOURCED_VISIBILITY_TIMEOUT}: how long a received message stays invisible, so how long a failed one waits
 *       for its next attempt: an ISO-8601 duration ({@code PT5S}) or seconds; default each queue's as deployed
 *   <li>{@code SOURCED_PARENT_PID}: a process whose end ends the local cloud too, however it ends ({@code sourced:run}
 *       gives Maven's: killed outright, Maven runs no shutdown hook that could stop it); default: none
 * </ul>
 *
 * Each setting may also be given as a system property of the same name.
 *
 * <p>A mistake a newcomer meets (the port taken, no generated application) ends it with one line that says the cause
 * and the fix, and exit status 2, instead of a stack trace.
 *
 * <p>It runs with the heap of the JVM that starts it: without {@code -Xmx} a JVM may take a quarter of the machine's
 * memory and grows into it instead of collecting; 512 MB is plenty (the default of {@code sourced:run}). The start-up
 * lines say which limit it runs with.
 */
public final class LocalCloudMain {
  /** The exit status for a setting or set-up the user has to fix. */
  static final int USAGE = 2;

  /** The settings' names, as system properties or environment variables; {@code sourced:run} passes them by these. */
  public static final String PORT = "SOURCED_PORT";
  public static final String DATA = "SOURCED_DATA";
  public static final String APP_NAME = "SOURCED_APP_NAME";
  public static final String HOP_LOG = "SOURCED_HOP_LOG";
  public static final String FUNCTION_LOG = "SOURCED_FUNCTION_LOG";
  public static final String VISIBILITY_TIMEOUT = "SOURCED_VISIBILITY_TIMEOUT";
  public static final String PARENT_PID = "SOURCED_PARENT_PID";

  private LocalCloudMain() {}

  public static void main(String[] args) throws InterruptedException {
    String port = setting(PORT, "8080");
    String data = setting(DATA, null);
    String app = args.length > 0 ? args[0] : setting(APP_NAME, null);
    LocalCloud cloud;
    // set up before the start, which may take minutes (a replay to start per projection): stopped or orphaned meanwhile,
    // the JVM ends then, and the replays' Node.js process with it (it ends when its parent does)
    AtomicReference<LocalCloud> running = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LocalCloud started = running.get();
      if (started != null) {
        started.close();
      }
      stopped.countDown();
    }, "sourced-shutdown"));
    try {
      Long parent = parentPid(setting(PARENT_PID, null));
      if (parent != null) {
        endWith(parent, message -> {
          LocalCloud started = running.get();
          if (started != null) {
            started.log().hop("cloud", message);
          } else {
            System.err.println("sourced: " + message);
          }
        });
      }
      LocalCloud.Builder builder = LocalCloud.builder().app(app).port(parsePort(port))
          .log(hopLog(setting(HOP_LOG, "console")))
          .functionLog(setting(FUNCTION_LOG, "warn"));
      if (data != null && !data.isBlank()) {
        builder.dataDirectory(Path.of(data));
      }
      Duration visibility = visibilityTimeout(setting(VISIBILITY_TIMEOUT, null));
      if (visibility != null) {
        builder.visibilityTimeout(visibility);
      }
      cloud = builder.start();
    } catch (RuntimeException e) {
      String problem = explain(e, port);
      if (problem == null) {
        throw e;
      }
      System.err.println("sourced: " + problem);
      System.exit(USAGE);
      return;
    }
    running.set(cloud);
    cloud.log().hop("cloud", heapNote(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    stopped.await();
  }

  /**
   * Ends this JVM (its shutdown hook closes the cloud) when the process {@code pid} ends, or at once if it has ended.
   *
   * @param id the parent's process id
   * @param log where to say so
   */
  static void endWith(long id, Consumer<String> log) {
    // a process that has ended has no handle, or one whose onExit is complete already
    ProcessHandle.of(id).map(ProcessHandle::onExit).orElseGet(() -> CompletableFuture.completedFuture(null)).thenRun(() -> {
      log.accept("process " + id + " that started the local cloud has ended: stopping");
      System.exit(0);
    });
  }

  /**
   * @param e why the cloud did not start
   * @param port the port asked for
   * @return a one-line cause and fix for a mistake of the user's, or null for anything else (a bug: keep its trace)
   */
  static String explain(RuntimeException e, String port) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return "port " + port + " on localhost is in use, perhaps by another local cloud: stop that process (`lsof -i :"
            + port + "` names it) or choose another port (SOURCED_PORT, or -Dsourced.port with mvn sourced:run).";
      }
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof IllegalArgumentException && message.startsWith("SOURCED_")) {
      return message;
    }
    if (e instanceof IllegalStateException && message.contains("Sourced application")) {
      return message + (message.startsWith("no ")
          ? ". No generated SourcedApp means the annotation processor did not run: put dev.sourced:sourced-processor in"
              + " maven-compiler-plugin's <annotationProcessorPaths> (docs/getting-started.md)"
          : "");
    }
    return null;
  }

  /** @return the duration, from ISO-8601 ({@code PT5S}) or seconds ({@code 5}); null when none is given */
  static Duration visibilityTimeout(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      Duration duration = text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
      if (!duration.isNegative() && duration.getNano() == 0 && duration.compareTo(Duration.ofHours(12)) <= 0) {
        return duration;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(VISIBILITY_TIMEOUT + " must be whole seconds from 0 to 12 hours, e.g. PT5S"
        + " or 5; found '" + value + "'.");
  }

  /** @return the process id, or null when none is given */
  static Long parentPid(String pid) {
    if (pid == null || pid.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(pid.trim());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(PARENT_PID + " must be a process id; found '" + pid + "'.");
  }

  private static int parsePort(String port) {
    try {
      int value = Integer.parseInt(port.trim());
      if (value >= 0 && value <= 65535) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("SOURCED_PORT must be a port number from 0 (any free port) to 65535; found '" + port + "'.");
  }

  /** @param where {@code console}, {@code off}, or a file the hop lines are appended to */
  static Consumer<String> hopLog(String where) {
    switch (where) {
      case "console":
        return System.out::println;
      case "off":
        return line -> { };
      default:
        try {
          Path file = Path.of(where).toAbsolutePath();
          Files.createDirectories(file.getParent());
          PrintStream out = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
          System.out.println("sourced: hop lines go to " + file);
          return out::println;
        } catch (IOException e) {
          throw new UncheckedIOException("SOURCED_HOP_LOG: cannot write to " + where, e);
        }
    }
  }

  /** @return the heap limit, and how to bound it when it is far above what the local cloud needs */
  static String heapNote(long maxHeapMb) {
    return "heap limit " + maxHeapMb + " MB" + (maxHeapMb > 1024
        ? " (the JVM's default; the local cloud needs less than 512 MB: -Xmx512m bounds it)" : "");
  }

  private static String setting(String name, String otherwise) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null ? otherwise : value;
  }
}
