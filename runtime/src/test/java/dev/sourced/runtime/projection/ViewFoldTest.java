package dev.sourced.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fold alone, on a hand-written dispatcher: what the engine and the test kit's fixture both rely on. */
class ViewFoldTest {
  record Opened(String id) {}

  record DepositedV1(String id, int euros) {}

  record Deposited(String id, long cents) {}

  record Closed(String id) {}

  record Noticed(String id) {}

  record Unhandled(String id) {}

  private static final SourcedApplication APP = new SourcedApplication() {
    @Override
    public String name() {
      return "fold-test";
    }

    @Override
    public List<AggregateDefinition<?>> aggregates() {
      return List.of();
    }

    @Override
    public List<EventDefinition> events() {
      return List.of(
          newest("Opened", 1, Opened.class),
          new EventDefinition("Deposited", 1, DepositedV1.class,
              e -> new Deposited(((DepositedV1) e).id(), ((DepositedV1) e).euros() * 100L), List.of(), null),
          newest("Deposited", 2, Deposited.class),
          newest("Closed", 1, Closed.class),
          newest("Noticed", 1, Noticed.class),
          newest("Unhandled", 1, Unhandled.class));
    }

    @Override
    public List<ProjectionDefinition<?>> projections() {
      return List.of();
    }

    @Override
    public List<QueryDefinition> queries() {
      return List.of();
    }
  };

  private static EventDefinition newest(String name, int revision, Class<? extends Record> type) {
    return new EventDefinition(name, revision, type, null, List.of("account"), null);
  }

  /** Balances in cents by account; a reactor that notices, or throws when told to. */
  private static final class Balances implements ProjectionDispatcher<Long> {
    final List<String> noticed = new ArrayList<>();
    boolean failReactor;

    @Override
    public Handling handling(Record event) {
      if (event instanceof Opened || event instanceof Deposited || event instanceof Closed) {
        return Handling.VIEW;
      }
      return event instanceof Noticed ? Handling.REACTOR : Handling.NONE;
    }

    @Override
    public String viewKey(Record event, EventMetadata metadata) {
      return metadata.aggregateId();
    }

    @Override
    public Long apply(Record event, EventMetadata metadata, Long current) {
      if (event instanceof Opened) {
        return 0L;
      }
      if (event instanceof Deposited deposited) {
        return current + deposited.cents();
      }
      return null; // Closed
    }

    @Override
    public void react(Record event, EventMetadata metadata) {
      if (failReactor) {
        throw new IllegalStateException("reactor failed");
      }
      noticed.add(metadata.eventId());
    }
  }

  /** A state in maps, recording every call. */
  private static final class MapState implements ViewFold.State<Long> {
    final Map<String, Long> views = new HashMap<>();
    final Set<String> reacted = new HashSet<>();
    final List<String> puts = new ArrayList<>();

    @Override
    public Long view(String key) {
      return views.get(key);
    }

    @Override
    public void put(String key, Long view) {
      puts.add(key);
      if (view == null) {
        views.remove(key);
      } else {
        views.put(key, view);
      }
    }

    @Override
    public boolean reacted(String eventId) {
      return reacted.contains(eventId);
    }

    @Override
    public void markReacted(String eventId) {
      reacted.add(eventId);
    }
  }

  private final Balances dispatcher = new Balances();
  private final ViewFold<Long> fold = new ViewFold<>(new Upcasting(APP), dispatcher);
  private final MapState state = new MapState();

  private static EventMetadata metadata(String streamId, long version) {
    return new EventMetadata(streamId, version, streamId + "@" + version, "any", Instant.EPOCH, "cmd", "corr", "cmd", "anonymous");
  }

  @Test
  void eventsOfOldRevisions_areUpcast_andFoldedIntoTheViewUnderTheirKey() {
    fold.apply(new Opened("a1"), metadata("account#a1", 1), state);
    fold.apply(new DepositedV1("a1", 2), metadata("account#a1", 2), state);
    fold.apply(new Deposited("a1", 50), metadata("account#a1", 3), state);
    fold.apply(new Opened("a2"), metadata("account#a2", 1), state);

    assertThat(state.views).containsExactlyInAnyOrderEntriesOf(Map.of("a1", 250L, "a2", 0L));
  }

  @Test
  void handlerReturningNull_deletesTheView() {
    fold.apply(new Opened("a1"), metadata("account#a1", 1), state);
    fold.apply(new Closed("a1"), metadata("account#a1", 2), state);

    assertThat(state.views).isEmpty();
    assertThat(state.puts).containsExactly("a1", "a1");
  }

  @Test
  void reactor_runsOncePerEventId_andChangesNoView() {
    fold.apply(new Noticed("a1"), metadata("account#a1", 1), state);
    fold.apply(new Noticed("a1"), metadata("account#a1", 1), state);
    fold.apply(new Noticed("a1"), metadata("account#a1", 2), state);

    assertThat(dispatcher.noticed).containsExactly("account#a1@1", "account#a1@2");
    assertThat(state.reacted).containsExactlyInAnyOrder("account#a1@1", "account#a1@2");
    assertThat(state.puts).isEmpty();
  }

  @Test
  void reactorThatThrows_isNotMarked_soItRunsAgainOnRetry() {
    dispatcher.failReactor = true;
    assertThatThrownBy(() -> fold.apply(new Noticed("a1"), metadata("account#a1", 1), state))
        .isInstanceOf(IllegalStateException.class);
    assertThat(state.reacted).isEmpty();

    dispatcher.failReactor = false;
    fold.apply(new Noticed("a1"), metadata("account#a1", 1), state);
    assertThat(dispatcher.noticed).containsExactly("account#a1@1");
  }

  @Test
  void eventWithoutHandler_changesNothing() {
    fold.apply(new Unhandled("a1"), metadata("account#a1", 1), state);

    assertThat(state.puts).isEmpty();
    assertThat(state.reacted).isEmpty();
  }
}
