package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.deployment.AppOutline;
import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.FunctionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalContextTest {
  @Test
  void describesTheInvocationAsLambdaDoesBehindTheAliasLive() {
    FunctionSpec commands = Deployment.of(new AppOutline("shop", List.of(new AppOutline.Aggregate("shop", "shop", List.of("Shop"), false,
        List.of(new AppOutline.Endpoint("POST", "/shop/{id}/open")))), List.of())).function("shop-commands");
    LocalContext first = new LocalContext(commands);
    LocalContext second = new LocalContext(commands);
    assertThat(first.getAwsRequestId()).isNotEqualTo(second.getAwsRequestId()).hasSize(36);
    assertThat(first.getFunctionName()).isEqualTo("shop-commands");
    assertThat(first.getInvokedFunctionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:shop-commands:live");
    assertThat(first.getLogGroupName()).isEqualTo("/aws/lambda/shop-commands");
    assertThat(first.getMemoryLimitInMB()).isEqualTo(1024);
    assertThat(first.getRemainingTimeInMillis()).isBetween(1, 10_000);
  }
}
