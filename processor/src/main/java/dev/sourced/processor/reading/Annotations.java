package dev.sourced.processor.reading;

import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The Sourced annotations and API types the readers look for, by qualified name (the processor never
 * loads them as classes), and how to find them on an element through its mirrors.
 */
public final class Annotations {
  private static final String PACKAGE = "dev.sourced.annotations.";
  public static final String AGGREGATE = PACKAGE + "Aggregate";
  public static final String AGGREGATE_ID = PACKAGE + "AggregateId";
  public static final String COMMAND_HANDLER = PACKAGE + "CommandHandler";
  public static final String EVENT_SOURCING_HANDLER = PACKAGE + "EventSourcingHandler";
  public static final String EVENT = PACKAGE + "Event";
  public static final String UPCASTER = PACKAGE + "Upcaster";
  public static final String PROJECTION = PACKAGE + "Projection";
  public static final String EVENT_HANDLER = PACKAGE + "EventHandler";
  public static final String VIEW_KEY = PACKAGE + "ViewKey";
  public static final String QUERY_HANDLER = PACKAGE + "QueryHandler";
  public static final String PROCESS_MANAGER = PACKAGE + "ProcessManager";
  public static final String ASSOCIATION_KEY = PACKAGE + "AssociationKey";
  public static final String REJECTION_HANDLER = PACKAGE + "RejectionHandler";
  public static final String DEADLINE_HANDLER = PACKAGE + "DeadlineHandler";
  public static final String UNIQUE = PACKAGE + "Unique";
  public static final String RELEASES_UNIQUE = PACKAGE + "ReleasesUnique";
  /** Every annotation the processor claims. */
  public static final Set<String> ALL = Set.of(AGGREGATE, AGGREGATE_ID, COMMAND_HANDLER, EVENT_SOURCING_HANDLER, EVENT,
      UPCASTER, PROJECTION, EVENT_HANDLER, VIEW_KEY, QUERY_HANDLER, PROCESS_MANAGER, ASSOCIATION_KEY, REJECTION_HANDLER,
      DEADLINE_HANDLER, UNIQUE, RELEASES_UNIQUE);

  static final String EVENT_METADATA = "dev.sourced.api.EventMetadata";
  static final String COMMAND_CONTEXT = "dev.sourced.api.CommandContext";
  static final String VIEWS = "dev.sourced.api.Views";
  static final String SNAPSHOTTING = "dev.sourced.api.Snapshotting";
  static final String PROCESS_STEP = "dev.sourced.api.ProcessStep";
  static final String DOMAIN_EXCEPTION = "dev.sourced.api.DomainException";

  private Annotations() {}

  /** @return the mirror of an annotation on an element, or null */
  static AnnotationMirror mirror(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  /** @return the value written for a member, to point the caret at; null when the default applies */
  static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** @return {@code dev.sourced.annotations.CommandHandler} → {@code CommandHandler} */
  static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }
}
