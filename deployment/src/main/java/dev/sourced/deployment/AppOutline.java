package dev.sourced.deployment;

import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.CommandDefinition;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a deployment is computed from: the application's aggregates and projections as far as the cloud
 * needs them. The generated registry gives it at run and synth time ({@link #of(SourcedApplication)}); the
 * processor builds the same from its model at compile time, so {@code app-model.json} and the deployed
 * stack come from one computation, {@link Deployment#of(AppOutline)}.
 *
 * @param name the application's name
 * @param aggregates its aggregates, sorted by name
 * @param projections its projections, sorted by name
 * @param processManagers its process managers, sorted by name
 */
public record AppOutline(String name, List<Aggregate> aggregates, List<Projection> projections,
    List<ProcessManager> processManagers) {
  public AppOutline {
    Objects.requireNonNull(name, "name");
    aggregates = List.copyOf(aggregates);
    projections = List.copyOf(projections);
    processManagers = List.copyOf(processManagers);
  }

  /** An application without process managers. */
  public AppOutline(String name, List<Aggregate> aggregates, List<Projection> projections) {
    this(name, aggregates, projections, List.of());
  }

  /**
   * @param name the process manager's name
   * @param packageName its class's package
   * @param simpleNames its class's simple names, outermost first
   * @param eventNames the events it handles, sorted
   * @param targets the aggregates whose commands it sends, sorted
   * @param deadlines the names of its deadline handlers, sorted; none: it gets no scheduler
   */
  public record ProcessManager(String name, String packageName, List<String> simpleNames, List<String> eventNames,
      List<String> targets, List<String> deadlines) {
    public ProcessManager {
      simpleNames = List.copyOf(simpleNames);
      eventNames = List.copyOf(eventNames);
      targets = List.copyOf(targets);
      deadlines = List.copyOf(deadlines);
    }

    /** A process manager without deadlines. */
    public ProcessManager(String name, String packageName, List<String> simpleNames, List<String> eventNames, List<String> targets) {
      this(name, packageName, simpleNames, eventNames, targets, List.of());
    }
  }

  /**
   * An HTTP route of a command or query.
   *
   * @param method e.g. {@code POST}
   * @param path e.g. {@code /shopping-cart/{cartId}/add-item}
   */
  public record Endpoint(String method, String path) {}

  /**
   * @param name the aggregate's name, e.g. {@code shopping-cart}
   * @param packageName the aggregate class's package
   * @param simpleNames the aggregate class's simple names, outermost first
   * @param snapshots whether it keeps snapshots
   * @param routes its commands' routes
   * @param releasesUniqueValues whether an event it emits moves or releases a unique value ({@code @Unique} on an
   *     event component, {@code @ReleasesUnique}): its commands then delete reservations
   */
  public record Aggregate(String name, String packageName, List<String> simpleNames, boolean snapshots, List<Endpoint> routes,
      boolean releasesUniqueValues) {
    public Aggregate {
      simpleNames = List.copyOf(simpleNames);
      routes = List.copyOf(routes);
    }

    /** An aggregate none of whose events moves or releases a unique value. */
    public Aggregate(String name, String packageName, List<String> simpleNames, boolean snapshots, List<Endpoint> routes) {
      this(name, packageName, simpleNames, snapshots, routes, false);
    }
  }

  /**
   * @param name the projection's name
   * @param version its version
   * @param packageName the projection class's package
   * @param simpleNames the projection class's simple names, outermost first
   * @param eventNames the events it consumes, sorted
   * @param queryRoutes the routes of its queries; empty when it answers none (a reactor never does)
   */
  public record Projection(String name, int version, String packageName, List<String> simpleNames, List<String> eventNames,
      List<Endpoint> queryRoutes) {
    public Projection {
      simpleNames = List.copyOf(simpleNames);
      eventNames = List.copyOf(eventNames);
      queryRoutes = List.copyOf(queryRoutes);
    }
  }

  /** @return the outline of a generated registry */
  public static AppOutline of(SourcedApplication app) {
    List<Aggregate> aggregates = new ArrayList<>();
    for (AggregateDefinition<?> aggregate : app.aggregates()) {
      List<Endpoint> routes = new ArrayList<>();
      for (CommandDefinition command : aggregate.commands()) {
        if (command.internal()) {
          continue; // only process managers send it: no route reaches it
        }
        routes.add(new Endpoint(command.route().method(), command.route().path()));
      }
      boolean releases = app.events().stream().anyMatch(event -> event.newest() && event.aggregates().contains(aggregate.name())
          && (!event.uniqueMoves().isEmpty() || !event.uniqueReleases().isEmpty()));
      aggregates.add(new Aggregate(aggregate.name(), aggregate.type().getPackageName(), simpleNames(aggregate.type()),
          aggregate.snapshotEvery() > 0 && aggregate.snapshotType() != null, routes, releases));
    }
    List<Projection> projections = new ArrayList<>();
    for (ProjectionDefinition<?> projection : app.projections()) {
      List<Endpoint> routes = new ArrayList<>();
      if (projection.viewType() != null) {
        for (QueryDefinition query : app.queries()) {
          if (query.projection().equals(projection.name())) {
            routes.add(new Endpoint(query.route().method(), query.route().path()));
          }
        }
      }
      projections.add(new Projection(projection.name(), projection.version(), projection.type().getPackageName(),
          simpleNames(projection.type()), projection.eventNames(), routes));
    }
    List<ProcessManager> processManagers = new ArrayList<>();
    for (ProcessManagerDefinition<?> processManager : app.processManagers()) {
      TreeSet<String> targets = new TreeSet<>();
      for (Class<? extends Record> command : processManager.sends()) {
        for (AggregateDefinition<?> aggregate : app.aggregates()) {
          if (aggregate.commands().stream().anyMatch(c -> c.type().equals(command))) {
            targets.add(aggregate.name());
          }
        }
      }
      processManagers.add(new ProcessManager(processManager.name(), processManager.type().getPackageName(),
          simpleNames(processManager.type()), processManager.eventNames(), List.copyOf(targets), processManager.deadlines()));
    }
    return new AppOutline(app.name(), aggregates, projections, processManagers);
  }

  /** {@code a.b.Outer$Inner} → {@code [Outer, Inner]} */
  private static List<String> simpleNames(Class<?> type) {
    String pkg = type.getPackageName();
    String binary = pkg.isEmpty() ? type.getName() : type.getName().substring(pkg.length() + 1);
    return List.of(binary.split("\\$"));
  }
}
