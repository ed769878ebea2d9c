/**
 * Step Functions in the local cloud: the same Amazon States Language definition the CDK stack deploys runs in
 * <a href="https://github.com/nibble-4bits/aws-local-stepfunctions">aws-local-stepfunctions</a> on Node.js
 * ({@link dev.sourced.local.stepfunctions.NodeRuntime} finds or provisions both), one node process running every
 * execution, and its Task states' direct Lambda function ARNs are invoked through a local Lambda {@code Invoke} endpoint
 * ({@link dev.sourced.local.stepfunctions.LambdaInvokeEndpoint}) that calls Java. Start with
 * {@link dev.sourced.local.stepfunctions.LocalStepFunctions}.
 */
package dev.sourced.local.stepfunctions;
