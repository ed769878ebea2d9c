package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.INVALID_UNIQUE_SCOPE;
import static dev.sourced.processor.validation.Diagnostic.UNIQUE_NOT_STRING;
import static dev.sourced.processor.validation.Diagnostic.UNIQUE_SCOPE_REPEATED;

import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UniqueRelease;
import dev.sourced.processor.model.UniqueValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads the unique values a record declares: its {@code @Unique} String components (a creation command's claims, an
 * event's moves) and an event's {@code @ReleasesUnique} scopes. A scope is kebab case and named once per record.
 */
final class UniqueReader {
  private final ElementTools tools;
  private final Sources sources;

  UniqueReader(ElementTools tools, Sources sources) {
    this.tools = tools;
    this.sources = sources;
  }

  /**
   * @param record a command or event record
   * @param kind "command" or "event", for messages
   * @param usedAt where it is used, to report on when its source is not being compiled
   * @param named the scopes the record names already, by where (filled)
   * @return its {@code @Unique} components, sorted by scope; null (reported) when one is invalid
   */
  List<UniqueValue> components(TypeElement record, String kind, Element usedAt, Map<String, String> named, Reports reports) {
    List<UniqueValue> values = new ArrayList<>();
    boolean ok = true;
    for (RecordComponentElement component : record.getRecordComponents()) {
      AnnotationMirror unique = Annotations.mirror(component, Annotations.UNIQUE);
      if (unique == null) {
        continue;
      }
      Element at = tools.reportable(record, ElementTools.position(component), usedAt);
      String scope = (String) tools.valueOf(unique, "value");
      String where = "component " + component.getSimpleName();
      if (!tools.isType(component.asType(), "java.lang.String")) {
        reports.add(at, UNIQUE_NOT_STRING, scope, component.getSimpleName(), record.getSimpleName(), component.asType());
        ok = false;
      } else if (!checkScope(scope, "Unique", at, null, null, reports)
          || !checkOnce(record, kind, scope, where, named, at, null, reports)) {
        ok = false;
      } else {
        values.add(sources.put(new UniqueValue(scope, component.getSimpleName().toString()), at, null));
      }
    }
    values.sort(Comparator.comparing(UniqueValue::scope));
    return ok ? values : null;
  }

  /**
   * @param event an event record
   * @param usedAt where it is used
   * @param named the scopes the record names already (its {@code @Unique} components), by where
   * @return the scopes of its {@code @ReleasesUnique}, sorted; null (reported) when one is invalid
   */
  List<UniqueRelease> releases(TypeElement event, Element usedAt, Map<String, String> named, Reports reports) {
    AnnotationMirror annotation = Annotations.mirror(event, Annotations.RELEASES_UNIQUE);
    if (annotation == null) {
      return List.of();
    }
    Element at = tools.reportable(event, usedAt);
    AnnotationValue written = Annotations.explicitValue(annotation, "value");
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> scopes = (List<? extends AnnotationValue>) written.getValue();
    List<UniqueRelease> releases = new ArrayList<>();
    boolean ok = true;
    for (AnnotationValue value : scopes) {
      String scope = (String) value.getValue();
      if (!checkScope(scope, "ReleasesUnique", at, annotation, written, reports)
          || !checkOnce(event, "event", scope, "@ReleasesUnique", named, at, annotation, reports)) {
        ok = false;
      } else {
        releases.add(sources.put(new UniqueRelease(scope), at, annotation));
      }
    }
    releases.sort(Comparator.comparing(UniqueRelease::scope));
    return ok ? releases : null;
  }

  /** @return a map to pass to {@link #components} and {@link #releases}, which note each scope a record names */
  static Map<String, String> scopesNamed() {
    return new HashMap<>();
  }

  private static boolean checkScope(String scope, String annotationName, Element at, AnnotationMirror annotation,
      AnnotationValue value, Reports reports) {
    if (Names.isResourceName(scope)) {
      return true;
    }
    reports.add(at, annotation, value, INVALID_UNIQUE_SCOPE, annotationName, scope, Names.suggestResourceName(scope));
    return false;
  }

  private static boolean checkOnce(TypeElement record, String kind, String scope, String where, Map<String, String> named,
      Element at, AnnotationMirror annotation, Reports reports) {
    String first = named.putIfAbsent(scope, where);
    if (first == null) {
      return true;
    }
    reports.add(at, annotation, null, UNIQUE_SCOPE_REPEATED, kind, record.getSimpleName(), scope, first, where);
    return false;
  }
}
