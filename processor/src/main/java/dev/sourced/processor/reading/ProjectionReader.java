package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.HANDLER_OUTSIDE_PROJECTION;
import static dev.sourced.processor.validation.Diagnostic.INVALID_PROJECTION_NAME;
import static dev.sourced.processor.validation.Diagnostic.INVALID_PROJECTION_VERSION;
import static dev.sourced.processor.validation.Diagnostic.MIXED_VIEW_TYPES;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod.Kind;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.validation.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a {@code @Projection} class: its name and version, its event handlers (through the
 * {@link EventHandlerReader}), one per event, and the one view type they build. A projection with any
 * invalid handler is left out as a whole; the views it would have produced are remembered, so queries
 * reading them are not reported as reading views nobody produces.
 */
final class ProjectionReader {
  private final ElementTools tools;
  private final TypeChecks typeChecks;
  private final RecordShapeReader shapes;
  private final EventHandlerReader eventHandlers;
  private final Sources sources;
  private final Map<ClassName, String> omittedViews = new HashMap<>();

  ProjectionReader(ElementTools tools, TypeChecks typeChecks, RecordShapeReader shapes,
      EventHandlerReader eventHandlers, Sources sources) {
    this.tools = tools;
    this.typeChecks = typeChecks;
    this.shapes = shapes;
    this.eventHandlers = eventHandlers;
    this.sources = sources;
  }

  /** The handlers of a projection, the view type they return, and whether every one of them was read. */
  private record Handlers(List<EventHandlerMethod> handlers, TypeMirror viewType, ExecutableElement viewTypeSetBy,
      boolean complete) {}

  Read<ProjectionModel> read(TypeElement type) {
    Reports reports = new Reports();
    AnnotationMirror annotation = Annotations.mirror(type, Annotations.PROJECTION);
    typeChecks.checkInstantiable(type, "@Projection", reports);
    String name = (String) tools.valueOf(annotation, "name");
    if (!Names.isResourceName(name)) {
      reports.add(type, annotation, Annotations.explicitValue(annotation, "name"), INVALID_PROJECTION_NAME, name,
          Names.suggestResourceName(name));
    }
    int version = (Integer) tools.valueOf(annotation, "version");
    if (version < 1) {
      reports.add(type, annotation, Annotations.explicitValue(annotation, "version"), INVALID_PROJECTION_VERSION, version);
    }
    Handlers handlers = handlers(type, reports);
    TypeElement view = handlers.viewType() == null ? null : tools.asRecord(handlers.viewType());
    boolean viewOk = view == null
        || typeChecks.checkRecord(view, "view", handlers.viewTypeSetBy(), reports) && shapes.shape(view, reports) != null;
    Read<ProjectionModel> read = !viewOk || !handlers.complete()
        ? new Read<>(Optional.empty(), reports.all())
        : reports.result(Optional.of(sources.put(
            new ProjectionModel(name, version, ClassName.get(type), view == null ? null : ClassName.get(view),
                sorted(handlers.handlers())),
            type, annotation)));
    if (read.value().isEmpty()) {
      rememberViews(type, name);
    }
    return read;
  }

  /**
   * @param view a view record
   * @return the name of a projection left out as invalid that would have produced it
   */
  Optional<String> omittedProducer(ClassName view) {
    return Optional.ofNullable(omittedViews.get(view));
  }

  /** An {@code @EventHandler} in a class that is neither a projection nor a process manager. */
  static List<Report> outside(ExecutableElement method) {
    if (Annotations.mirror(method.getEnclosingElement(), Annotations.PROJECTION) != null
        || Annotations.mirror(method.getEnclosingElement(), Annotations.PROCESS_MANAGER) != null) {
      return List.of();
    }
    return List.of(Report.on(method, Annotations.mirror(method, Annotations.EVENT_HANDLER), null,
        HANDLER_OUTSIDE_PROJECTION, method.getSimpleName(), method.getEnclosingElement().getSimpleName()));
  }

  private Handlers handlers(TypeElement type, Reports reports) {
    AnnotationMirror defaultKey = Annotations.mirror(type, Annotations.VIEW_KEY);
    List<EventHandlerMethod> handlers = new ArrayList<>();
    Map<ClassName, ExecutableElement> byEvent = new HashMap<>();
    TypeMirror viewType = null;
    ExecutableElement viewTypeSetBy = null;
    boolean complete = true;
    for (ExecutableElement method : ElementTools.methodsAnnotated(type, Annotations.EVENT_HANDLER)) {
      Optional<EventHandlerMethod> handler = eventHandlers.read(method, EventHandlerReader.Owner.PROJECTION, defaultKey,
          reports);
      if (handler.isEmpty() || EventHandlerReader.isDuplicate(type, method, handler.get(), byEvent, reports)) {
        complete = false;
        continue;
      }
      if (handler.get().kind() != Kind.REACTOR) {
        TypeMirror returned = method.getReturnType();
        if (viewType == null) {
          viewType = returned;
          viewTypeSetBy = method;
        } else if (!tools.types.isSameType(viewType, returned)) {
          reports.add(method, Annotations.mirror(method, Annotations.EVENT_HANDLER), null, MIXED_VIEW_TYPES,
              type.getSimpleName(), viewType + " (" + viewTypeSetBy.getSimpleName() + "())",
              returned + " (" + method.getSimpleName() + "())");
          complete = false;
          continue;
        }
      }
      handlers.add(handler.get());
    }
    return new Handlers(handlers, viewType, viewTypeSetBy, complete);
  }

  /** The views an invalid projection's handlers return: queries reading them are not reported again. */
  private void rememberViews(TypeElement type, String name) {
    for (ExecutableElement method : ElementTools.methodsAnnotated(type, Annotations.EVENT_HANDLER)) {
      TypeElement view = tools.asRecord(method.getReturnType());
      if (view != null) {
        omittedViews.putIfAbsent(ClassName.get(view), name);
      }
    }
  }

  private static List<EventHandlerMethod> sorted(List<EventHandlerMethod> handlers) {
    List<EventHandlerMethod> sorted = new ArrayList<>(handlers);
    sorted.sort(Comparator.comparing(h -> h.event().canonicalName()));
    return sorted;
  }
}
