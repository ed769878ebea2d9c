package dev.sourced.bench;

import static dev.sourced.bench.ColdStartProbe.ms;

import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.spi.SourcedApplication;
import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM by {@link ProcessorBench} on the compiled {@code SampleStyleCorpus}: what the application costs a
 * function when its container starts. It takes the registry ({@code SourcedApp.INSTANCE}) and codecs
 * ({@code SourcedAppJson.INSTANCE}) as every generated Lambda does, builds the command bus of the first aggregate
 * ({@code Order0001}, on an in-memory event store: the AWS SDK's part is {@link ColdStartBench}'s) and handles its
 * first command, which reads the command, runs the handler, checks and encodes the event. Then it walks the whole
 * application, every list of the registry and every record's codec, as tools do (the local cloud, the CDK stack), and
 * prints the time of each part and the classes loaded after the first command as a {@code BENCH} JSON line.
 * Argument: the package of the generated classes.
 */
public final class RegistryStartProbe {
  private RegistryStartProbe() {}

  public static void main(String[] args) throws Exception {
    String appPackage = args[0];
    long start = System.nanoTime();
    SourcedApplication app = (SourcedApplication) Class.forName(appPackage + ".SourcedApp").getField("INSTANCE").get(null);
    JsonCodecs codecs = (JsonCodecs) Class.forName(appPackage + ".SourcedAppJson").getField("INSTANCE").get(null);
    long instances = System.nanoTime();

    Class<?> aggregate = Class.forName(appPackage + ".domain.Order0001");
    CommandBus<?> bus = CommandBus.builder(app, aggregate).codecs(codecs).eventStore(new InMemoryEventStore()).build();
    Class<? extends Record> place = Class.forName(appPackage + ".domain.PlaceOrder0001").asSubclass(Record.class);
    Record command = codecs.fromJson(place, "{\"orderId\":\"o-1\",\"customerId\":\"c-1\"}");
    CommandResult result = bus.handle(command, CommandOptions.NONE);
    long firstCommand = System.nanoTime();
    if (result.events().size() != 1) {
      throw new IllegalStateException("expected one event from " + command + "; got " + result.events());
    }
    long loaded = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();

    int definitions = app.aggregates().size() + app.events().size() + app.projections().size() + app.queries().size();
    app.events().forEach(event -> codecs.codec(event.type()));
    app.aggregates().forEach(a -> a.commands().forEach(c -> codecs.codec(c.type())));
    app.projections().forEach(p -> {
      if (p.viewType() != null) {
        codecs.codec(p.viewType());
      }
    });
    app.queries().forEach(q -> codecs.codec(q.type()));
    long everything = System.nanoTime();
    System.out.println("BENCH {\"registryMs\":" + ms(instances - start) + ",\"firstCommandMs\":" + ms(firstCommand - instances)
        + ",\"loadedClasses\":" + loaded + ",\"everythingMs\":" + ms(everything - firstCommand) + ",\"definitions\":"
        + definitions + ",\"loadedClassesAfterEverything\":"
        + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() + "}");
  }
}
