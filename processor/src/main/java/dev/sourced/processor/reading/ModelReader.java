package dev.sourced.processor.reading;

import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UpcasterMethod;
import dev.sourced.processor.validation.Diagnostic;
import dev.sourced.processor.validation.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a round into an {@link AppModel}, one kind of element after another: events, upcasters,
 * aggregates, projections, process managers, then queries (which need the projections). Each kind has its reader; each
 * read returns its piece of the model and its reports, which this collects in order.
 */
public final class ModelReader {
  private final ProcessingEnvironment env;
  private final Sources sources;

  /**
   * The model read, what was reported on the way, and what was left out of the model as invalid.
   *
   * @param model the model; complete only when no report is an error
   * @param reports every report, in the order found
   * @param omissions what was left out, for the rules about the whole model
   */
  public record Result(AppModel model, List<Report> reports, Omissions omissions) {}

  /** @param sources where each model record came from, filled while reading */
  public ModelReader(ProcessingEnvironment env, Sources sources) {
    this.env = env;
    this.sources = sources;
  }

  /**
   * @param round the round
   * @param appNameOption the {@code sourced.app} option, or {@code null}
   */
  public Result read(RoundEnvironment round, String appNameOption) {
    ElementTools tools = new ElementTools(env, round.getRootElements());
    Map<String, List<Element>> annotated = annotated(round);
    HandlerChecks handlerChecks = new HandlerChecks(tools);
    TypeChecks typeChecks = new TypeChecks(tools);
    RecordShapeReader shapes = new RecordShapeReader(tools);
    UniqueReader uniques = new UniqueReader(tools, sources);
    EventReader events = new EventReader(tools, typeChecks, shapes, uniques, sources);
    RouteReader routes = new RouteReader(tools);
    List<Report> reports = new ArrayList<>();

    for (TypeElement type : types(annotated, Annotations.EVENT)) {
      reports.addAll(events.read(type, type).reports());
    }
    UpcasterReader upcasterReader = new UpcasterReader(tools, handlerChecks, events, sources);
    List<UpcasterMethod> upcasters = readAll(methods(annotated, Annotations.UPCASTER), upcasterReader::read, reports);

    AggregateReader aggregateReader = new AggregateReader(tools, handlerChecks, typeChecks, shapes, events,
        new CommandHandlerReader(tools, handlerChecks, typeChecks, shapes, events, routes, uniques, sources), sources);
    List<AggregateModel> aggregates = readAll(types(annotated, Annotations.AGGREGATE), aggregateReader::read, reports);
    for (String handler : List.of(Annotations.COMMAND_HANDLER, Annotations.EVENT_SOURCING_HANDLER)) {
      methods(annotated, handler).forEach(m -> reports.addAll(AggregateReader.outside(m, handler)));
    }

    ProcessSteps processSteps = new ProcessSteps(tools);
    EventHandlerReader eventHandlers = new EventHandlerReader(tools, handlerChecks, processSteps, events, sources);
    ProjectionReader projectionReader = new ProjectionReader(tools, typeChecks, shapes, eventHandlers, sources);
    List<ProjectionModel> projections = readAll(types(annotated, Annotations.PROJECTION), projectionReader::read, reports);
    methods(annotated, Annotations.EVENT_HANDLER).forEach(m -> reports.addAll(ProjectionReader.outside(m)));

    ProcessManagerReader processManagerReader = new ProcessManagerReader(tools, handlerChecks, typeChecks, shapes,
        processSteps, eventHandlers, sources);
    List<ProcessManagerModel> processManagers =
        readAll(types(annotated, Annotations.PROCESS_MANAGER), processManagerReader::read, reports);
    methods(annotated, Annotations.REJECTION_HANDLER).forEach(m -> reports.addAll(ProcessManagerReader.outside(m)));
    methods(annotated, Annotations.DEADLINE_HANDLER).forEach(m -> reports.addAll(ProcessManagerReader.outside(m)));
    types(annotated, Annotations.ASSOCIATION_KEY).forEach(t -> reports.addAll(ProcessManagerReader.misplacedAssociationKey(t)));
    methods(annotated, Annotations.ASSOCIATION_KEY).forEach(m -> reports.addAll(ProcessManagerReader.misplacedAssociationKey(m)));

    QueryReader queryReader = new QueryReader(tools, handlerChecks, typeChecks, shapes, routes, sources);
    List<QueryHandlerMethod> queries = readAll(methods(annotated, Annotations.QUERY_HANDLER),
        m -> queryReader.read(m, projections, projectionReader), reports);

    if (reports.stream().noneMatch(Report::isError)) { // a record left out as invalid would look misplaced
      Set<String> records = new HashSet<>();
      aggregates.forEach(a -> a.commandHandlers().forEach(c -> records.add(c.command().canonicalName())));
      events.events().forEach(e -> records.add(e.type().canonicalName()));
      reports.addAll(uniqueOutside(annotated, records));
    }

    String packageName = commonPackage(annotated);
    aggregates.sort(Comparator.comparing(AggregateModel::name));
    projections.sort(Comparator.comparing(ProjectionModel::name));
    processManagers.sort(Comparator.comparing(ProcessManagerModel::name));
    queries.sort(Comparator.comparing((QueryHandlerMethod q) -> q.route().path()).thenComparing(q -> q.route().method()));
    upcasters.sort(Comparator.comparing(u -> u.from().canonicalName()));
    reports.addAll(appNameReports(appNameOption, packageName));
    AppModel model = new AppModel(appName(appNameOption, packageName), packageName, aggregates, events.events(),
        upcasters, projections, processManagers, queries, shapes.shapes());
    return new Result(model, reports, new Omissions(events.brokenChains(), reports.stream().anyMatch(Report::isError)));
  }

  /** {@code @Unique} components and {@code @ReleasesUnique} records that are neither commands nor events: they do nothing. */
  private List<Report> uniqueOutside(Map<String, List<Element>> annotatedElements, Set<String> commandsAndEvents) {
    List<Report> reports = new ArrayList<>();
    for (String annotationName : List.of(Annotations.UNIQUE, Annotations.RELEASES_UNIQUE)) {
      List<Element> annotated = new ArrayList<>(annotatedElements.getOrDefault(annotationName, List.of()));
      annotated.sort(Comparator.comparing(Element::toString));
      for (Element element : annotated) {
        TypeElement record = element instanceof TypeElement type ? type : (TypeElement) element.getEnclosingElement();
        if (commandsAndEvents.contains(record.getQualifiedName().toString())) {
          continue;
        }
        Element at = element instanceof RecordComponentElement component ? ElementTools.position(component) : element;
        String what = element instanceof TypeElement ? record.getSimpleName().toString()
            : "component " + element.getSimpleName() + " of " + record.getSimpleName();
        reports.add(Report.on(at, element == at ? Annotations.mirror(element, annotationName) : null, null,
            Diagnostic.UNIQUE_OUTSIDE_COMMAND_OR_EVENT, Annotations.simpleName(annotationName), what, record.getSimpleName()));
      }
    }
    return reports;
  }

  /** Reads each element, keeping the valid pieces and collecting every report. */
  private static <E, T> List<T> readAll(List<E> elements, Function<E, Read<T>> reader, List<Report> reports) {
    List<T> pieces = new ArrayList<>();
    for (E element : elements) {
      Read<T> read = reader.apply(element);
      reports.addAll(read.reports());
      read.value().ifPresent(pieces::add);
    }
    return pieces;
  }

  /**
   * The name is an explicit setting: it is the EventBridge source and the prefix of every AWS resource, so a
   * default derived from packages would rename them all when a package is added or moved.
   */
  private static List<Report> appNameReports(String option, String packageName) {
    if (option == null || option.isBlank()) {
      String example = suggestedAppName(packageName);
      return List.of(new Report(Diagnostic.MISSING_APP_NAME, Diagnostic.MISSING_APP_NAME.format(example, example), null, null, null));
    }
    if (!Names.isResourceName(option.trim())) {
      return List.of(new Report(Diagnostic.INVALID_APP_NAME,
          Diagnostic.INVALID_APP_NAME.format(option, Names.suggestResourceName(option)), null, null, null));
    }
    return List.of();
  }

  /** @return the name the app model carries: the option's, or (when it is wrong, and nothing is generated) a stand-in */
  private static String appName(String option, String packageName) {
    return option != null && Names.isResourceName(option.trim()) ? option.trim() : suggestedAppName(packageName);
  }

  private static String suggestedAppName(String packageName) {
    return Names.suggestResourceName(packageName.substring(packageName.lastIndexOf('.') + 1));
  }

  /**
   * @return per Sourced annotation ({@link Annotations#ALL}), the elements that carry it: from one scan of the round's
   *     elements for all of them, instead of one scan each (each scan visits every member of every class of the round, which at a
   *     thousand classes was most of the reading). None of them is {@code @Inherited}, so an element carries one when
   *     its own annotation mirrors name it, as {@code getElementsAnnotatedWith} would find it.
   */
  private Map<String, List<Element>> annotated(RoundEnvironment round) {
    Set<TypeElement> annotations = new LinkedHashSet<>();
    for (String name : Annotations.ALL) {
      TypeElement annotation = env.getElementUtils().getTypeElement(name);
      if (annotation != null) {
        annotations.add(annotation);
      }
    }
    Map<String, List<Element>> byAnnotation = new HashMap<>();
    if (annotations.isEmpty()) {
      return byAnnotation;
    }
    for (Element element : round.getElementsAnnotatedWithAny(annotations.toArray(new TypeElement[0]))) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        if (!(mirror.getAnnotationType().asElement() instanceof TypeElement type)) {
          continue;
        }
        String name = type.getQualifiedName().toString();
        if (Annotations.ALL.contains(name)) {
          List<Element> carrying = byAnnotation.computeIfAbsent(name, n -> new ArrayList<>());
          if (carrying.isEmpty() || carrying.get(carrying.size() - 1) != element) { // a repeated annotation: once
            carrying.add(element);
          }
        }
      }
    }
    return byAnnotation;
  }

  /** @return the types carrying an annotation, sorted by qualified name */
  private static List<TypeElement> types(Map<String, List<Element>> annotated, String annotationName) {
    List<TypeElement> types = new ArrayList<>(ElementFilter.typesIn(annotated.getOrDefault(annotationName, List.of())));
    types.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    return types;
  }

  /** @return the methods carrying an annotation, sorted by declaring class, name and parameters */
  private static List<ExecutableElement> methods(Map<String, List<Element>> annotated, String annotationName) {
    List<ExecutableElement> methods = new ArrayList<>(ElementFilter.methodsIn(annotated.getOrDefault(annotationName, List.of())));
    methods.sort(Comparator.comparing((ExecutableElement m) -> ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString())
        .thenComparing(m -> m.getSimpleName().toString())
        .thenComparing(m -> m.getParameters().toString()));
    return methods;
  }

  /** The longest package that contains every aggregate, projection, process manager and query handler. */
  private String commonPackage(Map<String, List<Element>> annotated) {
    List<Element> owners = new ArrayList<>();
    owners.addAll(types(annotated, Annotations.AGGREGATE));
    owners.addAll(types(annotated, Annotations.PROJECTION));
    owners.addAll(types(annotated, Annotations.PROCESS_MANAGER));
    owners.addAll(methods(annotated, Annotations.QUERY_HANDLER));
    List<String[]> packages = owners.stream()
        .map(e -> env.getElementUtils().getPackageOf(e).getQualifiedName().toString().split("\\."))
        .toList();
    if (packages.isEmpty()) {
      return "";
    }
    String[] common = packages.get(0);
    int length = common.length;
    for (String[] parts : packages) {
      int i = 0;
      while (i < Math.min(length, parts.length) && parts[i].equals(common[i])) {
        i++;
      }
      length = i;
    }
    return String.join(".", Arrays.copyOf(common, length));
  }
}
