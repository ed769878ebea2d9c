package dev.sourced.cdk;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
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
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The application's one HTTP API (API Gateway HTTP API, payload format 2.0) carrying the command and
 * query routes. Every route is authorized: with IAM (SigV4) by default, or with a JWT authorizer
 * ({@code jwtIssuer} + {@code jwtAudience}). The {@code $default} stage is throttled (default 100
 * requests/s, bursts of 200) and writes JSON access logs to its own log group.
 */
public final class SourcedHttpApi extends Construct {
  private final HttpApi api;
  private final HttpStage stage;

  /** Settings of the {@link SourcedHttpApi}; all optional. */
  public static final class Props {
    private String jwtIssuer;
    private List<String> jwtAudience = List.of();
    private Number rateLimit = 100;
    private Number burstLimit = 200;
    private RetentionDays accessLogRetention = RetentionDays.ONE_MONTH;

    public static Props builder() {
      return new Props();
    }

    /** @param issuer with {@link #jwtAudience}: authorize with JWTs of this issuer instead of IAM */
    public Props jwtIssuer(String issuer) {
      this.jwtIssuer = issuer;
      return this;
    }

    /** @param audience the accepted {@code aud} values */
    public Props jwtAudience(List<String> audience) {
      this.jwtAudience = List.copyOf(audience);
      return this;
    }

    /** @param rateLimit steady requests per second; default 100 */
    public Props rateLimit(Number rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    /** @param burstLimit default 200 */
    public Props burstLimit(Number burstLimit) {
      this.burstLimit = burstLimit;
      return this;
    }

    /** @param retention of the access logs; default one month */
    public Props accessLogRetention(RetentionDays retention) {
      this.accessLogRetention = retention;
      return this;
    }

    public Props build() {
      return this;
    }
  }

  public SourcedHttpApi(Construct scope, String id, Props props) {
    super(scope, id);
    IHttpRouteAuthorizer authorizer = props.jwtIssuer == null
        ? new HttpIamAuthorizer()
        : new HttpJwtAuthorizer("Jwt", props.jwtIssuer, HttpJwtAuthorizerProps.builder().jwtAudience(props.jwtAudience).build());
    this.api = HttpApi.Builder.create(this, "Api")
        .description("Sourced commands and queries")
        .createDefaultStage(false)
        .defaultAuthorizer(authorizer)
        .build();
    LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs").retention(props.accessLogRetention)
        .removalPolicy(RemovalPolicy.DESTROY).build();
    LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
    this.stage = HttpStage.Builder.create(this, "Stage")
        .httpApi(api)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(ThrottleSettings.builder().rateLimit(props.rateLimit).burstLimit(props.burstLimit).build())
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
        .integration(new HttpLambdaIntegration(integrationId, function))
        .build());
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
