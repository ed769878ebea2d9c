package dev.sourced.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sourced.runtime.command.CommandBus;
import java.util.Map;

/**
 * Priming: running a function's request path once while its container initializes, without effect,
 * so that the classes it loads, the SDK's marshallers and the HTTP connection are ready for the first
 * real request. With SnapStart, initialization happens before the snapshot, so the primed state is what
 * every restored container starts from. Every step is best effort: a failure (a missing table, a
 * denied action) is left for the first real request to report.
 */
final class Priming {
  /** The id used in priming reads and requests: never written, and not a valid field name, so never decoded. */
  static final String ID = CommandBus.PRIMING_ID;
  /** A body every strict decoder rejects (an unknown field), so a priming request never reaches a handler that writes. */
  static final String REJECTED_BODY = "{\"" + ID + "\":true}";

  private Priming() {}

  static void bestEffort(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException ignored) {
      // priming only warms the path; the first real request reports what is wrong
    }
  }

  /**
   * @param method the route's method
   * @param template the route's path, e.g. {@code /shopping-cart/{cartId}/add-item}
   * @param body the body, or null
   * @return an HTTP API (v2) event for the route, with {@link #ID} for every path parameter
   */
  static APIGatewayV2HTTPEvent request(String method, String template, String body) {
    String path = template.replaceAll("\\{[^}]+}", ID);
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(method + " " + template)
        .withRawPath(path)
        .withRawQueryString("")
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRouteKey(method + " " + template)
            .withStage("$default")
            .withRequestId(ID)
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
            .build())
        .build();
  }
}
