/**
 * The one description of an application's cloud resources — tables, queues, dead-letter queues,
 * EventBridge rule patterns and their settings — computed from the generated registry. The CDK stack
 * and the local cloud both build from it, so they cannot drift apart.
 */
package dev.sourced.runtime.topology;
