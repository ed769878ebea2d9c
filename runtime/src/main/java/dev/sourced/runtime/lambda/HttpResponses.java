package dev.sourced.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sourced.runtime.json.JsonCodecs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON responses for API Gateway HTTP APIs. */
public final class HttpResponses {
  private HttpResponses() {}

  /** @return a JSON response */
  public static APIGatewayV2HTTPResponse json(int status, String body, String correlationId) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(Map.of("content-type", "application/json", "x-correlation-id", correlationId))
        .withBody(body)
        .build();
  }

  /**
   * @return an error response {@code {"code", "message", "path"?, "correlationId"}}
   */
  public static APIGatewayV2HTTPResponse error(int status, String code, String message, String path, String correlationId) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("code", code);
      g.writeStringField("message", message);
      if (path != null) {
        g.writeStringField("path", path);
      }
      g.writeStringField("correlationId", correlationId);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json(status, out.toString(), correlationId);
  }
}
