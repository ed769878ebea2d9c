package dev.sourced.samples.cart.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sourced.cdk.SourcedStack;
import dev.sourced.samples.cart.SourcedApp;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The sample's {@link SourcedStack}, built from its registry's deployment description as {@code SourcedCdkApp}
 * builds it, synthesized once: cdk-nag's AwsSolutions checks find
 * nothing unsuppressed, its routes and pipelines follow the app model, and its template equals the
 * committed, normalized snapshot (asset hashes masked), so every change to it shows in review.
 * Update the snapshot with {@code -Dsnapshot.update=true}.
 */
class ShoppingCartStackTest {
  private static final Path SNAPSHOT = Path.of("src/test/resources/cdk/ShoppingCart.template.json");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  static Path bundle;
  static SourcedStack stack;
  static Template template;

  @BeforeAll
  static void synth() throws Exception {
    bundle = Files.createTempDirectory("bundle").resolve("shopping-cart-lambda.jar");
    Files.writeString(bundle, "stand-in for the bundle");
    App app = new App();
    stack = new SourcedStack(app, "ShoppingCart", StackProps.builder().build(),
        SourcedStack.backendProps(SourcedApp.INSTANCE).code(Code.fromAsset(bundle.toString())).build());
    Aspects.of(app).add(new AwsSolutionsChecks());
    template = Template.fromStack(stack);
  }

  @Test
  void cdkNagAwsSolutionsFindsNothingUnsuppressed() {
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void followsTheAppModel() {
    template.resourceCountIs("AWS::ApiGatewayV2::Route", 6);
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "POST /shopping-cart/{cartId}/add-item",
        "AuthorizationType", "AWS_IAM", "Target", Match.anyValue(), "ApiId", Match.anyValue()));
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("EventPattern", Map.of(
        "source", List.of("shopping-cart"), "detail-type", List.of("CartCheckedOut", "CartOpened")))));
    // commands, publisher, and per projection its function, queries and replay reader
    template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of("Runtime", "java25")), 8);
    template.resourceCountIs("AWS::StepFunctions::StateMachine", 2);
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.sourced.samples.cart.domain.SourcedLambdas$ShoppingCartCommandsLambda::handleRequest")));
    // events, snapshots (the cart snapshots), two projection tables
    template.resourceCountIs("AWS::DynamoDB::Table", 4);
    template.allResources("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
  }

  @Test
  void templateEqualsTheCommittedSnapshot() throws Exception {
    String actual = JSON.writeValueAsString(JSON.readTree(JSON.writeValueAsString(template.toJSON())))
        .replaceAll("[0-9a-f]{64}(\\.jar|\\.zip)?", "<asset-hash>$1") + "\n";
    if (Boolean.getBoolean("snapshot.update")) {
      Files.createDirectories(SNAPSHOT.getParent());
      Files.writeString(SNAPSHOT, actual);
    }
    assertThat(actual).as("template differs from %s; review and run with -Dsnapshot.update=true", SNAPSHOT)
        .isEqualTo(Files.readString(SNAPSHOT));
  }
}
