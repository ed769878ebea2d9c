package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalContextTest {
  @Test
  void describesTheInvocationAsLambdaDoesBehindTheAliasLive() {
    LocalContext first = new LocalContext("shop-commands");
    LocalContext second = new LocalContext("shop-commands");
    assertThat(first.getAwsRequestId()).isNotEqualTo(second.getAwsRequestId()).hasSize(36);
    assertThat(first.getFunctionName()).isEqualTo("shop-commands");
    assertThat(first.getInvokedFunctionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:shop-commands:live");
    assertThat(first.getLogGroupName()).isEqualTo("/aws/lambda/shop-commands");
    assertThat(first.getMemoryLimitInMB()).isEqualTo(1024);
    assertThat(first.getRemainingTimeInMillis()).isBetween(1, 30_000);
  }
}
