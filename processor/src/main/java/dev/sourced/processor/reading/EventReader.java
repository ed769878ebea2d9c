package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.EVENT_NOT_RECORD;
import static dev.sourced.processor.validation.Diagnostic.INVALID_EVENT_NAME;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UniqueRelease;
import dev.sourced.processor.model.UniqueValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Reads event records: those annotated {@code @Event} and those handlers name. Each is read once;
 * a record found invalid is reported the first time and then quietly left out, and its event name is
 * remembered as having a broken revision chain.
 */
final class EventReader {
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final ElementTools tools;
  private final TypeChecks typeChecks;
  private final RecordShapeReader shapes;
  private final UniqueReader uniques;
  private final Sources sources;
  private final Map<ClassName, EventType> events = new LinkedHashMap<>();
  private final Set<ClassName> invalid = new HashSet<>();
  private final Set<String> brokenChains = new HashSet<>();

  EventReader(ElementTools tools, TypeChecks typeChecks, RecordShapeReader shapes, UniqueReader uniques, Sources sources) {
    this.tools = tools;
    this.typeChecks = typeChecks;
    this.shapes = shapes;
    this.uniques = uniques;
    this.sources = sources;
  }

  /**
   * @param type a record used as an event
   * @param usedAt where it is used, to report on when its source is not being compiled
   * @return its event type, or empty when it is not usable (reported the first time)
   */
  Read<EventType> read(TypeElement type, Element usedAt) {
    ClassName name = ClassName.get(type);
    if (events.containsKey(name)) {
      return new Read<>(Optional.of(events.get(name)), List.of());
    }
    if (invalid.contains(name)) {
      return new Read<>(Optional.empty(), List.of()); // reported the first time it was read
    }
    Reports reports = new Reports();
    Optional<EventType> event = readOnce(type, usedAt, reports);
    if (event.isPresent()) {
      events.put(name, event.get());
    } else {
      invalid.add(name);
      brokenChains.add(declaredName(type));
    }
    return new Read<>(event, reports.all());
  }

  private Optional<EventType> readOnce(TypeElement type, Element usedAt, Reports reports) {
    AnnotationMirror annotation = Annotations.mirror(type, Annotations.EVENT);
    if (type.getKind() != ElementKind.RECORD) {
      reports.add(type, EVENT_NOT_RECORD, type.getSimpleName(), ElementTools.kindName(type), type.getSimpleName());
      return Optional.empty();
    }
    String eventName = declaredName(type);
    int revision = annotation == null ? 1 : (Integer) tools.valueOf(annotation, "revision");
    if (annotation != null && (!EVENT_NAME.matcher(eventName).matches() || revision < 1)) {
      reports.add(type, annotation, null, INVALID_EVENT_NAME, type.getSimpleName(), eventName, revision);
      return Optional.empty();
    }
    if (!typeChecks.checkRecord(type, "event", usedAt, reports) || shapes.shape(type, reports) == null) {
      return Optional.empty();
    }
    Map<String, String> scopes = UniqueReader.scopesNamed();
    List<UniqueValue> moves = uniques.components(type, "event", usedAt, scopes, reports);
    List<UniqueRelease> releases = moves == null ? null : uniques.releases(type, usedAt, scopes, reports);
    if (releases == null) {
      return Optional.empty();
    }
    return Optional.of(sources.put(new EventType(eventName, revision, ClassName.get(type), moves, releases), type, annotation));
  }

  /** @return the name an event record declares with {@code @Event(name)}, else its simple name */
  String declaredName(TypeElement type) {
    AnnotationMirror annotation = Annotations.mirror(type, Annotations.EVENT);
    String declared = annotation == null ? "" : (String) tools.valueOf(annotation, "name");
    return declared.isEmpty() ? type.getSimpleName().toString() : declared;
  }

  /** Remembers that an upcaster of this event was left out, so its revision chain is known broken. */
  void breakChain(String eventName) {
    brokenChains.add(eventName);
  }

  /** @return names of events a revision or upcaster of which was left out */
  Set<String> brokenChains() {
    return brokenChains;
  }

  /** @return every valid event, sorted by name, then revision, then class */
  List<EventType> events() {
    List<EventType> sorted = new ArrayList<>(events.values());
    sorted.sort(Comparator.comparing(EventType::name).thenComparingInt(EventType::revision)
        .thenComparing(e -> e.type().canonicalName()));
    return sorted;
  }
}
