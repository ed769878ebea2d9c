package dev.sourced.maven.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches source folders (recursively, folders created later included) and reports a change once the files have
 * been quiet for a moment, so that an editor's save of several files, or a branch switch, is one change.
 */
public final class SourceWatcher implements AutoCloseable {
  private final WatchService service;
  private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
  private final long quietMillis;

  /** @param roots the folders to watch; those that do not exist are skipped */
  public SourceWatcher(Iterable<Path> roots, long quietMillis) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.quietMillis = quietMillis;
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        registerTree(root);
      }
    }
  }

  /**
   * Blocks until something changed under the roots and then stayed quiet for the quiet time.
   *
   * @return the files that changed, relative names sorted
   */
  public Set<Path> awaitChange() throws InterruptedException, IOException {
    Set<Path> changed = new TreeSet<>();
    WatchKey key = service.take();
    while (key != null) {
      Path folder = folders.get(key);
      for (WatchEvent<?> event : key.pollEvents()) {
        if (folder != null && event.context() instanceof Path name) {
          Path file = folder.resolve(name);
          changed.add(file);
          if (event.kind() == ENTRY_CREATE && Files.isDirectory(file)) {
            registerTree(file);
          }
        }
      }
      if (!key.reset()) {
        folders.remove(key);
      }
      key = service.poll(quietMillis, TimeUnit.MILLISECONDS);
    }
    return changed;
  }

  private void registerTree(Path root) throws IOException {
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path folder : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
        folders.put(folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), folder);
      }
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
