package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;
import static dev.sourced.processor.codegen.Sources.SPI;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.UniqueValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code SourcedApp}, the registry of everything the compilation unit declares, and its
 * {@code META-INF/services} entry.
 */
public final class RegistryWriter {
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName COMMAND = ClassName.get(SPI, "CommandDefinition");
  private static final ClassName ROUTE = ClassName.get(SPI, "CommandDefinition", "Route");
  private static final ClassName UNIQUE_VALUE = ClassName.get(SPI, "UniqueValue");

  public void write(AppModel model, Output output) {
    ClassName name = GeneratedNames.registry(model);
    List<ClassName> originating = originating(model);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Everything application {@code $L} declares, registered without reflection; each definition is made\n"
            + "when it is first asked for.\n", model.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ClassName.get(SPI, "GeneratedApplication"))
        .addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", model.name()).build())
        .addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", name).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addJavadoc("Public for {@link java.util.ServiceLoader}; use {@link #INSTANCE}.\n")
            .addStatement("super(NAME)").build());
    // the classes declaring queries, numbered: each one's queries share one dispatcher per registry
    Map<ClassName, Integer> owners = new TreeMap<>(Comparator.comparing(ClassName::reflectionName));
    model.queries().forEach(q -> owners.put(q.owner(), 0));
    int number = 0;
    for (Map.Entry<ClassName, Integer> owner : owners.entrySet()) {
      owner.setValue(number++);
    }
    List<Kind<?>> kinds = new ArrayList<>(List.of(
        new Kind<>("aggregate", "Aggregates", AGGREGATE, model.aggregates(), a -> 1 + a.commandHandlers().size(),
            a -> aggregate(model, a), RegistryWriter::aggregateKey, false),
        new Kind<>("projection", "Projections", PROJECTION, model.projections(), p -> 1 + p.handlers().size(),
            p -> projection(model, p), p -> projectionKey(model, p), false),
        new Kind<>("query", "Queries", QUERY, model.queries(), q -> 2, q -> query(model, q, owners.get(q.owner())),
            q -> q.projection() + "\t" + q.query().reflectionName(), true)));
    if (!model.processManagers().isEmpty()) { // without any, the base class's default (none) serves
      kinds.add(new Kind<>("processManager", "ProcessManagers", PROCESS_MANAGER, model.processManagers(),
          p -> 1 + p.handlers().size() + p.rejectionHandlers().size(), p -> processManager(model, p),
          p -> processManagerKey(model, p), false));
    }
    for (Kind<?> kind : kinds) {
      addKind(type, name, kind);
    }
    addEvents(type, name, model);
    addQueryDispatchers(type, name, owners);
    type.addMethod(STRINGS).addMethod(COMMANDS);
    if (!model.processManagers().isEmpty()) {
      type.addMethod(COMMAND_TYPES);
    }
    if (usesUniqueValues(model)) {
      type.addMethod(UNIQUES);
    }
    output.java(Sources.file(model.packageName(), type.build()), originating);
    output.resource("META-INF/services/dev.sourced.spi.SourcedApplication", name.canonicalName() + "\n", originating);
  }

  private static final TypeName ANYTHING = WildcardTypeName.subtypeOf(Object.class);
  private static final TypeName AGGREGATE = ParameterizedTypeName.get(ClassName.get(SPI, "AggregateDefinition"), ANYTHING);
  private static final TypeName EVENT = ClassName.get(SPI, "EventDefinition");
  private static final TypeName PROJECTION = ParameterizedTypeName.get(ClassName.get(SPI, "ProjectionDefinition"), ANYTHING);
  private static final TypeName QUERY = ClassName.get(SPI, "QueryDefinition");
  private static final TypeName QUERY_INVOKER = ClassName.get(SPI, "QueryDefinition", "Invoker");
  private static final TypeName PROCESS_MANAGER =
      ParameterizedTypeName.get(ClassName.get(SPI, "ProcessManagerDefinition"), ANYTHING);
  private static final TypeName COMMAND_TYPE = ParameterizedTypeName.get(ClassName.get(Class.class),
      WildcardTypeName.subtypeOf(Record.class));
  private static final TypeName ANY_CLASS = ParameterizedTypeName.get(ClassName.get(Class.class), ANYTHING);
  private static final TypeName KEYS = ArrayTypeName.of(ArrayTypeName.of(String.class));

  /**
   * One kind of definition: the base class's methods it implements ({@code <method>Keys()} and
   * {@code <method>(chunk, index)}), the items of the model, how one is written and its key (see
   * {@code GeneratedApplication}).
   */
  private record Kind<T>(String method, String chunkPrefix, TypeName element, List<T> items,
      ToIntFunction<T> weight, Function<T, CodeBlock> definition, Function<T, String> key, boolean takesRegistry) {}

  /**
   * Adds one nested class per chunk, holding its definitions' keys and making each by its index in the chunk, and
   * the registry's two methods giving the keys and making a definition.
   */
  private static <T> void addKind(TypeSpec.Builder type, ClassName registry, Kind<T> kind) {
    List<List<T>> chunks = Chunks.of(kind.items(), kind.weight(), Chunks.REGISTRATIONS);
    List<ClassName> chunkClasses = new ArrayList<>();
    List<List<String>> keys = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      ClassName chunk = registry.nestedClass(kind.chunkPrefix() + i);
      chunkClasses.add(chunk);
      keys.add(chunks.get(i).stream().map(kind.key()).toList());
      MethodSpec.Builder make = makeMethod(kind.element(), kind.takesRegistry() ? registry : null);
      List<T> items = chunks.get(i);
      for (int k = 0; k < items.size(); k++) {
        make.addStatement("case $L: return $L", k, kind.definition().apply(items.get(k)));
      }
      type.addType(TypeSpec.classBuilder(chunk).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addMethod(endMake(make).build())
          .build());
    }
    addLookups(type, kind.method(), kind.element(), chunkClasses, addKeys(type, registry, keysPrefix(kind.method()), keys),
        kind.takesRegistry());
  }

  /**
   * Like {@link #addKind}; each chunk class also reads the aggregate id of its events, by index, rather
   * than a lambda per event: javac's cost per lambda grows with how many it has seen, which made large
   * apps compile slowly.
   */
  private static void addEvents(TypeSpec.Builder type, ClassName registry, AppModel model) {
    TypeName record = ClassName.get(Record.class);
    List<List<EventType>> chunks = Chunks.of(model.events(), e -> 1, Chunks.REGISTRATIONS);
    List<ClassName> chunkClasses = new ArrayList<>();
    List<List<String>> allKeys = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      ClassName chunk = registry.nestedClass("Events" + i);
      chunkClasses.add(chunk);
      MethodSpec.Builder make = makeMethod(EVENT, null);
      MethodSpec.Builder apply = MethodSpec.methodBuilder("apply").addAnnotation(Override.class)
          .addJavadoc("@return the aggregate id of an event of the type registered with {@code event}\n")
          .addModifiers(Modifier.PUBLIC).returns(String.class).addParameter(record, "event")
          .beginControlFlow("switch (this.event)");
      List<EventType> events = chunks.get(i);
      List<String> keys = new ArrayList<>();
      allKeys.add(keys);
      for (int k = 0; k < events.size(); k++) {
        EventType event = events.get(k);
        Optional<String> component = model.eventAggregateIdComponent(event.type());
        if (component.isPresent()) {
          apply.addStatement("case $L: return (($T) event).$L()", k, event.type(), component.get());
        }
        CodeBlock aggregateId = component.isPresent() ? CodeBlock.of("new $T($L)", chunk, k) : CodeBlock.of("null");
        make.addStatement("case $L: return $L", k, event(model, event, aggregateId));
        keys.add(event.name() + "\t" + event.revision() + "\t" + event.type().reflectionName());
      }
      apply.addStatement("default: throw new $T($S + this.event)", IllegalStateException.class, "no aggregate id for event number ")
          .endControlFlow();
      type.addType(TypeSpec.classBuilder(chunk).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addSuperinterface(ParameterizedTypeName.get(ClassName.get(Function.class), record, ClassName.get(String.class)))
          .addField(int.class, "event", Modifier.PRIVATE, Modifier.FINAL)
          .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(int.class, "event")
              .addStatement("this.event = event").build())
          .addMethod(endMake(make).build())
          .addMethod(apply.build())
          .build());
    }
    addLookups(type, "event", EVENT, chunkClasses, addKeys(type, registry, "EventKeys", allKeys), false);
  }

  /**
   * The keys of a kind's chunks, one string per definition, in classes of their own: reading the keys loads these
   * small classes, not the chunks', whose methods making definitions are most of the registry's bytecode to load and
   * verify. A keys class holds the keys of consecutive chunks up to {@link Chunks#KEYS} strings (a class per chunk made a
   * large application's function load a hundred of them before its first request).
   *
   * @param prefix of the keys classes' names, e.g. {@code AggregateKeys}
   * @return the keys method's statement: {@code return keys(AggregateKeys0.KEYS, …)}, {@code keys} flattening them
   */
  static CodeBlock addKeys(TypeSpec.Builder type, ClassName outer, String prefix, List<List<String>> chunkKeys) {
    List<List<List<String>>> groups = Chunks.of(chunkKeys, List::size, Chunks.KEYS);
    List<CodeBlock> fields = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      ClassName keys = outer.nestedClass(prefix + g);
      List<CodeBlock> chunks = new ArrayList<>();
      for (List<String> chunk : groups.get(g)) {
        chunks.add(CodeBlock.of("{$L}", CodeBlock.join(chunk.stream().map(k -> CodeBlock.of("$S", k)).toList(), ",\n")));
      }
      type.addType(TypeSpec.classBuilder(keys).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addField(FieldSpec.builder(String[][].class, "KEYS", Modifier.STATIC, Modifier.FINAL)
              .initializer(CodeBlock.builder().add("{\n").indent().indent().add(CodeBlock.join(chunks, ",\n"))
                  .unindent().unindent().add("}").build())
              .build())
          .build());
      fields.add(CodeBlock.of("$T.KEYS", keys));
    }
    return CodeBlock.of("return keys($L)", CodeBlock.join(fields, ", "));
  }

  /** @param registry the registry class when the definitions need the registry ({@code app}), else null */
  private static MethodSpec.Builder makeMethod(TypeName element, ClassName registry) {
    MethodSpec.Builder make = MethodSpec.methodBuilder("make").addModifiers(Modifier.STATIC).returns(element);
    if (registry != null) {
      make.addParameter(registry, "app");
    }
    return make.addParameter(int.class, "index").beginControlFlow("switch (index)");
  }

  private static MethodSpec.Builder endMake(MethodSpec.Builder make) {
    return make.addStatement("default: throw new $T($S + index)", IllegalArgumentException.class, "no definition number ")
        .endControlFlow();
  }

  /** The registry's {@code <method>Keys()} and {@code <method>(chunk, index)}, over the kind's chunk classes. */
  private static void addLookups(TypeSpec.Builder type, String method, TypeName element, List<ClassName> chunks,
      CodeBlock keys, boolean takesRegistry) {
    type.addMethod(MethodSpec.methodBuilder(method + "Keys").addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED).returns(KEYS).addStatement(keys).build());
    MethodSpec.Builder make = MethodSpec.methodBuilder(method).addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED).returns(element)
        .addParameter(int.class, "chunk").addParameter(int.class, "index")
        .beginControlFlow("switch (chunk)");
    for (int i = 0; i < chunks.size(); i++) {
      make.addStatement(takesRegistry ? "case $L: return $T.make(this, index)" : "case $L: return $T.make(index)", i,
          chunks.get(i));
    }
    type.addMethod(make.addStatement("default: throw new $T($S + chunk)", IllegalArgumentException.class, "no chunk number ")
        .endControlFlow().build());
  }

  /** @return e.g. {@code ProcessManagerKeys} for {@code processManager} */
  private static String keysPrefix(String method) {
    return Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Keys";
  }

  /**
   * The registry's {@code newQueryDispatcher(owner)}: one switch per chunk of {@link Chunks#REGISTRATIONS} query handler
   * classes, each case making that class's dispatcher; the base class keeps the one it made.
   */
  private static void addQueryDispatchers(TypeSpec.Builder type, ClassName registry, Map<ClassName, Integer> owners) {
    if (owners.isEmpty()) {
      return;
    }
    List<List<Map.Entry<ClassName, Integer>>> chunks = Chunks.of(List.copyOf(owners.entrySet()), e -> 1, Chunks.REGISTRATIONS);
    MethodSpec.Builder route = MethodSpec.methodBuilder("newQueryDispatcher").addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED).returns(QUERY_INVOKER).addParameter(int.class, "owner")
        .beginControlFlow("switch (owner / $L)", Chunks.REGISTRATIONS);
    for (int i = 0; i < chunks.size(); i++) {
      ClassName chunk = registry.nestedClass("QueryDispatchers" + i);
      MethodSpec.Builder make = MethodSpec.methodBuilder("make").addModifiers(Modifier.STATIC).returns(QUERY_INVOKER)
          .addParameter(int.class, "owner").beginControlFlow("switch (owner)");
      for (Map.Entry<ClassName, Integer> owner : chunks.get(i)) {
        make.addStatement("case $L: return new $T()", owner.getValue(), GeneratedNames.queryDispatcher(owner.getKey()));
      }
      make.addStatement("default: throw new $T($S + owner)", IllegalArgumentException.class, "no query handler class number ")
          .endControlFlow();
      type.addType(TypeSpec.classBuilder(chunk).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addMethod(make.build()).build());
      route.addStatement("case $L: return $T.make(owner)", i, chunk);
    }
    type.addMethod(route.addStatement("default: return super.newQueryDispatcher(owner)").endControlFlow().build());
  }

  private static String aggregateKey(AggregateModel aggregate) {
    return key(aggregate.name(), aggregate.type(),
        aggregate.commandHandlers().stream().map(c -> c.command().reflectionName()).toList());
  }

  private static String projectionKey(AppModel model, ProjectionModel projection) {
    return key(projection.name(), projection.type(), AppModelWriter.consumedEventNames(model, projection));
  }

  private static String processManagerKey(AppModel model, ProcessManagerModel processManager) {
    return key(processManager.name(), processManager.type(),
        AppModelWriter.consumedEventNames(model, processManager.handlers()));
  }

  /** @return the key of an aggregate, projection or process manager: name, binary class name, what it is looked up by */
  private static String key(String name, ClassName type, Collection<String> members) {
    return name + "\t" + type.reflectionName() + "\t" + String.join(",", members);
  }

  /** @return every user class the app-level artifacts derive from, sorted */
  static List<ClassName> originating(AppModel model) {
    TreeMap<String, ClassName> classes = new TreeMap<>();
    model.aggregates().forEach(a -> classes.put(a.type().canonicalName(), a.type()));
    model.projections().forEach(p -> classes.put(p.type().canonicalName(), p.type()));
    model.processManagers().forEach(p -> classes.put(p.type().canonicalName(), p.type()));
    model.queries().forEach(q -> classes.put(q.owner().canonicalName(), q.owner()));
    model.events().forEach(e -> classes.put(e.type().canonicalName(), e.type()));
    model.upcasters().forEach(u -> classes.put(u.owner().canonicalName(), u.owner()));
    return List.copyOf(classes.values());
  }

  private static CodeBlock aggregate(AppModel model, AggregateModel aggregate) {
    List<CodeBlock> commands = new ArrayList<>();
    for (CommandHandlerMethod command : aggregate.commandHandlers()) {
      CodeBlock definition = CodeBlock.of("new $T($S, $T.class, $L, $S, $L", COMMAND, command.name(), command.command(),
          command.creation(), command.aggregateIdComponent(), route(command.route()));
      if (command.internal() || !command.claims().isEmpty() || !command.unique().isEmpty()) {
        definition = CodeBlock.of("$L, $L", definition, inline(command.claims().stream().map(c -> CodeBlock.of("$S", c)).toList()));
      }
      if (command.internal()) {
        definition = CodeBlock.of("$L, true", definition);
      }
      if (!command.unique().isEmpty()) {
        definition = CodeBlock.of("$L, $L", definition, uniques(command.command(), command.unique()));
      }
      commands.add(CodeBlock.of("$L)", definition));
    }
    CodeBlock snapshotType = aggregate.snapshotType() == null ? CodeBlock.of("null")
        : CodeBlock.of("$T.class", aggregate.snapshotType());
    CodeBlock snapshotSchema = aggregate.snapshotType() == null ? CodeBlock.of("null")
        : CodeBlock.of("$S", SnapshotSchemas.of(model, aggregate.snapshotType()));
    // an aggregate that keeps no streams between commands takes the shorter constructor
    CodeBlock cachedStreams = aggregate.cachedStreams() > 0 ? CodeBlock.of(", $L", aggregate.cachedStreams()) : CodeBlock.of("");
    return CodeBlock.of("new $T<$T>($S, $T.class, $L, $L, $L,\n$L,\nnew $T(), new $T()$L)",
        ClassName.get(SPI, "AggregateDefinition"), aggregate.type(), aggregate.name(), aggregate.type(), aggregate.snapshotEvery(),
        snapshotType, snapshotSchema, list(commands), GeneratedNames.aggregateDispatcher(aggregate),
        GeneratedNames.aggregateDispatcher(aggregate), cachedStreams);
  }

  private static CodeBlock event(AppModel model, EventType event, CodeBlock aggregateId) {
    CodeBlock upcast = model.upcaster(event.type())
        .map(u -> CodeBlock.of("$T::$L", GeneratedNames.upcasterBridge(u.owner()), GeneratedNames.upcasterBridgeMethod(u)))
        .orElse(CodeBlock.of("null"));
    List<CodeBlock> emitters = new ArrayList<>();
    model.emitters(event.type()).forEach(a -> emitters.add(CodeBlock.of("$S", a.name())));
    CodeBlock definition = CodeBlock.of("new $T($S, $L, $T.class, $L, $L, $L", ClassName.get(SPI, "EventDefinition"),
        event.name(), event.revision(), event.type(), upcast, inline(emitters), aggregateId);
    if (event.changesUniqueValues()) {
      definition = CodeBlock.of("$L, $L, $L", definition, uniques(event.type(), event.uniqueMoves()),
          inline(event.uniqueReleases().stream().map(r -> CodeBlock.of("$S", r.scope())).toList()));
    }
    return CodeBlock.of("$L)", definition);
  }

  /**
   * A call of the registry's {@link #UNIQUES} helper with one definition per {@code @Unique} component, each reading
   * its component with a lambda: they are few (a lambda per definition of every command or event would slow javac
   * down on large applications, see {@link #addEvents}).
   */
  private static CodeBlock uniques(ClassName record, List<UniqueValue> values) {
    List<CodeBlock> definitions = new ArrayList<>();
    for (UniqueValue value : values) {
      definitions.add(CodeBlock.of("new $T($S, $S, r -> (($T) r).$L())", UNIQUE_VALUE, value.scope(), value.component(), record,
          value.component()));
    }
    return CodeBlock.of("$N($L)", UNIQUES, CodeBlock.join(definitions, ", "));
  }

  private static boolean usesUniqueValues(AppModel model) {
    return model.events().stream().anyMatch(EventType::changesUniqueValues) || model.aggregates().stream()
        .flatMap(a -> a.commandHandlers().stream()).anyMatch(c -> !c.unique().isEmpty());
  }

  private static CodeBlock projection(AppModel model, ProjectionModel projection) {
    List<CodeBlock> names = new ArrayList<>();
    AppModelWriter.consumedEventNames(model, projection).forEach(n -> names.add(CodeBlock.of("$S", n)));
    ClassName dispatcher = GeneratedNames.projectionDispatcher(projection);
    TypeName view = projection.viewType() == null ? ClassName.get(Void.class) : projection.viewType();
    return CodeBlock.of("new $T<$T>($S, $L, $T.class, $L, $L,\nnew $T(), p -> new $T(($T) p))",
        ClassName.get(SPI, "ProjectionDefinition"), view, projection.name(), projection.version(), projection.type(),
        projection.viewType() == null ? CodeBlock.of("null") : CodeBlock.of("$T.class", projection.viewType()),
        inline(names), dispatcher, dispatcher, projection.type());
  }

  private static CodeBlock processManager(AppModel model, ProcessManagerModel processManager) {
    List<CodeBlock> names = new ArrayList<>();
    AppModelWriter.consumedEventNames(model, processManager.handlers())
        .forEach(n -> names.add(CodeBlock.of("$S", n)));
    List<CodeBlock> sends = new ArrayList<>();
    processManager.sends().forEach(c -> sends.add(CodeBlock.of("$T.class", c)));
    List<CodeBlock> deadlines = new ArrayList<>();
    processManager.deadlineNames().forEach(n -> deadlines.add(CodeBlock.of("$S", n)));
    ClassName dispatcher = GeneratedNames.processManagerDispatcher(processManager);
    return CodeBlock.of("new $T<$T>($S, $T.class, $T.class, $L,\n$N($L), $L,\nnew $T(), p -> new $T(($T) p))",
        ClassName.get(SPI, "ProcessManagerDefinition"), processManager.stateType(), processManager.name(),
        processManager.type(), processManager.stateType(), inline(names), COMMAND_TYPES, CodeBlock.join(sends, ", "),
        inline(deadlines), dispatcher, dispatcher, processManager.type());
  }

  private static CodeBlock query(AppModel model, QueryHandlerMethod query, int owner) {
    List<CodeBlock> components = new ArrayList<>();
    model.shape(query.query()).components().forEach(c -> components.add(CodeBlock.of("$S", c.name())));
    return CodeBlock.of("new $T($S, $T.class, $S, $L, $L, app.queryDispatcher($L))", QUERY, query.name(), query.query(),
        query.projection(), route(query.route()), inline(components), owner);
  }

  private static CodeBlock route(Route route) {
    List<CodeBlock> parameters = new ArrayList<>();
    route.parameters().forEach(p -> parameters.add(CodeBlock.of("$S", p)));
    return CodeBlock.of("new $T($S, $S, $L)", ROUTE, route.method(), route.path(), inline(parameters));
  }

  /** A call of the registry's {@link #STRINGS} helper. */
  private static CodeBlock inline(List<CodeBlock> items) {
    return CodeBlock.of("$N($L)", STRINGS, CodeBlock.join(items, ", "));
  }

  /** A call of the registry's {@link #COMMANDS} helper. */
  private static CodeBlock list(List<CodeBlock> items) {
    if (items.isEmpty()) {
      return CodeBlock.of("$N()", COMMANDS);
    }
    return CodeBlock.builder().add("$N(\n", COMMANDS).indent().indent()
        .add(CodeBlock.join(items, ",\n")).unindent().unindent().add(")").build();
  }

  /**
   * The registry's lists of names and of commands are built by two non-generic varargs methods of its own
   * rather than by {@code List.of} at every definition: javac resolves {@code List.of}'s dozen overloads
   * and infers its type at each call, which made the registry of a large application slow to compile.
   */
  private static final MethodSpec STRINGS = listHelper("strings", ClassName.get(String.class), "values");
  private static final MethodSpec COMMANDS = listHelper("commands", COMMAND, "commands");
  /** Written only into registries of applications declaring unique values, so the others stay as they were. */
  private static final MethodSpec UNIQUES = listHelper("uniques", UNIQUE_VALUE, "values");

  /**
   * The commands a process manager sends. It takes {@code Class<?>...}, not {@code Class<? extends Record>...}: an array
   * of the latter is not reifiable, and its varargs would draw heap-pollution warnings under {@code -Xlint:all}.
   */
  private static final MethodSpec COMMAND_TYPES = MethodSpec.methodBuilder("commandTypes")
      .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
      .returns(ParameterizedTypeName.get(LIST, COMMAND_TYPE))
      .addParameter(com.palantir.javapoet.ArrayTypeName.of(ANY_CLASS), "types").varargs()
      .addStatement("$T<$T> commands = new $T<>(types.length)", LIST, COMMAND_TYPE, ArrayList.class)
      .beginControlFlow("for ($T type : types)", ANY_CLASS)
      .addStatement("commands.add(type.asSubclass($T.class))", Record.class)
      .endControlFlow()
      .addStatement("return $T.copyOf(commands)", LIST)
      .build();

  private static MethodSpec listHelper(String name, TypeName element, String parameter) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(LIST, element))
        .addParameter(com.palantir.javapoet.ArrayTypeName.of(element), parameter).varargs()
        .addStatement("return $T.of($N)", LIST, parameter).build();
  }
}
