package dev.sourced.runtime.lambda;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds, on a second thread, the TLS context every client of a function needs, while the function's constructor goes on
 * loading the application's registry, its codecs and the SDK client builder's own classes.
 *
 * <p>The URL-connection HTTP client builds an {@code SSLContext} with the JDK's default trust managers when it is built,
 * whatever the endpoint's scheme: loading and parsing the JDK's trust store, initializing the JSSE provider and its cipher
 * suites. That is about a third of building a DynamoDB client in a fresh JVM, all of it JDK code (no class of the
 * function's package), so it runs beside the main thread instead of after it. The JDK keeps the trust store it read
 * (its trust store manager caches it), so the client the constructor builds next finds it loaded. Measured in
 * docs/benchmarks.md ("Cold start"): the command function's on-demand set-up falls by about 35 ms on two cores.
 * Lambda runs a function's initialization on the vCPUs of its execution environment; where only one is free, the work is
 * the same as before, in another order.
 *
 * <p>Best effort: a failure here is not reported, because the client the constructor builds does the same work on its own
 * thread and reports the same failure with its cause.
 */
final class TlsWarmUp {
  /** The thread's name, as a thread dump shows it. */
  static final String THREAD_NAME = "sourced-tls-warm-up";
  /** How many warm-ups this JVM started (one per function constructor; tests count them). */
  static final AtomicInteger STARTED = new AtomicInteger();

  private TlsWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread (it never keeps the JVM alive).
   *
   * @return the thread, already started
   */
  static Thread start() {
    Thread thread = new Thread(TlsWarmUp::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
    STARTED.incrementAndGet();
    return thread;
  }

  /** Builds a URL-connection HTTP client, as every client of a function does, and closes it. */
  static void run() {
    try {
      UrlConnectionHttpClient.builder().build().close();
    } catch (RuntimeException | LinkageError e) {
      // the constructor's own client build does the same and reports the failure with its cause
    }
  }
}
