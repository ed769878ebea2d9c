package dev.sourced.local.stepfunctions;

/**
 * Runs a Lambda function locally, for the {@link LambdaInvokeEndpoint}: what Lambda's {@code Invoke} does in AWS.
 * Called on many threads at once (a {@code Map} state invokes its iterations concurrently), as Lambda runs
 * concurrent invocations.
 */
@FunctionalInterface
public interface FunctionInvoker {
  /**
   * @param functionName the function's name, without ARN or qualifier, e.g. {@code shopping-cart-replay}
   * @param payloadJson the invocation's payload (JSON)
   * @return the function's result (JSON), or null for none
   * @throws NoSuchFunctionException when there is no function by that name (Lambda's {@code ResourceNotFoundException})
   * @throws Exception an unhandled function error: the state machine sees a task failing with the exception's
   *     class name as its error, as for a Java function in AWS Lambda
   */
  String invoke(String functionName, String payloadJson) throws Exception;
}
