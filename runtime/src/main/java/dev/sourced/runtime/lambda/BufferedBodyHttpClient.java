package dev.sourced.runtime.lambda;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The URL-connection HTTP client, handing it each request without its {@code Content-Length} header, so that the JDK's
 * {@code HttpURLConnection} sends the body from memory rather than streaming it, and reuses a kept-alive connection
 * without first probing it for a millisecond.
 *
 * <p>Why: the SDK's URL-connection client puts every request with a {@code Content-Length} in fixed-length streaming
 * mode. Before the JDK reuses a kept-alive connection for a streamed {@code POST} (every DynamoDB, SQS, EventBridge and
 * Scheduler call is one), it checks that the server has not closed it: it sets the socket's read timeout to 1 ms and
 * reads, and the read of a live connection waits out that millisecond and throws a {@code SocketTimeoutException}
 * ({@code sun.net.www.http.HttpClient.available()}, the same for HTTPS). So every call but a connection's first waited
 * about a millisecond before it was sent: on DynamoDB Local a {@code GetItem} took 1.7 ms instead of 0.5 ms
 * (docs/benchmarks.md, "A millisecond per call"). Without the header the connection buffers the body, which the SDK
 * holds in memory anyway for these services, and sets the same {@code Content-Length} itself; the signature, made
 * before the request reaches the HTTP client, is unchanged. A kept-alive connection the server has closed in the
 * meantime is then found out by the send itself, which the JDK repeats once on a new connection (it does so for a body
 * it holds whenever a connection fails before the answer begins; an append that finds itself already stored counts as
 * done, see {@code DynamoDbEventStore}).
 *
 * <p>Bodies above {@link #MAX_BUFFERED_BYTES}, and requests without a {@code Content-Length} (chunked), are handed over
 * unchanged, and streamed as before.
 */
public final class BufferedBodyHttpClient implements SdkHttpClient {
  /** The largest body sent from memory: as large as any request these services take (DynamoDB's BatchWriteItem, 16 MB). */
  public static final long MAX_BUFFERED_BYTES = 16L * 1024 * 1024;

  private static final String CONTENT_LENGTH = "Content-Length";

  private final SdkHttpClient delegate;

  private BufferedBodyHttpClient(SdkHttpClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** @return a builder of the URL-connection client, decorated; give it to a client builder's {@code httpClientBuilder} */
  public static SdkHttpClient.Builder<?> builder() {
    return new Builder(UrlConnectionHttpClient.builder());
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return delegate.prepareRequest(withoutContentLength(request));
  }

  /**
   * @param request as the SDK hands it over
   * @return the same request without its {@code Content-Length} header, where its body is sent from memory
   */
  static HttpExecuteRequest withoutContentLength(HttpExecuteRequest request) {
    SdkHttpRequest http = request.httpRequest();
    Optional<String> length = http.firstMatchingHeader(CONTENT_LENGTH);
    if (length.isEmpty() || request.contentStreamProvider().isEmpty() || !buffered(length.get())) {
      return request;
    }
    HttpExecuteRequest.Builder copy = HttpExecuteRequest.builder()
        .request(http.toBuilder().removeHeader(CONTENT_LENGTH).build())
        .contentStreamProvider(request.contentStreamProvider().get());
    request.metricCollector().ifPresent(copy::metricCollector);
    return copy.build();
  }

  private static boolean buffered(String contentLength) {
    try {
      long bytes = Long.parseLong(contentLength.trim());
      return bytes >= 0 && bytes <= MAX_BUFFERED_BYTES;
    } catch (NumberFormatException e) {
      return false; // the delegate reports it, as it would have
    }
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Builds the decorated client with the service's defaults (timeouts), as the delegate's builder would. */
  private static final class Builder implements SdkHttpClient.Builder<Builder> {
    private final SdkHttpClient.Builder<?> delegate;

    private Builder(SdkHttpClient.Builder<?> delegate) {
      this.delegate = delegate;
    }

    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return new BufferedBodyHttpClient(delegate.buildWithDefaults(serviceDefaults));
    }
  }
}
