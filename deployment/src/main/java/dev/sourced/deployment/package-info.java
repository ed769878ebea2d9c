/**
 * The one description of what a Sourced application deploys, computed from its generated registry
 * ({@link dev.sourced.deployment.Deployment#of(dev.sourced.spi.SourcedApplication)}) or, in the
 * processor, from an {@link dev.sourced.deployment.AppOutline}: every function (name, kind, handler,
 * environment, timeout, memory, trigger, permissions as action/resource pairs), table (keys, stream,
 * time to live, point-in-time recovery), queue and dead-letter queue, EventBridge rule (its pattern,
 * built once) and HTTP route. The CDK constructs turn it into CloudFormation, the local cloud creates
 * the same resources on its emulators, the least-privilege check compares recorded calls with its
 * permissions, and {@code app-model.json} carries it serialized. Nothing else keeps such a list.
 */
package dev.sourced.deployment;
