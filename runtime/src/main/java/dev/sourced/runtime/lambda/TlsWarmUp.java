package dev.sourced.runtime.lambda;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds, on a second thread, the HTTP client every client of a function is built on, while the function's constructor
 * goes on loading the application's registry, its codecs and the SDK client builder's own classes.
 *
 * <p>The URL-connection HTTP client builds an {@code SSLContext} with the JDK's default trust managers when it is built,
 * whatever the endpoint's scheme: the JDK's TLS provider, its cipher suites and the trust store are loaded and
 * initialized, all of it JDK code, in a fresh JVM about a third of building a DynamoDB client. Done once beside the main
 * thread, it leaves those classes loaded and initialized for the client the constructor builds next (the trust store
 * itself the JDK keeps only weakly; reading it again costs a few milliseconds). Measured in docs/benchmarks.md ("TLS
 * context on a second thread"): the command function's on-demand set-up fell by about 30–45 ms on two cores. Lambda runs
 * a function's initialization on the vCPUs of its execution environment; where less than one is free (functions with
 * less than 1,769 MB), the work is the same as before, in another order.
 *
 * <p>Best effort: a failure here is not reported, because the client the constructor builds does the same work on its own
 * thread and reports the same failure with its cause.
 */
final class TlsWarmUp {
  /** The thread's name, as a thread dump shows it. */
  static final String THREAD_NAME = "sourced-tls-warm-up";
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private TlsWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread (it never keeps the JVM alive), the first time it is called in a JVM: only the
   * first client of a JVM gains from it.
   *
   * @return the thread, already started, or null when a warm-up was started before
   */
  static Thread startOnce() {
    if (!STARTED.compareAndSet(false, true)) {
      return null;
    }
    Thread thread = new Thread(TlsWarmUp::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** @return whether a warm-up was started in this JVM */
  static boolean started() {
    return STARTED.get();
  }

  /**
   * Builds the HTTP client every client of a function is built on ({@link SourcedConfig#httpClientBuilder()}), and closes
   * it.
   *
   * @return whether it was built
   */
  static boolean run() {
    try {
      SourcedConfig.httpClientBuilder().build().close();
      return true;
    } catch (RuntimeException | LinkageError e) {
      // the constructor's own client build does the same and reports the failure with its cause
      return false;
    }
  }
}
