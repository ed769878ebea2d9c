/** The description as AWS SDK requests, for code that creates resources through the SDK (the local cloud, tests); the SDK is a compile-only dependency. */
package dev.sourced.deployment.dynamodb;
