package dev.sourced.runtime.process;

import dev.sourced.api.DomainException;
import dev.sourced.runtime.projection.ProjectionTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rejections a process manager's commands met, by the idempotency key they were sent with. A command's outcome
 * must not change when its event is handled again: one that succeeded is answered from the aggregate's idempotency
 * record, and one that was rejected from here, so the rejection handler's compensation is not undone by the command
 * now succeeding.
 */
public interface Rejections {

  /**
   * @param commandKey the key a command was sent with
   * @return the rejection it met, or null
   */
  DomainException find(String commandKey);

  /**
   * Records a rejection before anything is done about it.
   *
   * @param commandKey the key the command was sent with
   * @param rejection the rejection
   */
  void record(String commandKey, DomainException rejection);

  /** @return rejections kept in a process manager's state table */
  static Rejections in(ProjectionTable table) {
    return new Rejections() {
      @Override
      public DomainException find(String commandKey) {
        return table.rejection(commandKey);
      }

      @Override
      public void record(String commandKey, DomainException rejection) {
        table.recordRejection(commandKey, rejection);
      }
    };
  }

  /** @return rejections kept in memory (the test kit's) */
  static Rejections inMemory() {
    Map<String, DomainException> rejections = new ConcurrentHashMap<>();
    return new Rejections() {
      @Override
      public DomainException find(String commandKey) {
        return rejections.get(commandKey);
      }

      @Override
      public void record(String commandKey, DomainException rejection) {
        rejections.put(commandKey, rejection);
      }
    };
  }
}
