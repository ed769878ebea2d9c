package dev.sourced.processor.model;

import java.util.Set;

/**
 * What reading left out of the {@link AppModel} because it was reported invalid. Rules about the whole
 * model consult it, so one mistake is reported once, not again as something the model then lacks.
 *
 * @param eventNames names of events a revision or an upcaster of which was left out: their revision
 *     chain is known to be broken
 * @param any whether anything at all was left out
 */
public record Omissions(Set<String> eventNames, boolean any) {
  public Omissions {
    eventNames = Set.copyOf(eventNames);
  }
}
