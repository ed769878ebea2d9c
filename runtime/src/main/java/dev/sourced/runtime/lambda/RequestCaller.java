package dev.sourced.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sourced.api.Caller;
import dev.sourced.runtime.CallerLimits;
import dev.sourced.runtime.process.ProcessManagerEngine;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who sent an HTTP API request, as the API's authorizer put it in the request context — never from a header,
 * which any client can set:
 *
 * <ul>
 *   <li>a JWT authorizer: {@code requestContext.authorizer.jwt.claims}; the principal is {@code sub}, and the
 *       claims are those the command's handler asked for ({@code @CommandHandler(claims = ...)});
 *   <li>IAM authorization: {@code requestContext.authorizer.iam}; the principal is {@code userArn} (the signer's
 *       ARN; {@code callerId} when API Gateway gave none);
 *   <li>neither: {@link Caller#ANONYMOUS}.
 * </ul>
 *
 * An identity beyond {@link CallerLimits} is refused, not truncated.
 *
 * @param caller who sent it, or {@code null} when it was refused
 * @param problem why it was refused, or {@code null}
 */
record RequestCaller(Caller caller, String problem) {
  /** The claim that names a JWT's subject. */
  static final String SUBJECT = "sub";

  /**
   * @param event the request
   * @param claims the claims the command's handler asked for
   * @return its caller, or why it cannot be accepted
   */
  static RequestCaller of(APIGatewayV2HTTPEvent event, List<String> claims) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context == null ? null : context.getAuthorizer();
    if (authorizer != null && authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
      Map<String, String> token = authorizer.getJwt().getClaims();
      String subject = token.get(SUBJECT);
      if (subject == null) {
        return refused("the JWT has no 'sub' claim");
      }
      Map<String, String> chosen = new TreeMap<>();
      for (String claim : claims) {
        String value = token.get(claim);
        if (value != null) {
          chosen.put(claim, value);
        }
      }
      return checked(subject, chosen, Caller.Kind.JWT);
    }
    if (authorizer != null && authorizer.getIam() != null) {
      APIGatewayV2HTTPEvent.RequestContext.IAM iam = authorizer.getIam();
      return checked(iam.getUserArn() != null ? iam.getUserArn() : iam.getCallerId(), Map.of(), Caller.Kind.IAM);
    }
    return new RequestCaller(Caller.ANONYMOUS, null);
  }

  private static RequestCaller checked(String principal, Map<String, String> claims, Caller.Kind kind) {
    // events record the principal without its kind: a token must not pass for a process manager, or for no caller
    if (principal != null && principal.startsWith(ProcessManagerEngine.CALLER_PREFIX)) {
      return refused("principals beginning '" + ProcessManagerEngine.CALLER_PREFIX + "' are the process managers' own");
    }
    if (Caller.ANONYMOUS_PRINCIPAL.equals(principal)) {
      return refused("the principal '" + Caller.ANONYMOUS_PRINCIPAL + "' is a request's without authorization");
    }
    String problem = CallerLimits.problem(principal, claims);
    return problem != null ? refused(problem) : new RequestCaller(new Caller(principal, kind, claims), null);
  }

  private static RequestCaller refused(String problem) {
    return new RequestCaller(null, "the caller's identity cannot be recorded: " + problem);
  }
}
