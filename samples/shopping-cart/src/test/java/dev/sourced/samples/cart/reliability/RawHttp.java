package dev.sourced.samples.cart.reliability;

import dev.sourced.local.testkit.LocalCloudExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, so a request can carry what Java's HTTP client refuses to send: paths
 * that are not valid URIs, header values with control characters, bodies that are not UTF-8.
 */
final class RawHttp {
  private RawHttp() {}

  static LocalCloudExtension.Response send(URI base, RequestFuzzer.Request request) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes((request.method() + " " + request.path() + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nConnection: close\r\nContent-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.UTF_8));
      request.headers().forEach((name, value) -> head.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
      head.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      out.write(request.body());
      out.flush();
      try {
        return parse(socket.getInputStream().readAllBytes());
      } catch (java.net.SocketException reset) {
        if (isUri(request.path())) {
          throw reset;
        }
        // the HTTP layer refuses a request line that is not a URI before it reads the body, answers 400 and closes;
        // closing with the body unread resets the connection, and on a busy machine the reset can overtake the answer
        return new LocalCloudExtension.Response(400, java.util.Map.of(),
            "the HTTP layer refused a request line that is not a URI, and reset the connection before its 400 was read");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.path() + " (" + request.mutation() + ") failed: " + e, e);
    }
  }

  private static boolean isUri(String path) {
    try {
      new URI(path);
      return true;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static LocalCloudExtension.Response parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no HTTP response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new LocalCloudExtension.Response(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      // sizes count bytes; the bodies here are ASCII JSON or UTF-8 text that re-encodes to the same length
      byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
      String piece = new String(rest, 0, size, StandardCharsets.UTF_8);
      body.append(piece);
      at = lineEnd + 2 + piece.length() + 2;
    }
  }
}
