package dev.sourced.processor.model;

import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * Where each model record came from, so validation of rules spanning several classes can put its caret
 * on the right element. Lives for one round only.
 */
public final class Sources {

  /**
   * An element and, optionally, the annotation on it to point at.
   *
   * @param element the element
   * @param annotation the annotation, or {@code null}
   */
  public record Origin(Element element, AnnotationMirror annotation) {}

  private final Map<Object, Origin> origins = new IdentityHashMap<>();

  /** Records where a model record came from. */
  public <T> T put(T modelRecord, Element element, AnnotationMirror annotation) {
    origins.put(modelRecord, new Origin(element, annotation));
    return modelRecord;
  }

  /**
   * @param modelRecord a record of the model
   * @return where it came from
   */
  public Origin of(Object modelRecord) {
    Origin origin = origins.get(modelRecord);
    if (origin == null) {
      throw new IllegalStateException("no source recorded for " + modelRecord);
    }
    return origin;
  }
}
