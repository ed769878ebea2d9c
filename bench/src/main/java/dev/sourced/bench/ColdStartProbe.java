package dev.sourced.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sourced.bench.axon.AxonCart;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.samples.cart.domain.SourcedLambdas.ShoppingCartCommandsLambda;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * One cold start, in a fresh JVM started by {@link ColdStartBench}: set up one variant, handle two
 * commands (open a cart, add an item), and print one line {@code BENCH {…}} with the timings:
 * JVM start → {@code main}, set-up, first and second command, JVM start → second result, and the
 * classes loaded by then.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  /** What a variant does: set up, then run the first and second command. */
  interface Variant {
    void setUp() throws Exception;

    void first(String cartId) throws Exception;

    void second(String cartId) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    long t0 = System.nanoTime();
    String name = args[0];
    String cartId = args[1];
    Variant variant = switch (name) {
      case "sourced-lambda", "sourced-lambda-unprimed", "sourced-lambda-on-demand", "sourced-lambda-default-jit" -> new SourcedLambda();
      case "sourced-command-bus" -> new SourcedCommandBus();
      case "axon" -> new Axon();
      default -> throw new IllegalArgumentException("unknown variant " + name);
    };
    variant.setUp();
    long t1 = System.nanoTime();
    variant.first(cartId);
    long t2 = System.nanoTime();
    variant.second(cartId);
    long t3 = System.nanoTime();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long total = mainAt - jvmStart + (t3 - t0) / 1_000_000;
    System.out.println("BENCH {\"variant\":\"" + name + "\""
        + ",\"java\":\"" + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "\""
        + ",\"jvmStartToMainMs\":" + (mainAt - jvmStart)
        + ",\"setUpMs\":" + ms(t1 - t0)
        + ",\"firstCommandMs\":" + ms(t2 - t1)
        + ",\"secondCommandMs\":" + ms(t3 - t2)
        + ",\"jvmStartToSecondResultMs\":" + total
        + ",\"loadedClasses\":" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
        + "}");
    System.exit(0);
  }

  /** @return nanoseconds as milliseconds, to two decimals */
  static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  /** The generated command Lambda as Lambda runs it: constructed once, then invoked with HTTP API events. */
  static final class SourcedLambda implements Variant {
    private ShoppingCartCommandsLambda lambda;

    @Override
    public void setUp() {
      lambda = new ShoppingCartCommandsLambda();
    }

    @Override
    public void first(String cartId) {
      expect(201, lambda.handleRequest(event(cartId, "open-cart", "{\"cartId\":\"" + cartId + "\",\"customerId\":\"bench\"}"), null));
    }

    @Override
    public void second(String cartId) {
      expect(200, lambda.handleRequest(event(cartId, "add-item", "{\"cartId\":\"" + cartId + "\",\"sku\":\"apple\",\"quantity\":2}"), null));
    }

    private static void expect(int status, APIGatewayV2HTTPResponse response) {
      if (response.getStatusCode() != status) {
        throw new IllegalStateException("expected " + status + ", got " + response.getStatusCode() + " " + response.getBody());
      }
    }

    private static APIGatewayV2HTTPEvent event(String cartId, String command, String body) {
      String route = "/shopping-cart/{cartId}/" + command;
      String path = "/shopping-cart/" + cartId + "/" + command;
      return APIGatewayV2HTTPEvent.builder()
          .withVersion("2.0")
          .withRouteKey("POST " + route)
          .withRawPath(path)
          .withHeaders(Map.of("content-type", "application/json"))
          .withPathParameters(Map.of("cartId", cartId))
          .withBody(body)
          .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
              .withRouteKey("POST " + route)
              .withStage("$default")
              .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
              .build())
          .build();
    }
  }

  /** Sourced's command bus (the Lambda's core: generated dispatcher, applier, codecs) on an in-memory store. */
  static final class SourcedCommandBus implements Variant {
    private CommandBus<ShoppingCart> bus;

    @Override
    public void setUp() {
      bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class)
          .codecs(SourcedAppJson.INSTANCE)
          .eventStore(new InMemoryEventStore())
          .cachedStreams(0) // each command loads its cart, as Axon's repository does: framework against framework
          .build();
    }

    @Override
    public void first(String cartId) {
      bus.handle(new OpenCart(cartId, "bench"), CommandOptions.NONE);
    }

    @Override
    public void second(String cartId) {
      bus.handle(new AddItem(cartId, "apple", 2), CommandOptions.NONE);
    }
  }

  /** The baseline: the same cart on Axon Framework 4, its in-memory storage engine and the Jackson serializer. */
  static final class Axon implements Variant {
    private Configuration configuration;
    private CommandGateway gateway;

    @Override
    public void setUp() {
      configuration = DefaultConfigurer.defaultConfiguration()
          .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
          .configureSerializer(c -> JacksonSerializer.defaultSerializer())
          .configureAggregate(AxonCart.class)
          .buildConfiguration();
      configuration.start();
      gateway = configuration.commandGateway();
    }

    @Override
    public void first(String cartId) {
      gateway.sendAndWait(new AxonCart.OpenCartCommand(cartId, "bench"));
    }

    @Override
    public void second(String cartId) {
      gateway.sendAndWait(new AxonCart.AddItemCommand(cartId, "apple", 2));
    }
  }
}
