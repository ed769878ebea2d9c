package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;
import static dev.sourced.processor.codegen.Sources.SPI;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.UpcasterMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code SourcedApp}, the registry of everything the compilation unit declares, and its
 * {@code META-INF/services} entry.
 */
public final class RegistryWriter {
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName COMMAND = ClassName.get(SPI, "CommandDefinition");
  private static final ClassName ROUTE = ClassName.get(SPI, "CommandDefinition", "Route");

  public void write(AppModel model, Output output) {
    ClassName name = GeneratedNames.registry(model);
    List<ClassName> originating = originating(model);
    TypeName anything = WildcardTypeName.subtypeOf(Object.class);
    TypeName aggregates = ParameterizedTypeName.get(LIST, ParameterizedTypeName.get(ClassName.get(SPI, "AggregateDefinition"), anything));
    TypeName events = ParameterizedTypeName.get(LIST, ClassName.get(SPI, "EventDefinition"));
    TypeName projections = ParameterizedTypeName.get(LIST, ParameterizedTypeName.get(ClassName.get(SPI, "ProjectionDefinition"), anything));
    TypeName queries = ParameterizedTypeName.get(LIST, ClassName.get(SPI, "QueryDefinition"));

    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Everything application {@code $L} declares, registered without reflection.\n", model.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ClassName.get(SPI, "SourcedApplication"))
        .addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", model.name()).build())
        .addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", name).build());
    for (ClassName owner : queryOwners(model)) {
      ClassName dispatcher = GeneratedNames.queryDispatcher(owner);
      type.addField(FieldSpec.builder(dispatcher, queryDispatcherField(owner), Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $T()", dispatcher).build());
    }
    type.addField(FieldSpec.builder(aggregates, "aggregates", Modifier.PRIVATE, Modifier.FINAL).initializer(aggregates(model)).build())
        .addField(FieldSpec.builder(events, "events", Modifier.PRIVATE, Modifier.FINAL).initializer(events(model)).build())
        .addField(FieldSpec.builder(projections, "projections", Modifier.PRIVATE, Modifier.FINAL).initializer(projections(model)).build())
        .addField(FieldSpec.builder(queries, "queries", Modifier.PRIVATE, Modifier.FINAL).initializer(queries(model)).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addJavadoc("Public for {@link java.util.ServiceLoader}; use {@link #INSTANCE}.\n").build())
        .addMethod(getter("name", TypeName.get(String.class), "NAME"))
        .addMethod(getter("aggregates", aggregates, "aggregates"))
        .addMethod(getter("events", events, "events"))
        .addMethod(getter("projections", projections, "projections"))
        .addMethod(getter("queries", queries, "queries"));
    output.java(Sources.file(model.packageName(), type.build()), originating);
    output.resource("META-INF/services/dev.sourced.spi.SourcedApplication", name.canonicalName() + "\n", originating);
  }

  /** @return every user class the app-level artifacts derive from, sorted */
  static List<ClassName> originating(AppModel model) {
    TreeMap<String, ClassName> classes = new TreeMap<>();
    model.aggregates().forEach(a -> classes.put(a.type().canonicalName(), a.type()));
    model.projections().forEach(p -> classes.put(p.type().canonicalName(), p.type()));
    model.queries().forEach(q -> classes.put(q.owner().canonicalName(), q.owner()));
    model.events().forEach(e -> classes.put(e.type().canonicalName(), e.type()));
    model.upcasters().forEach(u -> classes.put(u.owner().canonicalName(), u.owner()));
    return List.copyOf(classes.values());
  }

  private CodeBlock aggregates(AppModel model) {
    List<CodeBlock> items = new ArrayList<>();
    for (AggregateModel aggregate : model.aggregates()) {
      List<CodeBlock> commands = new ArrayList<>();
      for (CommandHandlerMethod command : aggregate.commandHandlers()) {
        commands.add(CodeBlock.of("new $T($S, $T.class, $L, $S, $L)", COMMAND, command.name(), command.command(),
            command.creation(), command.aggregateIdComponent(), route(command.route())));
      }
      CodeBlock snapshotType = aggregate.snapshotType() == null ? CodeBlock.of("null")
          : CodeBlock.of("$T.class", aggregate.snapshotType());
      CodeBlock snapshotSchema = aggregate.snapshotType() == null ? CodeBlock.of("null")
          : CodeBlock.of("$S", SnapshotSchemas.of(model, aggregate.snapshotType()));
      items.add(CodeBlock.of("new $T<>($S, $T.class, $L, $L, $L,\n$L,\nnew $T(), new $T())",
          ClassName.get(SPI, "AggregateDefinition"), aggregate.name(), aggregate.type(), aggregate.snapshotEvery(),
          snapshotType, snapshotSchema, list(commands), GeneratedNames.commandDispatcher(aggregate),
          GeneratedNames.eventApplier(aggregate)));
    }
    return list(items);
  }

  private CodeBlock events(AppModel model) {
    List<CodeBlock> items = new ArrayList<>();
    for (EventType event : model.events()) {
      Optional<UpcasterMethod> upcaster = model.upcasters().stream().filter(u -> u.from().equals(event.type())).findFirst();
      CodeBlock upcast = upcaster
          .map(u -> CodeBlock.of("$T::$L", GeneratedNames.upcasterBridge(u.owner()), GeneratedNames.upcasterBridgeMethod(u)))
          .orElse(CodeBlock.of("null"));
      List<CodeBlock> emitters = new ArrayList<>();
      model.emitters(event.type()).forEach(a -> emitters.add(CodeBlock.of("$S", a.name())));
      CodeBlock aggregateId = model.eventAggregateIdComponent(event.type())
          .map(component -> CodeBlock.of("e -> (($T) e).$L()", event.type(), component))
          .orElse(CodeBlock.of("null"));
      items.add(CodeBlock.of("new $T($S, $L, $T.class, $L, $L, $L)", ClassName.get(SPI, "EventDefinition"),
          event.name(), event.revision(), event.type(), upcast, inline(emitters), aggregateId));
    }
    return list(items);
  }

  private CodeBlock projections(AppModel model) {
    List<CodeBlock> items = new ArrayList<>();
    for (ProjectionModel projection : model.projections()) {
      List<CodeBlock> names = new ArrayList<>();
      new TreeSet<>(AppModelWriter.consumedEventNames(model, projection)).forEach(n -> names.add(CodeBlock.of("$S", n)));
      ClassName dispatcher = GeneratedNames.projectionDispatcher(projection);
      items.add(CodeBlock.of("new $T<>($S, $L, $T.class, $L, $L,\nnew $T(), p -> new $T(($T) p))",
          ClassName.get(SPI, "ProjectionDefinition"), projection.name(), projection.version(), projection.type(),
          projection.viewType() == null ? CodeBlock.of("null") : CodeBlock.of("$T.class", projection.viewType()),
          inline(names), dispatcher, dispatcher, projection.type()));
    }
    return list(items);
  }

  private CodeBlock queries(AppModel model) {
    List<CodeBlock> items = new ArrayList<>();
    for (QueryHandlerMethod query : model.queries()) {
      List<CodeBlock> components = new ArrayList<>();
      model.shape(query.query()).components().forEach(c -> components.add(CodeBlock.of("$S", c.name())));
      items.add(CodeBlock.of("new $T($S, $T.class, $S, $L, $L, $L::invoke)", ClassName.get(SPI, "QueryDefinition"),
          query.name(), query.query(), query.projection(), route(query.route()), inline(components),
          queryDispatcherField(query.owner())));
    }
    return list(items);
  }

  /** @return the classes declaring query handlers, sorted */
  static List<ClassName> queryOwners(AppModel model) {
    TreeMap<String, ClassName> owners = new TreeMap<>();
    model.queries().forEach(q -> owners.put(q.owner().canonicalName(), q.owner()));
    return List.copyOf(owners.values());
  }

  /** One dispatcher instance per class declaring queries, shared by all of its queries. */
  private static String queryDispatcherField(ClassName owner) {
    String simple = String.join("", owner.simpleNames());
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1) + "Queries";
  }

  private static CodeBlock route(Route route) {
    List<CodeBlock> parameters = new ArrayList<>();
    route.parameters().forEach(p -> parameters.add(CodeBlock.of("$S", p)));
    return CodeBlock.of("new $T($S, $S, $L)", ROUTE, route.method(), route.path(), inline(parameters));
  }

  private static CodeBlock inline(List<CodeBlock> items) {
    return CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(items, ", "));
  }

  private static CodeBlock list(List<CodeBlock> items) {
    if (items.isEmpty()) {
      return CodeBlock.of("$T.of()", LIST);
    }
    return CodeBlock.builder().add("$T.of(\n", LIST).indent().indent()
        .add(CodeBlock.join(items, ",\n")).unindent().unindent().add(")").build();
  }

  private static MethodSpec getter(String name, TypeName type, String field) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(type).addStatement("return $N", field).build();
  }
}
