package dev.sourced.runtime.projection;

import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.spi.ProjectionDispatcher;
import java.util.Objects;

/**
 * Applies one event to a projection. {@link ProjectionEngine} runs it against DynamoDB and the test
 * kit's {@code ProjectionFixture} in memory, so a projection tested with the fixture behaves as it
 * does deployed.
 *
 * <p>The event is upcast to its newest revision and handed to the generated dispatcher. A managed
 * handler folds it into the view under its key (the {@code @ViewKey} component, else the aggregate id);
 * a handler that returns {@code null} deletes that view. A reactor (void handler) runs at most once per
 * event id. An event the projection has no handler for changes nothing. Where the views and the
 * reaction markers are kept is the caller's {@link State}.
 *
 * @param <V> the view type
 */
public final class ViewFold<V> {

  /**
   * The views and reaction markers one fold reads and writes.
   *
   * @param <V> the view type
   */
  public interface State<V> {
    /**
     * @param key a view key
     * @return the view under it, {@code null} if there is none
     */
    V view(String key);

    /**
     * Replaces the view under a key.
     *
     * @param key a view key
     * @param view the next view; {@code null} deletes it
     */
    void put(String key, V view);

    /**
     * @param eventId an event id
     * @return whether the reactor already ran for that event
     */
    boolean reacted(String eventId);

    /**
     * Records that the reactor ran for an event; called only after it returned.
     *
     * @param eventId the event id
     */
    void markReacted(String eventId);
  }

  private final Upcasting upcasting;
  private final ProjectionDispatcher<V> dispatcher;

  /**
   * @param upcasting the application's upcasting
   * @param dispatcher the projection's dispatcher (its definition's, or one on a given instance)
   */
  public ViewFold(Upcasting upcasting, ProjectionDispatcher<V> dispatcher) {
    this.upcasting = Objects.requireNonNull(upcasting, "upcasting");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /**
   * @param event an event of any revision
   * @param metadata its metadata
   * @return the key of the view the event changes, or null when it changes none (a reactor's, or no handler's)
   */
  public String viewKey(Record event, EventMetadata metadata) {
    Record newest = upcasting.toNewest(event);
    return dispatcher.handling(newest) == ProjectionDispatcher.Handling.VIEW ? dispatcher.viewKey(newest, metadata) : null;
  }

  /**
   * Applies one event.
   *
   * @param event an event of any revision
   * @param metadata its metadata
   * @param state where the views and reaction markers are
   * @throws RuntimeException whatever an upcaster or handler throws; no view is then replaced and no
   *     reaction marked
   */
  public void apply(Record event, EventMetadata metadata, State<V> state) {
    Record newest = upcasting.toNewest(event);
    switch (dispatcher.handling(newest)) {
      case VIEW -> {
        String key = dispatcher.viewKey(newest, metadata);
        state.put(key, dispatcher.apply(newest, metadata, state.view(key)));
      }
      case REACTOR -> {
        if (!state.reacted(metadata.eventId())) {
          dispatcher.react(newest, metadata);
          state.markReacted(metadata.eventId());
        }
      }
      case NONE -> { }
    }
  }
}
