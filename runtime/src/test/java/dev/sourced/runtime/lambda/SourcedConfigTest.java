package dev.sourced.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/** Which credentials provider a client without an endpoint override gets; where SQS's MD5 checks are off. */
class SourcedConfigTest {
  private static final Map<String, String> LAMBDA_ENVIRONMENT = Map.of(
      "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token");

  @Test
  void credentialsInTheEnvironment_areReadThereDirectly() {
    assertThat(SourcedConfig.credentialsProvider(LAMBDA_ENVIRONMENT::get, name -> null))
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
  }

  @Test
  void withoutThem_theDefaultChainLooks() {
    // SnapStart: a restored container gets its credentials from the container credentials endpoint
    assertThat(SourcedConfig.credentialsProvider(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/creds")::get,
        name -> null)).isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(SourcedConfig.credentialsProvider(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE")::get, name -> null))
        .isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void systemPropertiesTheDefaultChainPrefers_keepTheDefaultChain() {
    Map<String, String> properties = Map.of("aws.accessKeyId", "AKIAEXAMPLE", "aws.secretAccessKey", "secret");
    assertThat(SourcedConfig.credentialsProvider(LAMBDA_ENVIRONMENT::get, properties::get))
        .isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void onlyALoopbackEndpoint_turnsTheSqsMd5ChecksOff() {
    assertThat(SourcedConfig.isLoopback(java.net.URI.create("http://127.0.0.1:9324"))).isTrue();
    assertThat(SourcedConfig.isLoopback(java.net.URI.create("http://localhost:9324"))).isTrue();
    assertThat(SourcedConfig.isLoopback(java.net.URI.create("http://[::1]:9324"))).isTrue();
    assertThat(SourcedConfig.isLoopback(java.net.URI.create("https://vpce-0123-abcd.sqs.us-east-1.vpce.amazonaws.com"))).isFalse();
    assertThat(SourcedConfig.isLoopback(java.net.URI.create("https://sqs-fips.us-east-1.amazonaws.com"))).isFalse();
    assertThat(SourcedConfig.isLoopback(null)).isFalse();
  }

  @Test
  void fromEnvironment_startsTheTlsWarmUpOncePerJvm_whichBuildsTheClientsHttpClient() {
    SourcedConfig.fromEnvironment();
    assertThat(TlsWarmUp.started()).isTrue();
    assertThat(TlsWarmUp.startOnce()).isNull(); // started already: one per JVM
    assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(TlsWarmUp.THREAD_NAME)))
        .allMatch(Thread::isDaemon)
        .hasSizeLessThanOrEqualTo(1);
    assertThat(TlsWarmUp.run()).isTrue();
  }
}
