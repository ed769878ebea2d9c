package dev.sourced.processor.reading;

import dev.sourced.processor.validation.Report;
import java.util.List;
import java.util.Optional;

/**
 * What reading one element gave: its piece of the model, absent when the element is invalid, and what
 * was reported on the way.
 *
 * @param value the model piece, or empty
 * @param reports what was found wrong, in the order found
 */
public record Read<T>(Optional<T> value, List<Report> reports) {
  public Read {
    reports = List.copyOf(reports);
  }
}
