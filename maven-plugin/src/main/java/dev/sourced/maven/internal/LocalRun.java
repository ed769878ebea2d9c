package dev.sourced.maven.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code sourced:run}: the application on the local cloud in a JVM of its own until Ctrl-C; when watching, a change
 * under the source folders recompiles the project (in this Maven) and, when that succeeds, restarts the JVM. Data
 * kept in memory starts empty after a restart; a data folder ({@code -Dsourced.data}) keeps it.
 */
public final class LocalRun {
  private final CloudSettings settings;
  private final Supplier<List<Path>> classPath;
  private final Path classes;
  private final Path work;
  private final Log log;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private volatile LocalCloudProcess cloud;
  private boolean stopsOnExit;

  /**
   * @param settings how to run the local cloud
   * @param classPath the class path, computed again at each start
   * @param classes the compiler's output folder, where the generated application must be
   * @param work a folder for the JVM's files
   * @param log Maven's log
   */
  public LocalRun(CloudSettings settings, Supplier<List<Path>> classPath, Path classes, Path work, Log log) {
    this.settings = settings;
    this.classPath = classPath;
    this.classes = classes;
    this.work = work;
    this.log = log;
  }

  /** Runs until Ctrl-C, or until the local cloud stops by itself. */
  public void runOnce() throws SetupException, IOException, InterruptedException {
    start();
    int status = cloud.waitFor();
    if (status != 0 && status != 130 && status != 143) {
      throw new SetupException("The local cloud stopped with exit status " + status + "; the lines above say why.");
    }
  }

  /**
   * Runs until Ctrl-C, restarting after each successful recompilation of a change under {@code watched}.
   *
   * @param watched the source and resource folders
   * @param recompiler builds the project again
   */
  public void runWatching(List<Path> watched, Recompiler recompiler) throws SetupException, IOException, InterruptedException {
    start();
    try (SourceWatcher watcher = new SourceWatcher(watched, 400)) {
      log.info("Watching " + watched.stream().map(Path::toString).collect(Collectors.joining(", "))
          + ": a change recompiles and restarts the app" + (settings.data() == null
              ? " (data is in memory and starts empty; -Dsourced.data=target/sourced-data keeps it)." : "."));
      while (true) {
        Set<Path> changed = watcher.awaitChange();
        List<String> names = changed.stream().filter(Files::exists).map(p -> p.getFileName().toString()).toList();
        log.info("Changed: " + (names.isEmpty() ? "files removed" : String.join(", ", names.subList(0, Math.min(5, names.size()))))
            + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "") + "; recompiling.");
        long began = System.nanoTime();
        if (!recompiler.compile()) {
          continue;
        }
        try {
          GeneratedApp.require(classes);
        } catch (SetupException e) {
          log.error(e.getMessage());
          continue;
        }
        stop();
        start();
        log.info("Restarted in " + (System.nanoTime() - began) / 1_000_000 + " ms: recompiled, and a new local cloud serves"
            + " the new classes.");
      }
    } finally {
      stop();
    }
  }

  private void start() throws SetupException, IOException, InterruptedException {
    GeneratedApp.require(classes);
    LocalCloudProcess started = LocalCloudProcess.start(settings, classPath.get(), work);
    cloud = started;
    if (!stopsOnExit) { // Ctrl-C stops Maven: the local cloud's JVM goes with it
      Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "sourced-stop-local-cloud"));
      stopsOnExit = true;
    }
    started.awaitReady(READY_TIMEOUT); // its start-up lines come before Maven's next ones; false: it ended, said why
  }

  private void stop() {
    LocalCloudProcess running = cloud;
    if (running != null && running.isAlive()) {
      running.stop();
    }
  }
}
