package dev.sourced.processor.validation;

import dev.sourced.processor.model.Sources;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * One catalogue entry found, and where to put the caret. Readers and rules return these instead of
 * printing them, so the processor decides what reaches the compiler and tests can count them.
 *
 * @param diagnostic the catalogue entry
 * @param message the full message, starting with the bracketed tag
 * @param element the element to report on
 * @param annotation the annotation on it to point at, or {@code null}
 * @param value the annotation value to point at, or {@code null}
 */
public record Report(
    Diagnostic diagnostic, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {

  /** @return a report on an element */
  public static Report on(Element element, Diagnostic diagnostic, Object... args) {
    return on(element, null, null, diagnostic, args);
  }

  /** @return a report on an annotation, or on one of its values, of an element */
  public static Report on(
      Element element, AnnotationMirror annotation, AnnotationValue value, Diagnostic diagnostic, Object... args) {
    return new Report(diagnostic, diagnostic.format(args), element, annotation, value);
  }

  /** @return a report where a model record came from: on its element and annotation */
  public static Report at(Sources.Origin origin, Diagnostic diagnostic, Object... args) {
    return on(origin.element(), origin.annotation(), null, diagnostic, args);
  }

  /** @return whether it fails the build */
  public boolean isError() {
    return diagnostic.kind() == Kind.ERROR;
  }
}
