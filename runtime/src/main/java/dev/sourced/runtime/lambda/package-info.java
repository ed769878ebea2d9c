/**
 * The bases of the generated Lambda entry points. {@link dev.sourced.runtime.lambda.SourcedConfig} is
 * the one configuration type (environment variables set by the CDK stack, or the same names given by
 * the local cloud); {@link dev.sourced.runtime.lambda.CommandApi} turns API Gateway HTTP API (v2)
 * events into commands and responses.
 */
package dev.sourced.runtime.lambda;
