package dev.sourced.local.testkit;

import dev.sourced.api.Caller;
import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.spi.EventDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The metadata the fixtures give events, as a delivered event would have it: its stream (the aggregate that emits it
 * and the id read from the event), the next version of that stream, a stable event id, a timestamp one second after
 * the one before, and the principal set with {@link #by}.
 */
final class GivenEvents {
  private final Upcasting upcasting;
  private final Map<String, Long> versions = new HashMap<>();
  private long sequence;
  private String principal = Caller.ANONYMOUS_PRINCIPAL;

  GivenEvents(Upcasting upcasting) {
    this.upcasting = upcasting;
  }

  void by(String principal) {
    this.principal = principal;
  }

  /** @return the event at its newest revision */
  Record newest(Record event) {
    return upcasting.toNewest(Objects.requireNonNull(event, "event"));
  }

  /** @return the metadata of the next event of a stream */
  EventMetadata next(String streamId, Record newest) {
    EventDefinition definition = upcasting.definition(newest);
    long version = versions.merge(streamId, 1L, Long::sum);
    sequence++;
    String eventId = UUID.nameUUIDFromBytes((streamId + "@" + version).getBytes(StandardCharsets.UTF_8)).toString();
    return new EventMetadata(streamId, version, eventId, definition.name(), ProjectionFixture.START.plusSeconds(sequence - 1),
        "command-" + sequence, "correlation-" + sequence, "command-" + sequence, principal);
  }

  /** @return the stream an event is on: its aggregate's name and the id read from it */
  String streamOf(Record event) {
    EventDefinition definition = upcasting.definition(event);
    if (definition.aggregateId() == null || definition.aggregates().size() != 1) {
      throw new IllegalArgumentException("cannot tell the stream of " + event.getClass().getSimpleName()
          + " (it has no component named like its aggregate's @AggregateId, or several aggregates emit it);"
          + " use givenStream(\"<aggregate>#<id>\", events...)");
    }
    return definition.aggregates().get(0) + "#" + definition.aggregateId().apply(event);
  }

  static Instant start() {
    return ProjectionFixture.START;
  }
}
