/**
 * Test support for code that runs against DynamoDB: {@link
 * dev.sourced.runtime.testing.DynamoDbLocalExtension} starts DynamoDB Local once per test class. Published
 * as the runtime's test jar, so the test kit's own tests use the same set-up.
 */
package dev.sourced.runtime.testing;
