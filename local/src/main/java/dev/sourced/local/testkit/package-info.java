/**
 * Given/when/then fixtures that run an application's generated dispatchers in memory: {@link
 * dev.sourced.local.testkit.AggregateFixture} for command handling and {@link
 * dev.sourced.local.testkit.ProjectionFixture} for views and queries. They use the same decision code as
 * the runtime, so a command the fixture accepts is one the deployed Lambda accepts.
 */
package dev.sourced.local.testkit;
