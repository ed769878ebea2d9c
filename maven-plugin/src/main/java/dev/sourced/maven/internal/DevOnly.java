package dev.sourced.maven.internal;

import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;

/**
 * Dependencies that serve development (synthesis, the local cloud, compilation, tests) and must never reach Lambda.
 * They belong in test scope, where the Lambda bundle, built from runtime scope, never sees them.
 */
public final class DevOnly {
  /** groupId, or groupId:artifactId, and what it is. */
  private static final List<String[]> KNOWN = List.of(
      new String[] {"dev.sourced:sourced-cdk", "Sourced's CDK constructs"},
      new String[] {"dev.sourced:sourced-local", "the local cloud and test kit"},
      new String[] {"dev.sourced:sourced-processor", "the annotation processor"},
      new String[] {"software.amazon.awscdk", "the AWS CDK"},
      new String[] {"software.constructs", "the CDK's constructs"},
      new String[] {"software.amazon.jsii", "the CDK's JavaScript bridge"},
      new String[] {"io.github.cdklabs", "cdk-nag"},
      new String[] {"software.amazon.dynamodb:DynamoDBLocal", "DynamoDB Local"},
      new String[] {"org.elasticmq", "ElasticMQ"},
      new String[] {"org.junit.jupiter", "JUnit"},
      new String[] {"org.assertj", "AssertJ"});

  private DevOnly() {}

  /** @return what the artifact is, when it is development-only */
  public static Optional<String> describe(Artifact artifact) {
    for (String[] known : KNOWN) {
      String id = known[0];
      if (id.contains(":") ? id.equals(artifact.getGroupId() + ":" + artifact.getArtifactId()) : id.equals(artifact.getGroupId())) {
        return Optional.of(known[1]);
      }
    }
    return Optional.empty();
  }
}
