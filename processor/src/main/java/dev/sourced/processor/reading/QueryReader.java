package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.QUERY_VIEW_NOT_PRODUCED;
import static dev.sourced.processor.validation.Diagnostic.QUERY_WITHOUT_VIEWS;
import static dev.sourced.processor.validation.Diagnostic.UNSUPPORTED_COMPONENT_TYPE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.sourced.processor.model.JsonType;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.Sources;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads one {@code @QueryHandler}: its query record, the {@code Views<V>} it reads (V must be the view
 * of a projection), the JSON shape of its answer and its route, by default under the projection's name.
 */
final class QueryReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final TypeChecks typeChecks;
  private final RecordShapeReader shapes;
  private final RouteReader routes;
  private final Sources sources;

  QueryReader(ElementTools tools, HandlerChecks handlerChecks, TypeChecks typeChecks, RecordShapeReader shapes,
      RouteReader routes, Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.typeChecks = typeChecks;
    this.shapes = shapes;
    this.routes = routes;
    this.sources = sources;
  }

  /** The projection that produces a query's views, and whether it was left out of the model as invalid. */
  private record Producer(String name, boolean omitted) {}

  /**
   * @param projections the projections read
   * @param projectionReader what it left out, so a query of an invalid projection's view is not
   *     reported as reading a view nobody produces
   */
  Read<QueryHandlerMethod> read(ExecutableElement method, List<ProjectionModel> projections,
      ProjectionReader projectionReader) {
    Reports reports = new Reports();
    AnnotationMirror annotation = Annotations.mirror(method, Annotations.QUERY_HANDLER);
    TypeElement query = queryRecord(method, annotation, reports);
    ClassName viewType = query == null ? null : viewType(method, projections, annotation, reports);
    if (viewType == null) {
      return reports.result(Optional.empty());
    }
    Producer producer = producer(viewType, projections, projectionReader);
    if (producer == null) {
      reports.add(method.getParameters().get(1), annotation, null, QUERY_VIEW_NOT_PRODUCED, method.getSimpleName(),
          viewType.simpleName(), viewType.simpleName(), produced(projections));
      return reports.result(Optional.empty());
    }
    JsonType result = returnJsonType(method, annotation, reports);
    Route route = result == null ? null
        : routes.read(method, annotation, query, defaultRoute(producer.name(), query), true, reports);
    if (route == null || producer.omitted()) {
      return new Read<>(Optional.empty(), reports.all());
    }
    return reports.result(Optional.of(sources.put(
        new QueryHandlerMethod(Names.kebab(query.getSimpleName().toString()),
            ClassName.get((TypeElement) method.getEnclosingElement()), method.getSimpleName().toString(),
            method.getModifiers().contains(Modifier.STATIC), ClassName.get(query), viewType, producer.name(), route,
            TypeName.get(method.getReturnType()), result),
        method, annotation)));
  }

  /** @return the query record the handler takes; null (reported) when the method or record is invalid */
  private TypeElement queryRecord(ExecutableElement method, AnnotationMirror annotation, Reports reports) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    boolean ok = handlerChecks.checkMethod(method, "QueryHandler", annotation, reports);
    if (!method.getModifiers().contains(Modifier.STATIC) && Annotations.mirror(owner, Annotations.PROJECTION) == null) {
      ok &= typeChecks.checkInstantiable(owner, "query handler", reports);
    }
    TypeElement query = handlerChecks.firstRecordParameter(method, "QueryHandler", "query", annotation, 2,
        "Views<V> only", reports);
    if (!ok || query == null || !typeChecks.checkRecord(query, "query", method.getParameters().get(0), reports)
        || shapes.shape(query, reports) == null) {
      return null;
    }
    return query;
  }

  /** @return the V of the handler's {@code Views<V>} parameter; null (reported) when there is none */
  private ClassName viewType(ExecutableElement method, List<ProjectionModel> projections, AnnotationMirror annotation,
      Reports reports) {
    List<? extends VariableElement> parameters = method.getParameters();
    TypeMirror views = parameters.size() < 2 ? null : parameters.get(1).asType();
    TypeElement view = views == null || !tools.isType(views, Annotations.VIEWS)
        ? null : ElementTools.typeArgument(views, 0).map(tools::asRecord).orElse(null);
    if (view == null) {
      reports.add(views == null ? method : parameters.get(1), annotation, null, QUERY_WITHOUT_VIEWS,
          method.getSimpleName(), views == null ? "no second parameter" : views.toString(), suggestedView(method, projections));
      return null;
    }
    return ClassName.get(view);
  }

  /**
   * @return the view type the handler most likely reads, for the message: the one its projection class produces; else
   *     what it returns ({@code Summary}), or what its {@code Optional}, {@code Page} or {@code List} holds, when a
   *     projection produces that; else the first view type any projection produces; {@code V} when there is none
   */
  private static String suggestedView(ExecutableElement method, List<ProjectionModel> projections) {
    String owner = method.getEnclosingElement().toString();
    TypeMirror returned = method.getReturnType();
    TypeMirror held = ElementTools.typeArgument(returned, 0).orElse(returned);
    String heldName = held.getKind() == TypeKind.DECLARED ? ((DeclaredType) held).asElement().toString() : "";
    return producedView(projections, p -> p.type().canonicalName().equals(owner))
        .or(() -> producedView(projections, p -> p.viewType().canonicalName().equals(heldName)))
        .or(() -> producedView(projections, p -> true))
        .orElse("V");
  }

  /** @return the simple name of the view type of the first projection that produces one and matches */
  private static Optional<String> producedView(List<ProjectionModel> projections, Predicate<ProjectionModel> which) {
    return projections.stream().filter(p -> p.viewType() != null && which.test(p)).map(p -> p.viewType().simpleName()).findFirst();
  }

  private static Producer producer(ClassName viewType, List<ProjectionModel> projections,
      ProjectionReader projectionReader) {
    return projections.stream().filter(p -> viewType.equals(p.viewType())).findFirst()
        .map(p -> new Producer(p.name(), false))
        .or(() -> projectionReader.omittedProducer(viewType).map(name -> new Producer(name, true)))
        .orElse(null);
  }

  /** @return the views projections produce, for the message: {@code CartSummary (cart-summary), ...} */
  private static String produced(List<ProjectionModel> projections) {
    String produced = projections.stream().filter(p -> p.viewType() != null)
        .map(p -> p.viewType().simpleName() + " (" + p.name() + ")").collect(Collectors.joining(", "));
    return produced.isEmpty() ? "none" : produced;
  }

  /** {@code GET /<projection>}, or {@code GET /<projection>/{<first component>}} */
  private static Route defaultRoute(String projection, TypeElement query) {
    List<? extends RecordComponentElement> components = query.getRecordComponents();
    if (components.isEmpty()) {
      return new Route("GET", "/" + projection, List.of());
    }
    String first = components.get(0).getSimpleName().toString();
    return new Route("GET", "/" + projection + "/{" + first + "}", List.of(first));
  }

  /** @return the JSON type of the answer; null (reported, unless its record was) when it has none */
  private JsonType returnJsonType(ExecutableElement method, AnnotationMirror annotation, Reports reports) {
    TypeMirror returnType = method.getReturnType();
    JsonType type = returnType.getKind() == TypeKind.VOID ? null : shapes.jsonType(returnType, reports);
    if (type == null && !typeChecks.mentionsReportedRecord(returnType)) {
      reports.add(method, annotation, null, UNSUPPORTED_COMPONENT_TYPE, "(return value)", method.getSimpleName() + "()",
          returnType);
    }
    return type;
  }
}
