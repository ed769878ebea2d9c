package dev.sourced.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The local cloud's HTTP servers (its API, the bus, the scheduler, Lambda Invoke) and their responses. */
public final class LocalHttp {
  /** Read by the JDK's HTTP server once, when the JVM's first server is created: whether it sets TCP_NODELAY. */
  public static final String NODELAY = "sun.net.httpserver.nodelay";

  private LocalHttp() {}

  /**
   * Creates a JDK HTTP server (not yet started) that sends without delay. Without TCP_NODELAY the server writes a
   * response's headers and body as two small segments, and Nagle's algorithm holds the body until the client
   * acknowledges the headers, which a keep-alive client delays by up to 40 ms: every response over a reused
   * connection (the AWS SDK's clients, Java's HttpClient, browsers, load tools; not curl, which connects anew) took
   * ~44 ms more. The JDK reads the setting once, when the JVM's first server is created, so every server of the local
   * cloud is created here; a value the JVM was given ({@code -Dsun.net.httpserver.nodelay=false}) stays.
   *
   * @param address where to listen
   * @param backlog the listen backlog; 0 for the system's default
   * @return the server
   * @throws IOException when the address cannot be bound
   */
  public static HttpServer server(InetSocketAddress address, int backlog) throws IOException {
    System.getProperties().putIfAbsent(NODELAY, "true");
    return HttpServer.create(address, backlog);
  }

  /**
   * Sends a status and a UTF-8 body of a content type; headers set before stay.
   *
   * @param exchange the exchange
   * @param status the HTTP status
   * @param contentType e.g. {@code application/json}
   * @param body the body; null for none
   * @throws IOException when the client went away
   */
  public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
