package dev.sourced.samples.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.DeploymentTree;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The deployment in {@code app-model.json}, which the processor computed at compile time from its model, is
 * the one the CDK stack and the local cloud compute from the generated registry: one description, serialized.
 */
class DeploymentDescriptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void appModelCarriesTheDeploymentTheRegistryDescribes() throws Exception {
    JsonNode written;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/sourced/app-model.json")) {
      written = JSON.readTree(in).get("deployment");
    }
    // through text, so numbers compare by value (the tree holds longs where the file reads back ints)
    JsonNode computed = JSON.readTree(JSON.writeValueAsString(DeploymentTree.of(Deployment.of(SourcedApp.INSTANCE))));

    assertThat(written).isEqualTo(computed);
    // commands, publisher, and per projection (2) its function, queries and replay reader
    assertThat(written.get("functions").size()).isEqualTo(8);
    assertThat(written.get("workflows").size()).isEqualTo(2);
  }
}
