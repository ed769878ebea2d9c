package dev.sourced.local;

import dev.sourced.runtime.lambda.BufferedBodyHttpClient;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * How every SDK client of a local server is set up: its endpoint, us-east-1, dummy credentials, and the HTTP client the
 * functions use ({@link BufferedBodyHttpClient}).
 */
public final class LocalClients {
  private LocalClients() {}

  /**
   * @param builder e.g. {@code DynamoDbClient.builder()}
   * @param endpoint the local server
   * @return the builder, pointed at the local server
   */
  public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B pointedAt(B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(BufferedBodyHttpClient.builder());
  }
}
