package dev.sourced.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

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
    }, "group", "https://sqs.us-east-1.amazonaws.com/123456789012/deadlines", "arn:aws:iam::123456789012:role/scheduler");
    assertThat(built).hasValue(0);

    SchedulerClient client = deadlines.client();

    assertThat(deadlines.client()).isSameAs(client);
    assertThat(built).hasValue(1);
    client.close();
  }

  @Test
  void aQueueUrlBecomesItsArn() {
    assertThat(SchedulerDeadlines.queueArn("https://sqs.eu-west-1.amazonaws.com/123456789012/deadlines"))
        .isEqualTo("arn:aws:sqs:eu-west-1:123456789012:deadlines");
  }
}
