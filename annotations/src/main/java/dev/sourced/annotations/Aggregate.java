package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as an event-sourced aggregate: the consistency boundary that decides events from
 * commands. Each aggregate instance is one event stream, {@code <name>#<id>}.
 *
 * <p>The processor requires: a public, non-abstract, top-level (or static nested) class that is not
 * generic, with a non-private no-arg constructor (the event applier creates an instance and replays
 * events into it); at least one static {@link CommandHandler} (the creation handler that starts the
 * stream); every command and event it handles to be a public record; with {@code snapshotEvery > 0},
 * that it implements {@link dev.sourced.api.Snapshotting} with a public record as its state.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Aggregate {

  /**
   * The aggregate's stable name, used in stream ids, routes ({@code POST /<name>/{id}/<command>}) and
   * resource names. Lower-case kebab case, 1 to 40 characters, starting with a letter.
   *
   * @return the name; empty means the class's simple name in kebab case ({@code ShoppingCart} becomes
   *     {@code shopping-cart})
   */
  String name() default "";

  /**
   * Writes a snapshot of the aggregate after every {@code snapshotEvery} events so long streams load
   * quickly. A snapshot is only an optimisation: events after it are always replayed on top of it.
   *
   * @return events between snapshots; {@code 0} (the default) disables snapshots. Must not be negative.
   */
  int snapshotEvery() default 0;

  /**
   * How many of its streams a command function's container (a process, for a {@code CommandBus} built in one) keeps
   * the aggregate of between commands, as the last successful command on each left it, the least recently used dropped
   * first. A command on a kept stream decides without reading it: one write instead of a read and a write. Its append is
   * conditional on the stream's version, as every append is, so a kept aggregate that is behind (another container
   * appended since) costs a failed write, then the command reads the stream and decides again. A refusal, an exception or
   * a decision without events on a kept aggregate is not trusted: the command reads the stream and decides again.
   *
   * <p>Worth it where one container serves most commands of a stream: low concurrency, a stream's commands in bursts
   * from one client, the local cloud. Where many containers take turns on the same streams, most kept aggregates are
   * behind, and each such command costs a failed conditional write (which DynamoDB charges) before its read. Command
   * handlers must leave the aggregate's fields alone (only {@link EventSourcingHandler}s change them), as a kept
   * aggregate is the one the handler saw.
   *
   * @return streams kept per container; {@code 0} (the default) keeps none. Must not be negative.
   */
  int cachedStreams() default 0;
}
