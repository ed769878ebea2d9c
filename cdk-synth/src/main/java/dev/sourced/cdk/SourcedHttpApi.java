package dev.sourced.cdk;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The application's one HTTP API (API Gateway HTTP API, payload format 2.0) carrying the command and
 * query routes. Every route is authorized: with IAM (SigV4) by default, or with a JWT authorizer
 * ({@link SourcedHttpApiProps#getJwtIssuer()} and {@code jwtAudience}). The {@code $default} stage is throttled (default 100
 * requests/s, bursts of 200) and writes JSON access logs to its own log group.
 */
public final class SourcedHttpApi extends Construct {
  private final HttpApi api;
  private final HttpStage stage;

  /** An HTTP API with the defaults: IAM authorization, 100 requests/s with bursts of 200, access logs kept a month. */
  public SourcedHttpApi(Construct scope, String id) {
    this(scope, id, SourcedHttpApiProps.builder().build());
  }

  public SourcedHttpApi(Construct scope, String id, SourcedHttpApiProps props) {
    super(scope, id);
    IHttpRouteAuthorizer authorizer = props.getJwtIssuer() == null
        ? new HttpIamAuthorizer()
        : new HttpJwtAuthorizer("Jwt", props.getJwtIssuer(), HttpJwtAuthorizerProps.builder().jwtAudience(props.getJwtAudience()).build());
    this.api = HttpApi.Builder.create(this, "Api")
        .description("Sourced commands and queries")
        .createDefaultStage(false)
        .defaultAuthorizer(authorizer)
        .build();
    LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs").retention(props.getAccessLogRetention())
        .removalPolicy(RemovalPolicy.DESTROY).build();
    LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
    this.stage = HttpStage.Builder.create(this, "Stage")
        .httpApi(api)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(ThrottleSettings.builder().rateLimit(props.getRateLimit()).burstLimit(props.getBurstLimit()).build())
        .accessLogSettings(new IAccessLogSettings() {
          @Override
          public IAccessLogDestination getDestination() {
            return destination;
          }

          @Override
          public AccessLogFormat getFormat() {
            return AccessLogFormat.jsonWithStandardFields();
          }
        })
        .build();
  }

  /**
   * Routes a request to a function (its alias), as an HTTP API Lambda integration.
   *
   * @param method e.g. {@code POST}
   * @param path e.g. {@code /shopping-cart/{cartId}/add-item}
   */
  public void route(String method, String path, IFunction function, String integrationId) {
    api.addRoutes(AddRoutesOptions.builder()
        .path(path)
        .methods(List.of(HttpMethod.valueOf(method)))
        .integration(integration(integrationId, function))
        .build());
  }

  /**
   * Routes a request to a function (its alias) with a route created in {@code scope}, e.g. the nested stack of the function:
   * the route, its integration and the function's permission to be invoked by the API count there, not in the API's stack.
   *
   * @param scope where the route is created
   * @param method e.g. {@code POST}
   * @param path e.g. {@code /shopping-cart/{cartId}/add-item}
   */
  public void route(Construct scope, String method, String path, IFunction function, String integrationId) {
    HttpRoute.Builder.create(scope, method + path)
        .httpApi(api)
        .routeKey(HttpRouteKey.with(path, HttpMethod.valueOf(method)))
        .integration(integration(integrationId, function))
        .build(); // authorized by the API's default authorizer, as the routes above
  }

  /**
   * @return an integration with the function whose invoke permission is the API's, for all its routes to that function: one
   *     statement in the function's resource policy rather than one per route, which would pass Lambda's 20 KB policy limit
   *     at a few dozen routes (an aggregate with many commands), and one resource fewer per route
   */
  private static HttpLambdaIntegration integration(String id, IFunction function) {
    return new HttpLambdaIntegration(id, function, HttpLambdaIntegrationProps.builder().scopePermissionToRoute(false).build());
  }

  public HttpApi api() {
    return api;
  }

  public HttpStage stage() {
    return stage;
  }

  /** @return the API's URL */
  public String url() {
    return stage.getUrl();
  }
}
