package dev.sourced.processor.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an application of any size in the shopping-cart sample's style, for the tests and benchmarks
 * that prove the processor scales: per aggregate ({@code corpus.domain.OrderNNNN}) 3 command records
 * (one creates the aggregate), 3 event records and 3 event-sourcing handlers; per projection
 * ({@code corpus.views.OrderNNNNSummaryProjection}) a view record, 3 event handlers (of aggregate
 * {@code NNNN}'s events, modulo the aggregate count) and one query handler with its query record; per process manager
 * ({@code corpus.workflows.OrderNNNNShippingProcess}, when asked for) a state record, 2 event handlers of aggregate
 * {@code NNNN}'s events and a rejection handler of the command it sends (the aggregate's {@code ShipOrderNNNN}).
 * Output is deterministic: the same counts give the same files.
 */
public final class SampleStyleCorpus {
  /** The application name to pass as {@code -Asourced.app}. */
  public static final String APP = "corpus";

  /** The packages' common parent, where the processor writes the registry ({@code SourcedApp}) and codecs. */
  public static final String PACKAGE = "corpus";

  private static final String DOMAIN = PACKAGE + ".domain";
  private static final String VIEWS = PACKAGE + ".views";
  private static final String WORKFLOWS = PACKAGE + ".workflows";

  private SampleStyleCorpus() {}

  /** Arguments: the root folder, aggregates, projections; writes the sources there. */
  public static void main(String[] args) {
    int written = writeTo(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    System.out.println(written + " files under " + args[0]);
  }

  /**
   * @param aggregates how many aggregates, at least 1
   * @param projections how many projections
   * @return source text by qualified class name, sorted
   */
  public static Map<String, String> sources(int aggregates, int projections) {
    return sources(aggregates, projections, 0);
  }

  /**
   * @param aggregates how many aggregates, at least 1
   * @param projections how many projections
   * @param processManagers how many process managers
   * @return source text by qualified class name, sorted
   */
  public static Map<String, String> sources(int aggregates, int projections, int processManagers) {
    if (aggregates < 1 || projections < 0 || processManagers < 0) {
      throw new IllegalArgumentException("need at least one aggregate and no negative projection or process manager"
          + " count; found " + aggregates + " aggregates, " + projections + " projections and " + processManagers
          + " process managers");
    }
    Map<String, String> sources = new TreeMap<>();
    for (int i = 1; i <= aggregates; i++) {
      aggregate(id(i), sources);
    }
    for (int i = 1; i <= projections; i++) {
      projection(id(i), id((i - 1) % aggregates + 1), sources);
    }
    for (int i = 1; i <= processManagers; i++) {
      processManager(id(i), id((i - 1) % aggregates + 1), sources);
    }
    return sources;
  }

  /**
   * Writes the sources under {@code root} in the usual package folders.
   *
   * @return how many files were written
   */
  public static int writeTo(Path root, int aggregates, int projections) {
    Map<String, String> sources = sources(aggregates, projections);
    try {
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = root.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources.size();
  }

  /**
   * @return how many classes carry a Sourced annotation (aggregates and projections), the unit of the
   *     benchmark's "ms per annotated class"
   */
  public static int annotatedClasses(int aggregates, int projections) {
    return aggregates + projections;
  }

  private static String id(int i) {
    return String.format("%04d", i);
  }

  private static void aggregate(String n, Map<String, String> sources) {
    String order = "Order" + n;
    record(sources, DOMAIN, "PlaceOrder" + n, "Places order " + n + " for a customer.",
        "@AggregateId String orderId, String customerId", "dev.sourced.annotations.AggregateId");
    record(sources, DOMAIN, "AddLine" + n, "Adds units of a SKU to order " + n + ".",
        "@AggregateId String orderId, String sku, int quantity", "dev.sourced.annotations.AggregateId");
    record(sources, DOMAIN, "ShipOrder" + n, "Ships order " + n + ".",
        "@AggregateId String orderId", "dev.sourced.annotations.AggregateId");
    record(sources, DOMAIN, order + "Placed", "Order " + n + " was placed.", "String orderId, String customerId", null);
    record(sources, DOMAIN, order + "LineAdded", "Units were added to order " + n + ".",
        "String orderId, String sku, int quantity", null);
    record(sources, DOMAIN, order + "Shipped", "Order " + n + " was shipped.", "String orderId, String customerId", null);
    sources.put(DOMAIN + "." + order, """
        package %1$s;

        import dev.sourced.annotations.Aggregate;
        import dev.sourced.annotations.CommandHandler;
        import dev.sourced.annotations.EventSourcingHandler;
        import dev.sourced.api.DomainException;

        /** Order %2$s: placed once, lines added, shipped once. */
        @Aggregate
        public class Order%2$s {
          private String customerId;
          private int lines;
          private boolean shipped;

          @CommandHandler
          static Order%2$sPlaced place(PlaceOrder%2$s command) {
            return new Order%2$sPlaced(command.orderId(), command.customerId());
          }

          @CommandHandler
          Order%2$sLineAdded add(AddLine%2$s command) {
            requireOpen();
            if (command.quantity() < 1) {
              throw new DomainException("invalid-quantity", "quantity must be at least 1; found " + command.quantity());
            }
            return new Order%2$sLineAdded(command.orderId(), command.sku(), command.quantity());
          }

          @CommandHandler
          Order%2$sShipped ship(ShipOrder%2$s command) {
            requireOpen();
            if (lines == 0) {
              throw new DomainException("empty-order", "an empty order cannot be shipped");
            }
            return new Order%2$sShipped(command.orderId(), customerId);
          }

          @EventSourcingHandler
          void on(Order%2$sPlaced event) {
            customerId = event.customerId();
          }

          @EventSourcingHandler
          void on(Order%2$sLineAdded event) {
            lines++;
          }

          @EventSourcingHandler
          void on(Order%2$sShipped event) {
            shipped = true;
          }

          private void requireOpen() {
            if (shipped) {
              throw new DomainException("order-shipped", "the order is already shipped");
            }
          }
        }
        """.formatted(DOMAIN, n));
  }

  private static void projection(String n, String of, Map<String, String> sources) {
    record(sources, VIEWS, "GetOrder" + n + "Summary", "Reads one summary of order " + of + "'s kind.", "String orderId", null);
    record(sources, VIEWS, "Order" + n + "Summary", "One order of kind " + of + " at a glance.",
        "String orderId, String customerId, int lines, int units, boolean shipped", null);
    sources.put(VIEWS + ".Order" + n + "SummaryProjection", """
        package %1$s;

        import dev.sourced.annotations.EventHandler;
        import dev.sourced.annotations.Projection;
        import dev.sourced.annotations.QueryHandler;
        import dev.sourced.api.Views;
        import %2$s.Order%4$sLineAdded;
        import %2$s.Order%4$sPlaced;
        import %2$s.Order%4$sShipped;

        /** Keeps an {@link Order%3$sSummary} per order %4$s. */
        @Projection(name = "order%3$s-summary")
        public class Order%3$sSummaryProjection {

          @EventHandler
          Order%3$sSummary on(Order%4$sPlaced event) {
            return new Order%3$sSummary(event.orderId(), event.customerId(), 0, 0, false);
          }

          @EventHandler
          Order%3$sSummary on(Order%4$sLineAdded event, Order%3$sSummary summary) {
            return new Order%3$sSummary(summary.orderId(), summary.customerId(), summary.lines() + 1,
                summary.units() + event.quantity(), summary.shipped());
          }

          @EventHandler
          Order%3$sSummary on(Order%4$sShipped event, Order%3$sSummary summary) {
            return new Order%3$sSummary(summary.orderId(), summary.customerId(), summary.lines(), summary.units(), true);
          }

          @QueryHandler
          Order%3$sSummary get(GetOrder%3$sSummary query, Views<Order%3$sSummary> views) {
            return views.get(query.orderId());
          }
        }
        """.formatted(VIEWS, DOMAIN, n, of));
  }

  private static void processManager(String n, String of, Map<String, String> sources) {
    record(sources, WORKFLOWS, "Order" + n + "Shipping", "How far shipping an order of kind " + of + " got.",
        "String orderId, int lines", null);
    sources.put(WORKFLOWS + ".Order" + n + "ShippingProcess", """
        package %1$s;

        import dev.sourced.annotations.EventHandler;
        import dev.sourced.annotations.ProcessManager;
        import dev.sourced.annotations.RejectionHandler;
        import dev.sourced.api.DomainException;
        import dev.sourced.api.ProcessStep;
        import %2$s.Order%4$sLineAdded;
        import %2$s.Order%4$sPlaced;
        import %2$s.ShipOrder%4$s;

        /** Ships an order of kind %4$s once it has three lines. */
        @ProcessManager(name = "order%3$s-shipping", sends = ShipOrder%4$s.class)
        public class Order%3$sShippingProcess {

          @EventHandler
          ProcessStep<Order%3$sShipping> on(Order%4$sPlaced event) {
            return ProcessStep.of(new Order%3$sShipping(event.orderId(), 0));
          }

          @EventHandler
          ProcessStep<Order%3$sShipping> on(Order%4$sLineAdded event, Order%3$sShipping shipping) {
            if (shipping == null) {
              return ProcessStep.end();
            }
            Order%3$sShipping next = new Order%3$sShipping(shipping.orderId(), shipping.lines() + 1);
            return next.lines() < 3 ? ProcessStep.of(next)
                : ProcessStep.<Order%3$sShipping>end().send(new ShipOrder%4$s(next.orderId()));
          }

          @RejectionHandler
          ProcessStep<Order%3$sShipping> on(ShipOrder%4$s command, DomainException rejection, Order%3$sShipping shipping) {
            return ProcessStep.end();
          }
        }
        """.formatted(WORKFLOWS, DOMAIN, n, of));
  }

  private static void record(Map<String, String> sources, String pkg, String name, String doc, String components,
      String importName) {
    String imports = importName == null ? "" : "import " + importName + ";\n\n";
    sources.put(pkg + "." + name, "package " + pkg + ";\n\n" + imports + "/** " + doc + " */\npublic record " + name + "("
        + components + ") {}\n");
  }
}
