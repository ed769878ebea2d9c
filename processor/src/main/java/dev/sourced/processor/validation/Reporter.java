package dev.sourced.processor.validation;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/** Reports catalogue entries through the {@link Messager}, with the caret on the offending element. */
public final class Reporter {
  private final Messager messager;
  private int errors;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports on an element. */
  public void report(Element element, Diagnostic diagnostic, Object... args) {
    report(element, null, null, diagnostic, args);
  }

  /** Reports on an annotation, or on one of its values, of an element. */
  public void report(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Diagnostic diagnostic,
      Object... args) {
    if (diagnostic.kind() == javax.tools.Diagnostic.Kind.ERROR) {
      errors++;
    }
    messager.printMessage(diagnostic.kind(), diagnostic.format(args), element, annotation, value);
  }

  /** @return the number of errors reported so far */
  public int errors() {
    return errors;
  }
}
