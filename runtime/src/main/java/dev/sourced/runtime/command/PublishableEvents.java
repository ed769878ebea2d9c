package dev.sourced.runtime.command;

import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.UnpublishableEventException;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProcessManagerDispatcher;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import dev.sourced.spi.SourcedApplication;

/**
 * What an event must meet before it is stored, so that once stored it cannot stop the pipeline behind
 * it: the publisher stops at the first event EventBridge refuses, and a projection sends to its DLQ
 * every later event of a stream whose view it cannot key, store or read. So, before appending:
 *
 * <ul>
 *   <li>its JSON passes {@link JsonCodecs#checkPublishable}: valid text, 64-bit integers, nesting
 *       EventBridge processes, and the codec reads it back;
 *   <li>every projection that folds it into a view gets a key that fits {@link KeyLimits#maxViewKeyBytes()}
 *       and is valid text;
 *   <li>every process manager that handles it gets an association key that fits
 *       {@link KeyLimits#maxAssociationKeyBytes()} and is valid text.
 * </ul>
 */
final class PublishableEvents {
  private final SourcedApplication app;
  private final JsonCodecs codecs;

  PublishableEvents(SourcedApplication app, JsonCodecs codecs) {
    this.app = app;
    this.codecs = codecs;
  }

  /**
   * @param event the event record
   * @param name its event name
   * @param data its JSON as it will be stored
   * @param metadata its metadata as projections will see it
   * @throws UnpublishableEventException when it fails a check
   */
  void check(Record event, String name, String data, EventMetadata metadata) {
    try {
      codecs.checkPublishable(event.getClass(), data);
    } catch (JsonInputException e) {
      throw new UnpublishableEventException(name, e.path(), e.problem(), null);
    }
    for (ProjectionDefinition<?> projection : app.projectionsHandling(name)) {
      String key;
      try {
        ProjectionDispatcher<?> dispatcher = projection.dispatcher();
        if (dispatcher.handling(event) != ProjectionDispatcher.Handling.VIEW) {
          continue;
        }
        key = dispatcher.viewKey(event, metadata);
      } catch (RuntimeException e) {
        continue; // the projection reports its own failures; this check is about what it is handed
      }
      if (key == null) {
        throw new UnpublishableEventException(name, "$", "gives projection " + projection.name() + " a null view key", null);
      }
      checkKey(event, name, key, "is the view key of projection " + projection.name() + "; a view key",
          KeyLimits.maxViewKeyBytes(), "'" + ProjectionTable.VIEW + "'");
    }
    for (ProcessManagerDefinition<?> processManager : app.processManagersHandling(name)) {
      String key;
      try {
        ProcessManagerDispatcher<?> dispatcher = processManager.dispatcher();
        if (!dispatcher.handles(event)) {
          continue;
        }
        key = dispatcher.associationKey(event, metadata);
      } catch (RuntimeException e) {
        continue; // the process manager reports its own failures
      }
      if (key == null) {
        throw new UnpublishableEventException(name, "$", "gives process manager " + processManager.name()
            + " a null association key", null);
      }
      checkKey(event, name, key, "is the association key of process manager " + processManager.name() + "; an association key",
          KeyLimits.maxAssociationKeyBytes(), "'" + ProjectionTable.CLAIM + "', the longest prefix of its instance's items");
    }
  }

  /** @param what e.g. {@code is the view key of projection summary; a view key}: the message's middle */
  private void checkKey(Record event, String name, String key, String what, int max, String prefix) {
    String problem = Text.problem(key);
    if (problem != null) {
      throw new UnpublishableEventException(name, pathOf(event, key), what.substring(0, what.indexOf(';')) + " and " + problem, key);
    }
    int bytes = Text.utf8Length(key);
    if (bytes > max) {
      throw new UnpublishableEventException(name, pathOf(event, key), "is " + bytes + " bytes in UTF-8 and " + what
          + " takes at most " + max + " (DynamoDB's " + KeyLimits.MAX_KEY_BYTES + "-byte key limit, less " + prefix + ")", key);
    }
  }

  private String pathOf(Record event, String key) {
    String path = codecs.pathOf(event, key);
    return path != null ? path : "$";
  }
}
