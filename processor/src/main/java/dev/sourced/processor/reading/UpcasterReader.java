package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.INVALID_UPCASTER;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UpcasterMethod;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Reads {@code @Upcaster} methods: static, one event record in, the same event at the next revision out.
 * An upcaster left out breaks its event's revision chain, which the event reader remembers.
 */
final class UpcasterReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final EventReader events;
  private final Sources sources;

  UpcasterReader(ElementTools tools, HandlerChecks handlerChecks, EventReader events, Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.events = events;
    this.sources = sources;
  }

  Read<UpcasterMethod> read(ExecutableElement method) {
    Reports reports = new Reports();
    Optional<UpcasterMethod> upcaster = readChecked(method, reports);
    if (upcaster.isEmpty()) {
      fromEvent(method).ifPresent(from -> events.breakChain(events.declaredName(from)));
    }
    return reports.result(upcaster);
  }

  private Optional<UpcasterMethod> readChecked(ExecutableElement method, Reports reports) {
    AnnotationMirror annotation = Annotations.mirror(method, Annotations.UPCASTER);
    if (!handlerChecks.checkMethod(method, "Upcaster", annotation, reports)) {
      return Optional.empty();
    }
    String problem = signatureProblem(method);
    if (problem != null) {
      reports.add(method, annotation, null, INVALID_UPCASTER, method.getSimpleName(), problem);
      return Optional.empty();
    }
    Optional<EventType> from = reports.take(events.read(fromEvent(method).orElseThrow(), method));
    Optional<EventType> to = reports.take(events.read(tools.asRecord(method.getReturnType()), method));
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (!from.get().name().equals(to.get().name()) || to.get().revision() != from.get().revision() + 1) {
      reports.add(method, annotation, null, INVALID_UPCASTER, method.getSimpleName(),
          "found '" + from.get().name() + "' revision " + from.get().revision() + " → '" + to.get().name()
              + "' revision " + to.get().revision() + "; expected '" + from.get().name() + "' revision "
              + (from.get().revision() + 1));
      return Optional.empty();
    }
    ClassName owner = ClassName.get((TypeElement) method.getEnclosingElement());
    return Optional.of(sources.put(
        new UpcasterMethod(owner, method.getSimpleName().toString(), from.get().type(), to.get().type()),
        method, annotation));
  }

  /** @return what is wrong with the method's modifiers, parameters or return type, or null */
  private String signatureProblem(ExecutableElement method) {
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      return "found an instance method";
    }
    if (method.getParameters().size() != 1) {
      return "found " + method.getParameters().size() + " parameters";
    }
    if (tools.asRecord(method.getParameters().get(0).asType()) == null) {
      return "its parameter " + method.getParameters().get(0).asType() + " is not a record";
    }
    if (tools.asRecord(method.getReturnType()) == null) {
      return "its return type " + method.getReturnType() + " is not a record";
    }
    return null;
  }

  /** @return the event record an upcaster takes, even when the upcaster is invalid */
  private Optional<TypeElement> fromEvent(ExecutableElement method) {
    return method.getParameters().isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(tools.asRecord(method.getParameters().get(0).asType()));
  }
}
