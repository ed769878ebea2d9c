package dev.sourced.samples.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The deployable bundle holds the app, the runtime and their dependencies: never tooling or test servers. */
class LambdaBundleIT {
  private static final List<String> FORBIDDEN = List.of(
      "software/amazon/awscdk/",                    // CDK
      "io/github/cdklabs/",                         // cdk-nag
      "software/amazon/jsii/",                      // CDK's JS bridge
      "software/constructs/",
      "dev/sourced/cdk/",                           // Sourced's constructs
      "dev/sourced/samples/cart/cdk/",              // the generated stack and CDK app
      "software/amazon/dynamodb/services/local/",   // DynamoDB Local
      "com/amazonaws/services/dynamodbv2/local/",
      "org/elasticmq/",                             // ElasticMQ
      "scala/",                                     // Scala (ElasticMQ's)
      "com/almworks/sqlite4java/",
      "dev/sourced/processor/",                     // the annotation processor
      "com/palantir/javapoet/",
      "dev/sourced/local/",                         // the test kit and local cloud
      "org/junit/",
      "org/assertj/");

  @Test
  void bundle_holdsTheAppAndRuntime_andNoToolingOrTestServers() throws IOException {
    Path bundle;
    try (var files = Files.list(Path.of("target"))) { // sourced:bundle writes target/<finalName>-lambda.jar
      bundle = files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst().orElseThrow();
    }
    List<String> entries = new ArrayList<>();
    try (JarFile jar = new JarFile(bundle.toFile())) {
      jar.stream().forEach(e -> entries.add(e.getName()));
    }
    assertThat(entries).contains(
        "dev/sourced/samples/cart/domain/SourcedLambdas$ShoppingCartCommandsLambda.class",
        "dev/sourced/samples/cart/SourcedApp.class",
        "dev/sourced/samples/cart/SourcedAppJson.class",
        "dev/sourced/runtime/lambda/CommandApi.class",
        "dev/sourced/runtime/lambda/EventPublisherLambda.class",
        "dev/sourced/samples/cart/views/SourcedLambdas$CartSummaryProjectionLambda.class",
        "dev/sourced/samples/cart/views/SourcedLambdas$CartSummaryQueriesLambda.class",
        "software/amazon/awssdk/services/eventbridge/EventBridgeClient.class",
        "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class",
        "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
        "com/amazonaws/services/lambda/runtime/RequestHandler.class",
        "META-INF/sourced/app-model.json");
    List<String> forbidden = entries.stream().filter(e -> FORBIDDEN.stream().anyMatch(e::startsWith)).toList();
    assertThat(forbidden).as("forbidden entries").isEmpty();
    assertThat(entries).noneMatch(e -> e.startsWith("software/amazon/awssdk/http/apache/") || e.startsWith("org/apache/http/"));
    long bytes = Files.size(bundle);
    System.out.printf("Lambda bundle %s: %d bytes (%.1f MiB), %d entries%n", bundle.getFileName(), bytes, bytes / 1048576.0,
        entries.size());
    Collections.sort(entries);
  }
}
