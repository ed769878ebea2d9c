package dev.sourced.local.testkit;

import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.runtime.projection.ViewFold;
import dev.sourced.runtime.view.InMemoryViews;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Given/then tests of a projection, in memory:
 *
 * <pre>{@code
 * ProjectionFixture.of(CartSummaryProjection.class)
 *     .given(new CartOpened("c1", "u1"), new ItemAdded("c1", "A", 2))
 *     .expectView("c1", expectedSummary);
 * }</pre>
 *
 * Each event gets the metadata a delivered event would have: its stream (the aggregate that emits it
 * and the id read from the event), the next version of that stream, a stable event id, a timestamp and the
 * principal set with {@link #by} ({@code anonymous} until then).
 * Events whose stream cannot be read from them are given with {@link #givenStream}. Events are applied
 * by the same {@link ViewFold} as the deployed projection engine runs, so views, deletions and reactor
 * runs are the same as deployed.
 *
 * @param <V> the view type
 */
public final class ProjectionFixture<V> {
  /** The instant given to the first event; later events follow one second apart. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final SourcedApplication app;
  private final ProjectionDefinition<V> projection;
  private final Upcasting upcasting;
  private final ViewFold<V> fold;
  private final InMemoryViews<V> views = new InMemoryViews<>();
  private final Set<String> reacted = new HashSet<>();
  private final Memory memory = new Memory();
  private final GivenEvents given;

  private ProjectionFixture(SourcedApplication app, ProjectionDefinition<V> projection, ProjectionDispatcher<V> dispatcher) {
    this.app = app;
    this.projection = projection;
    this.upcasting = new Upcasting(app);
    this.fold = new ViewFold<>(upcasting, dispatcher);
    this.given = new GivenEvents(upcasting);
  }

  /**
   * @param projectionType a {@code @Projection} class of an application on the class path
   * @return a fixture for it, dispatching to an instance made with its no-arg constructor
   */
  public static ProjectionFixture<?> of(Class<?> projectionType) {
    SourcedApplication app = Applications.declaring(projectionType,
        a -> a.projection(projectionType).isPresent(), "projection");
    return of(app, projectionType);
  }

  /**
   * @param projectionType a {@code @Projection} class
   * @param viewType its view record class
   * @return a typed fixture for it
   */
  @SuppressWarnings("unchecked")
  public static <V> ProjectionFixture<V> of(Class<?> projectionType, Class<V> viewType) {
    ProjectionFixture<?> fixture = of(projectionType);
    if (!Objects.equals(fixture.projection.viewType(), viewType)) {
      throw new IllegalArgumentException("projection " + fixture.projection.name() + " keeps "
          + fixture.projection.viewType() + " views, not " + viewType.getName());
    }
    return (ProjectionFixture<V>) fixture;
  }

  /**
   * @param app the generated {@code SourcedApp.INSTANCE}
   * @param projectionType one of its projections
   * @return a fixture for it
   */
  public static ProjectionFixture<?> of(SourcedApplication app, Class<?> projectionType) {
    ProjectionDefinition<?> projection = definition(app, projectionType);
    return create(app, projection, projection.dispatcher());
  }

  /**
   * @param app the generated {@code SourcedApp.INSTANCE}
   * @param projectionInstance a projection instance, e.g. one with test doubles for a reactor's dependencies
   * @return a fixture dispatching to that instance
   */
  public static ProjectionFixture<?> of(SourcedApplication app, Object projectionInstance) {
    ProjectionDefinition<?> projection = definition(app, projectionInstance.getClass());
    return create(app, projection, projection.dispatcherFor(projectionInstance));
  }

  private static <V> ProjectionFixture<V> create(SourcedApplication app, ProjectionDefinition<V> projection,
      ProjectionDispatcher<?> dispatcher) {
    @SuppressWarnings("unchecked")
    ProjectionDispatcher<V> typed = (ProjectionDispatcher<V>) dispatcher;
    return new ProjectionFixture<>(app, projection, typed);
  }

  private static ProjectionDefinition<?> definition(SourcedApplication app, Class<?> projectionType) {
    return app.projection(projectionType).orElseThrow(() ->
        new IllegalArgumentException(app.name() + " declares no @Projection " + projectionType.getName()));
  }

  /**
   * Sets who sent the commands of the events given after this call: their {@link EventMetadata#principal()}.
   *
   * @param principal e.g. {@code arn:aws:iam::123456789012:user/alice}; null as for events stored before principals
   *     were recorded
   * @return this fixture
   */
  public ProjectionFixture<V> by(String principal) {
    given.by(principal);
    return this;
  }

  /**
   * Delivers events, each on the stream read from it.
   *
   * @param events events of any revision, in stream order
   * @return this fixture
   */
  public ProjectionFixture<V> given(Record... events) {
    for (Record event : events) {
      Record newest = given.newest(event);
      deliver(given.streamOf(newest), newest);
    }
    return this;
  }

  /**
   * Delivers events of one stream.
   *
   * @param streamId e.g. {@code shopping-cart#c1}
   * @param events events of any revision, in stream order
   * @return this fixture
   */
  public ProjectionFixture<V> givenStream(String streamId, Record... events) {
    for (Record event : events) {
      deliver(streamId, given.newest(event));
    }
    return this;
  }

  private void deliver(String streamId, Record event) {
    fold.apply(event, given.next(streamId, event), memory);
  }

  /** The fold's state: the fixture's views, and the events a reactor ran for. */
  private final class Memory implements ViewFold.State<V> {
    @Override
    public V view(String key) {
      return views.get(key);
    }

    @Override
    public void put(String key, V view) {
      views.put(key, view);
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

  /** Asserts the view under a key equals the expected one. */
  public ProjectionFixture<V> expectView(String key, V expected) {
    V actual = views.get(key);
    if (actual == null) {
      throw new AssertionError("projection " + projection.name() + " has no view '" + key + "'; it has " + views.asMap().keySet());
    }
    if (!actual.equals(expected)) {
      throw new AssertionError("projection " + projection.name() + " view '" + key + "' is\n  " + actual
          + "\nbut expected\n  " + expected);
    }
    return this;
  }

  /** Asserts there is no view under a key. */
  public ProjectionFixture<V> expectNoView(String key) {
    V actual = views.get(key);
    if (actual != null) {
      throw new AssertionError("projection " + projection.name() + " was expected to have no view '" + key + "' but has " + actual);
    }
    return this;
  }

  /** @return the view under a key, for custom assertions */
  public Optional<V> view(String key) {
    return Optional.ofNullable(views.get(key));
  }

  /** @return every view by key */
  public Map<String, V> views() {
    return views.asMap();
  }

  /**
   * Runs a query handler of this projection against the fixture's views.
   *
   * @param query a query record
   * @return its answer, {@code null} for not found
   */
  public Object query(Record query) {
    List<QueryDefinition> queries = app.queries();
    for (QueryDefinition definition : queries) {
      if (definition.type().equals(query.getClass())) {
        if (!definition.projection().equals(projection.name())) {
          throw new IllegalArgumentException(query.getClass().getSimpleName() + " reads projection "
              + definition.projection() + ", not " + projection.name());
        }
        Object answer = definition.invoker().invoke(query, views);
        return answer instanceof Optional<?> optional ? optional.orElse(null) : answer;
      }
    }
    throw new IllegalArgumentException(app.name() + " has no @QueryHandler for " + query.getClass().getName());
  }

  /** Asserts a query's answer. */
  public ProjectionFixture<V> expectQuery(Record query, Object expected) {
    Object answer = query(query);
    if (!Objects.equals(answer, expected)) {
      throw new AssertionError("query " + query + " answered\n  " + answer + "\nbut expected\n  " + expected);
    }
    return this;
  }
}
