package dev.sourced.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

class SchedulerDeadlinesTest {
  @Test
  void theClientIsBuiltWhenFirstNeeded_once() {
    AtomicInteger built = new AtomicInteger();
    SchedulerDeadlines deadlines = new SchedulerDeadlines(() -> {
      built.incrementAndGet();
      return SchedulerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }, "group", "arn:aws-cn:sqs:cn-north-1:123456789012:deadlines", "arn:aws-cn:iam::123456789012:role/scheduler");
    assertThat(built).hasValue(0);

    SchedulerClient client = deadlines.client();

    assertThat(deadlines.client()).isSameAs(client);
    assertThat(built).hasValue(1);
    client.close();
  }

  @Test
  void theQueueIsNamedByTheArnTheDeploymentGives_notAUrl() {
    // an ARN is the deployment's own (in its partition); deriving one from a URL would guess the partition
    assertThatThrownBy(() -> new SchedulerDeadlines(() -> null, "group", "https://sqs.eu-west-1.amazonaws.com/123456789012/deadlines",
        "arn:aws:iam::123456789012:role/scheduler"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be given by its ARN");
  }
}
