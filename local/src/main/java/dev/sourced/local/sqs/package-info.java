/** ElasticMQ as the local SQS, and a poller that delivers to a handler as Lambda's SQS event source mapping does. */
package dev.sourced.local.sqs;
