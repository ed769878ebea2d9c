package dev.sourced.local.testkit;

import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated registry as a later build of the same application would give it, for tests of what a deployment
 * does: e.g. with a projection's version raised, run on {@code LocalCloud.builder().application(…)} over the data
 * folder of an earlier run, to see the new version replayed while the previous one answers queries.
 */
public final class AppVariants {
  private AppVariants() {}

  /**
   * @param app the generated registry
   * @param projection a projection's name
   * @param version the version it has in the variant
   * @return the registry with that projection at that version, everything else as it is
   */
  public static SourcedApplication withProjectionVersion(SourcedApplication app, String projection, int version) {
    List<ProjectionDefinition<?>> projections = new ArrayList<>();
    boolean found = false;
    for (ProjectionDefinition<?> p : app.projections()) {
      found |= p.name().equals(projection);
      projections.add(p.name().equals(projection) ? raised(p, version) : p);
    }
    if (!found) {
      throw new IllegalArgumentException(app.name() + " has no projection '" + projection + "'");
    }
    List<ProjectionDefinition<?>> variant = List.copyOf(projections);
    return new SourcedApplication() {
      @Override
      public String name() {
        return app.name();
      }

      @Override
      public List<AggregateDefinition<?>> aggregates() {
        return app.aggregates();
      }

      @Override
      public List<EventDefinition> events() {
        return app.events();
      }

      @Override
      public List<ProjectionDefinition<?>> projections() {
        return variant;
      }

      @Override
      public List<QueryDefinition> queries() {
        return app.queries();
      }

      @Override
      public List<ProcessManagerDefinition<?>> processManagers() {
        return app.processManagers();
      }
    };
  }

  private static <V> ProjectionDefinition<V> raised(ProjectionDefinition<V> p, int version) {
    return new ProjectionDefinition<>(p.name(), version, p.type(), p.viewType(), p.eventNames(), p.dispatcher(), p.dispatcherFactory());
  }
}
