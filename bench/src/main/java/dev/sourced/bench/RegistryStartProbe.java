package dev.sourced.bench;

import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM by {@link ProcessorBench}: builds a compiled application's registry ({@code SourcedApp.INSTANCE})
 * and codecs ({@code SourcedAppJson.INSTANCE}), as every generated Lambda does when its container starts, and prints the
 * time each took and the classes loaded as a {@code BENCH} JSON line. Argument: the package of the generated classes.
 */
public final class RegistryStartProbe {
  private RegistryStartProbe() {}

  public static void main(String[] args) throws Exception {
    String appPackage = args[0];
    long start = System.nanoTime();
    Object registry = Class.forName(appPackage + ".SourcedApp").getField("INSTANCE").get(null);
    long registryBuilt = System.nanoTime();
    Object codecs = Class.forName(appPackage + ".SourcedAppJson").getField("INSTANCE").get(null);
    long codecsBuilt = System.nanoTime();
    if (registry == null || codecs == null) {
      throw new IllegalStateException("no registry or codecs in " + appPackage);
    }
    System.out.println("BENCH {\"registryMs\":" + ms(registryBuilt - start) + ",\"codecsMs\":" + ms(codecsBuilt - registryBuilt)
        + ",\"loadedClasses\":" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() + "}");
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
