package dev.sourced.processor.codegen;

import com.palantir.javapoet.ClassName;
import dev.sourced.deployment.AppOutline;
import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.DeploymentTree;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.DeadlineHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.RejectionHandlerMethod;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.UniqueRelease;
import dev.sourced.processor.model.UniqueValue;
import dev.sourced.processor.model.UpcasterMethod;
import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code META-INF/sourced/app-model.json}: the application's model (aggregates, events with their
 * schemas, projections, process managers, queries, routes) and, when the Lambda entry points are generated, its deployment
 * description ({@code deployment}: the same {@link Deployment} the CDK stack and the local cloud build from
 * the registry), so tools outside Java read both. Its format is documented in docs/app-model.md.
 */
public final class AppModelWriter {
  public static final String PATH = SourcedApplication.APP_MODEL_RESOURCE;
  public static final int MODEL_VERSION = 1;

  /**
   * @param model the application
   * @param functions whether the Lambda entry points were generated (the runtime is on the class path),
   *     so the model carries the deployment that runs them under {@code deployment}
   * @param output where to write
   */
  public void write(AppModel model, boolean functions, Output output) {
    JsonSchemas schemas = new JsonSchemas(model, "#/schemas/");
    Map<String, Object> root = Json.object();
    root.put("modelVersion", MODEL_VERSION);
    root.put("app", model.name());
    root.put("registry", GeneratedNames.registry(model).canonicalName());

    List<Object> aggregates = new ArrayList<>();
    for (AggregateModel aggregate : model.aggregates()) {
      Map<String, Object> a = Json.object();
      a.put("name", aggregate.name());
      a.put("class", aggregate.type().canonicalName());
      a.put("streamIdPrefix", aggregate.name() + "#");
      a.put("snapshotEvery", aggregate.snapshotEvery());
      a.put("snapshotState", aggregate.snapshotType() == null ? null : schemas.name(aggregate.snapshotType()));
      a.put("cachedStreams", aggregate.cachedStreams());
      List<Object> commands = new ArrayList<>();
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        Map<String, Object> c = Json.object();
        c.put("name", handler.name());
        c.put("class", handler.command().canonicalName());
        c.put("schema", schemas.name(handler.command()));
        c.put("creation", handler.creation());
        c.put("aggregateId", handler.aggregateIdComponent());
        c.put("internal", handler.internal());
        c.put("route", handler.internal() ? null : route(handler.route()));
        c.put("emits", handler.events().stream().map(e -> model.event(e).orElseThrow().name()).sorted().toList());
        c.put("unique", uniqueValues(handler.unique()));
        commands.add(c);
      }
      a.put("commands", commands);
      a.put("appliesEvents", aggregate.eventSourcingHandlers().stream()
          .map(h -> model.event(h.event()).orElseThrow().name()).sorted().toList());
      aggregates.add(a);
    }
    root.put("aggregates", aggregates);

    List<Object> events = new ArrayList<>();
    for (EventType event : model.events()) {
      Map<String, Object> e = Json.object();
      e.put("name", event.name());
      e.put("revision", event.revision());
      e.put("class", event.type().canonicalName());
      boolean newest = model.isNewest(event);
      e.put("newest", newest);
      e.put("upcaster", model.upcaster(event.type()).map(AppModelWriter::upcaster).orElse(null));
      e.put("aggregates", model.emitters(event.type()).stream().map(AggregateModel::name).toList());
      e.put("aggregateIdField", model.eventAggregateIdComponent(event.type()).orElse(null));
      e.put("uniqueMoves", uniqueValues(event.uniqueMoves()));
      e.put("uniqueReleases", event.uniqueReleases().stream().map(UniqueRelease::scope).toList());
      e.put("schema", schemas.record(model.shape(event.type()), Set.of()));
      events.add(e);
    }
    root.put("events", events);

    List<Object> projections = new ArrayList<>();
    for (ProjectionModel projection : model.projections()) {
      Map<String, Object> p = Json.object();
      p.put("name", projection.name());
      p.put("version", projection.version());
      p.put("class", projection.type().canonicalName());
      p.put("viewType", projection.viewType() == null ? null : projection.viewType().canonicalName());
      p.put("viewSchema", projection.viewType() == null ? null : schemas.name(projection.viewType()));
      p.put("consumes", new ArrayList<>(consumedEventNames(model, projection)));
      List<Object> handlers = new ArrayList<>();
      for (EventHandlerMethod handler : projection.handlers()) {
        Map<String, Object> h = Json.object();
        h.put("event", model.event(handler.event()).orElseThrow().name());
        h.put("kind", handler.kind().name().toLowerCase(java.util.Locale.ROOT));
        h.put("viewKey", handler.keyComponent() == null ? "aggregateId" : "event." + handler.keyComponent());
        handlers.add(h);
      }
      handlers.sort(Comparator.comparing(h -> (String) ((Map<?, ?>) h).get("event")));
      p.put("handlers", handlers);
      p.put("queries", model.queriesOf(projection.name()).stream().map(QueryHandlerMethod::name).sorted().toList());
      projections.add(p);
    }
    root.put("projections", projections);
    root.put("processManagers", processManagers(model, schemas));

    List<Object> queries = new ArrayList<>();
    for (QueryHandlerMethod query : model.queries()) {
      Map<String, Object> q = Json.object();
      q.put("name", query.name());
      q.put("class", query.query().canonicalName());
      q.put("schema", schemas.name(query.query()));
      q.put("projection", query.projection());
      q.put("route", route(query.route()));
      q.put("queryParameters", model.shape(query.query()).components().stream()
          .map(c -> c.name()).filter(c -> !query.route().parameters().contains(c)).toList());
      q.put("returns", schemas.of(query.result()));
      queries.add(q);
    }
    root.put("queries", queries);

    List<Object> routes = new ArrayList<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        if (!handler.internal()) {
          routes.add(routeEntry(handler.route(), "command", aggregate.name(), handler.name()));
        }
      }
    }
    for (QueryHandlerMethod query : model.queries()) {
      routes.add(routeEntry(query.route(), "query", query.projection(), query.name()));
    }
    routes.sort(Comparator.comparing((Object r) -> (String) ((Map<?, ?>) r).get("path"))
        .thenComparing(r -> (String) ((Map<?, ?>) r).get("method")));
    root.put("routes", routes);
    if (functions) {
      root.put("deployment", DeploymentTree.of(Deployment.of(outline(model))));
    }
    root.put("schemas", schemas.all());
    output.resource(PATH, Json.write(root), RegistryWriter.originating(model));
  }

  /**
   * The application as the deployment description's input: its aggregates (snapshotting or not, with their
   * public commands' routes), projections (with the events they consume and, when they answer queries, the
   * queries' routes) and process managers (with the events they handle and the aggregates they command), as the
   * generated registry describes them at run time ({@code AppOutline.of(app)}).
   */
  static AppOutline outline(AppModel model) {
    Set<String> releasing = new HashSet<>(); // the aggregates emitting an event that changes unique values
    for (EventType event : model.newestEvents()) {
      if (event.changesUniqueValues()) {
        model.emitters(event.type()).forEach(a -> releasing.add(a.name()));
      }
    }
    List<AppOutline.Aggregate> aggregates = new ArrayList<>();
    for (AggregateModel aggregate : model.aggregates()) {
      boolean releases = releasing.contains(aggregate.name());
      aggregates.add(new AppOutline.Aggregate(aggregate.name(), aggregate.type().packageName(), aggregate.type().simpleNames(),
          aggregate.snapshotEvery() > 0 && aggregate.snapshotType() != null,
          aggregate.commandHandlers().stream().filter(h -> !h.internal())
              .map(h -> new AppOutline.Endpoint(h.route().method(), h.route().path())).toList(),
          releases));
    }
    List<AppOutline.Projection> projections = new ArrayList<>();
    for (ProjectionModel projection : model.projections()) {
      List<AppOutline.Endpoint> queries = !answersQueries(model, projection) ? List.of() : model.queriesOf(projection.name())
          .stream().map(q -> new AppOutline.Endpoint(q.route().method(), q.route().path())).toList();
      projections.add(new AppOutline.Projection(projection.name(), projection.version(), projection.type().packageName(),
          projection.type().simpleNames(), List.copyOf(consumedEventNames(model, projection)), queries));
    }
    List<AppOutline.ProcessManager> processManagers = new ArrayList<>();
    for (ProcessManagerModel processManager : model.processManagers()) {
      processManagers.add(new AppOutline.ProcessManager(processManager.name(), processManager.type().packageName(),
          processManager.type().simpleNames(), List.copyOf(consumedEventNames(model, processManager.handlers())),
          List.copyOf(targets(model, processManager)), processManager.deadlineNames()));
    }
    return new AppOutline(model.name(), aggregates, projections, processManagers);
  }

  /** @return the names of the aggregates handling the commands a process manager sends, sorted */
  static Set<String> targets(AppModel model, ProcessManagerModel processManager) {
    Set<String> targets = new TreeSet<>();
    processManager.sends().forEach(c -> model.handlingAggregate(c).ifPresent(a -> targets.add(a.name())));
    return targets;
  }

  private static List<Object> processManagers(AppModel model, JsonSchemas schemas) {
    List<Object> processManagers = new ArrayList<>();
    for (ProcessManagerModel processManager : model.processManagers()) {
      Map<String, Object> p = Json.object();
      p.put("name", processManager.name());
      p.put("class", processManager.type().canonicalName());
      p.put("stateType", processManager.stateType().canonicalName());
      p.put("stateSchema", schemas.name(processManager.stateType()));
      p.put("consumes", new ArrayList<>(consumedEventNames(model, processManager.handlers())));
      List<Object> handlers = new ArrayList<>();
      for (EventHandlerMethod handler : processManager.handlers()) {
        Map<String, Object> h = Json.object();
        h.put("event", model.event(handler.event()).orElseThrow().name());
        h.put("kind", handler.kind().name().toLowerCase(java.util.Locale.ROOT));
        h.put("associationKey", handler.keyComponent() == null ? "aggregateId" : "event." + handler.keyComponent());
        handlers.add(h);
      }
      handlers.sort(Comparator.comparing(h -> (String) ((Map<?, ?>) h).get("event")));
      p.put("handlers", handlers);
      List<Object> sends = new ArrayList<>();
      for (ClassName command : processManager.sends()) {
        Map<String, Object> c = Json.object();
        c.put("command", model.commandHandler(command).map(CommandHandlerMethod::name).orElse(null));
        c.put("class", command.canonicalName());
        c.put("aggregate", model.handlingAggregate(command).map(AggregateModel::name).orElse(null));
        sends.add(c);
      }
      p.put("sends", sends);
      p.put("targets", new ArrayList<>(targets(model, processManager)));
      List<Object> rejections = new ArrayList<>();
      for (RejectionHandlerMethod handler : processManager.rejectionHandlers()) {
        Map<String, Object> r = Json.object();
        r.put("command", model.commandHandler(handler.command()).map(CommandHandlerMethod::name).orElse(null));
        r.put("class", handler.command().canonicalName());
        r.put("method", handler.method());
        rejections.add(r);
      }
      p.put("rejectionHandlers", rejections);
      List<Object> deadlines = new ArrayList<>();
      for (DeadlineHandlerMethod handler : processManager.deadlineHandlers()) {
        Map<String, Object> d = Json.object();
        d.put("deadline", handler.name());
        d.put("method", handler.method());
        deadlines.add(d);
      }
      p.put("deadlineHandlers", deadlines);
      processManagers.add(p);
    }
    return processManagers;
  }

  /** @return whether a projection gets a query function */
  public static boolean answersQueries(AppModel model, ProjectionModel projection) {
    return projection.viewType() != null && !model.queriesOf(projection.name()).isEmpty();
  }

  /** @return the names of the events a projection consumes, sorted */
  static Set<String> consumedEventNames(AppModel model, ProjectionModel projection) {
    return consumedEventNames(model, projection.handlers());
  }

  /** @return the names of the events some handlers (of a projection or a process manager) handle, sorted */
  static Set<String> consumedEventNames(AppModel model, List<EventHandlerMethod> handlers) {
    Set<String> names = new TreeSet<>();
    handlers.forEach(h -> names.add(model.event(h.event()).orElseThrow().name()));
    return names;
  }

  /** @return {@code [{"scope", "component"}]}, in the model's order (by scope) */
  private static List<Object> uniqueValues(List<UniqueValue> values) {
    List<Object> list = new ArrayList<>();
    for (UniqueValue value : values) {
      Map<String, Object> v = Json.object();
      v.put("scope", value.scope());
      v.put("component", value.component());
      list.add(v);
    }
    return list;
  }

  private static Map<String, Object> upcaster(UpcasterMethod upcaster) {
    Map<String, Object> u = Json.object();
    u.put("class", upcaster.owner().canonicalName());
    u.put("method", upcaster.method());
    u.put("to", upcaster.to().canonicalName());
    return u;
  }

  private static Map<String, Object> route(Route route) {
    Map<String, Object> r = Json.object();
    r.put("method", route.method());
    r.put("path", route.path());
    r.put("pathParameters", route.parameters());
    return r;
  }

  private static Map<String, Object> routeEntry(Route route, String kind, String owner, String name) {
    Map<String, Object> r = Json.object();
    r.put("method", route.method());
    r.put("path", route.path());
    r.put("kind", kind);
    r.put(kind.equals("command") ? "aggregate" : "projection", owner);
    r.put(kind, name);
    return r;
  }
}
