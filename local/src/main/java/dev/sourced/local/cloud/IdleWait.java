package dev.sourced.local.cloud;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a poller waits after a poll that found nothing: {@code min} at first, doubling up to {@code max}
 * while polls keep finding nothing, and not at all after a poll that found something (records are flowing).
 * {@link #wake()} ends a wait at once and starts the doubling over, for whoever knows that something was just
 * written: the HTTP API after a command, so an event reaches its stream's poller without waiting out a back-off.
 */
final class IdleWait {
  private final long minNanos;
  private final long maxNanos;
  private final AtomicBoolean woken = new AtomicBoolean();
  private volatile Thread waiter;
  private long nextNanos;

  IdleWait(long min, long max, TimeUnit unit) {
    this.minNanos = unit.toNanos(min);
    this.maxNanos = unit.toNanos(max);
    this.nextNanos = minNanos;
  }

  /** The last poll found something: poll again at once. Called by the polling thread. */
  void found() {
    nextNanos = minNanos;
  }

  /** The last poll found nothing: wait, unless woken since. Called by the polling thread. */
  void nothingFound() {
    waiter = Thread.currentThread();
    if (!woken.getAndSet(false)) {
      LockSupport.parkNanos(this, nextNanos);
    }
    nextNanos = woken.getAndSet(false) ? minNanos : Math.min(maxNanos, nextNanos * 2);
  }

  /** Something was written: the poller polls now (or right after its current poll). Any thread. */
  void wake() {
    woken.set(true);
    Thread thread = waiter;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }
}
