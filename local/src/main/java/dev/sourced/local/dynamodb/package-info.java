/** DynamoDB Local as a server on a loopback port, for tests and the local cloud. */
package dev.sourced.local.dynamodb;
