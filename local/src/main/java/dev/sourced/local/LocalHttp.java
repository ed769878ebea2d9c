package dev.sourced.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing a response of the local cloud's small AWS endpoints (the bus, the scheduler, Lambda Invoke). */
public final class LocalHttp {
  private LocalHttp() {}

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
