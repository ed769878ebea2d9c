package dev.sourced.processor.reading;

import dev.sourced.processor.validation.Diagnostic;
import dev.sourced.processor.validation.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Collects the reports of one element while it is read, and hands them back with the result. One
 * instance per element read, never shared across elements or kept after the read returns.
 */
final class Reports {
  private final List<Report> found = new ArrayList<>();

  void add(Element element, Diagnostic diagnostic, Object... args) {
    found.add(Report.on(element, diagnostic, args));
  }

  void add(Element element, AnnotationMirror annotation, AnnotationValue value, Diagnostic diagnostic, Object... args) {
    found.add(Report.on(element, annotation, value, diagnostic, args));
  }

  /** Takes over the reports of a nested read and returns its value. */
  <T> Optional<T> take(Read<T> read) {
    found.addAll(read.reports());
    return read.value();
  }

  boolean hasErrors() {
    return found.stream().anyMatch(Report::isError);
  }

  /** @return the result of the read: the value unless an error was reported */
  <T> Read<T> result(Optional<T> value) {
    return new Read<>(hasErrors() ? Optional.empty() : value, found);
  }

  List<Report> all() {
    return found;
  }
}
