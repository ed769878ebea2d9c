package dev.sourced.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sourced.local.dynamodb.LocalDynamoDb;
import dev.sourced.samples.cart.domain.SourcedLambdas.ShoppingCartCommandsLambda;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Cold starts in fresh JVMs, each variant {@code runs} times, interleaved so that drift on a shared
 * machine hits all alike, after one discarded warm-up run each. Every JVM runs with the serial GC
 * and a 512 MB heap; all but {@code sourced-lambda-default-jit} with the C1-only JIT the stack sets in
 * {@code JAVA_TOOL_OPTIONS}. The Lambda variants run on the class path Lambda gives the function, the sample's bundle
 * ({@code shopping-cart-<version>-lambda.jar}) extracted as Lambda extracts it, with the bench's own classes in front for
 * the probe, when the build has made it, and on the bench's class path otherwise (the report says which). They prime their request path at set-up (the default)
 * but {@code sourced-lambda-unprimed} ({@code SOURCED_PRIME=false}) and {@code sourced-lambda-on-demand}, which sees the
 * environment Lambda gives an on-demand container: {@code AWS_LAMBDA_INITIALIZATION_TYPE=on-demand}, the region and
 * (dummy) credentials in environment variables, and no Sourced endpoint override (the SDK's own
 * {@code AWS_ENDPOINT_URL_DYNAMODB} points it at DynamoDB Local). The Lambda variants talk to a DynamoDB Local this
 * process runs; the command-bus and Axon variants keep events in memory, so they compare framework against framework, each
 * on the entries of the bench's class path it loads classes from (see {@link #ownClassPath}).
 * Writes {@code <out>/cold-start.json} (every sample, medians, ratios) and prints a summary.
 *
 * <p>Arguments: {@code runs} (default 15), {@code out} (default {@code target/bench}). System property
 * {@code bench.java}: the Java home the probes run on (default this JVM's), e.g. a Java 25 JDK, the
 * runtime the stack deploys.
 */
public final class ColdStartBench {
  private static final String TABLE = "bench-events";
  private static final List<String> C1 = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
  private static final List<String> METRICS = List.of("jvmStartToMainMs", "setUpMs", "firstCommandMs", "secondCommandMs",
      "jvmStartToSecondResultMs", "processMs", "loadedClasses");

  private ColdStartBench() {}

  /**
   * @param name the variant
   * @param flags JVM flags and system properties
   * @param environment environment variables set for the probe
   * @param lambda whether it runs the Lambda entry point, on the bundle's class path if there is one
   */
  record Variant(String name, List<String> flags, Map<String, String> environment, boolean lambda) {
    Variant(String name, List<String> flags) {
      this(name, flags, Map.of(), false);
    }

    static Variant lambda(String name, List<String> flags, Map<String, String> environment) {
      return new Variant(name, flags, environment, true);
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    LambdaClassPath lambdaClassPath = LambdaClassPath.find(out);
    try (LocalDynamoDb dynamoDb = LocalDynamoDb.start()) {
      dynamoDb.createEventTable(TABLE);
      List<String> table = List.of("-DSOURCED_EVENT_TABLE=" + TABLE, "-DSOURCED_LOG=off");
      List<String> lambda = concat(table, List.of("-DSOURCED_DYNAMODB_ENDPOINT=" + dynamoDb.endpoint(), "-DAWS_REGION=us-east-1"));
      Map<String, String> onDemand = Map.of(
          "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand",
          "AWS_REGION", "us-east-1",
          "AWS_ACCESS_KEY_ID", "ASIABENCH",
          "AWS_SECRET_ACCESS_KEY", "bench",
          "AWS_SESSION_TOKEN", "bench",
          "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
      List<Variant> variants = List.of(
          Variant.lambda("sourced-lambda", concat(C1, lambda), Map.of()),
          Variant.lambda("sourced-lambda-unprimed", concat(C1, concat(lambda, List.of("-DSOURCED_PRIME=false"))), Map.of()),
          Variant.lambda("sourced-lambda-on-demand", concat(C1, table), onDemand),
          Variant.lambda("sourced-lambda-default-jit", lambda, Map.of()),
          new Variant("sourced-command-bus", C1),
          new Variant("axon", concat(C1, List.of("-Daxoniq.update-check.disabled=true"))));
      Map<String, String> classPaths = new LinkedHashMap<>();
      Map<String, Integer> classPathEntries = new LinkedHashMap<>();
      for (Variant variant : variants) {
        String classPath = variant.lambda() ? lambdaClassPath.classPath() : ownClassPath(json, variant, out);
        classPaths.put(variant.name(), classPath);
        classPathEntries.put(variant.name(), classPath.split(File.pathSeparator).length);
      }
      Map<String, List<JsonNode>> samples = new LinkedHashMap<>();
      variants.forEach(v -> samples.put(v.name(), new ArrayList<>()));
      int started = 0;
      for (int run = -1; run < runs; run++) {
        for (int i = 0; i < variants.size(); i++) {
          Variant variant = variants.get((i + Math.max(run, 0)) % variants.size());
          JsonNode sample = probe(json, variant, classPaths.get(variant.name()), List.of(),
              "bench-" + (started++) + "-" + System.nanoTime());
          if (run >= 0) {
            samples.get(variant.name()).add(sample);
          }
        }
        System.out.printf("run %d/%d done%n", run + 1, runs);
      }

      ObjectNode report = json.createObjectNode();
      report.put("benchmark", "cold start: fresh JVM → set-up → open a cart → add an item");
      report.put("at", Instant.now().toString());
      report.put("java", samples.values().iterator().next().get(0).get("java").asText());
      report.put("cores", Runtime.getRuntime().availableProcessors());
      report.put("runs", runs);
      report.put("lambdaClassPath", lambdaClassPath.description());
      report.put("inMemoryClassPath", "each in-memory variant: the entries of the bench's class path it loads classes from");
      ObjectNode results = report.putObject("variants");
      Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
      for (Variant variant : variants) {
        ObjectNode node = results.putObject(variant.name());
        node.putPOJO("jvmFlags", variant.flags().stream().filter(f -> f.startsWith("-XX")).toList());
        node.put("classPathEntries", classPathEntries.get(variant.name()));
        node.putPOJO("classPath", names(classPaths.get(variant.name())));
        Map<String, Double> median = new LinkedHashMap<>();
        for (String metric : METRICS) {
          median.put(metric, Samples.median(samples.get(variant.name()).stream().map(s -> s.get(metric).asDouble()).toList()));
        }
        medians.put(variant.name(), median);
        node.putPOJO("median", median);
        node.putPOJO("samples", samples.get(variant.name()));
      }
      ObjectNode ratios = report.putObject("ratios");
      ratios.put("axon / sourced-command-bus, JVM start → second result",
          Samples.round(medians.get("axon").get("jvmStartToSecondResultMs") / medians.get("sourced-command-bus").get("jvmStartToSecondResultMs")));
      ratios.put("axon / sourced-command-bus, set-up + first command",
          Samples.round((medians.get("axon").get("setUpMs") + medians.get("axon").get("firstCommandMs"))
              / (medians.get("sourced-command-bus").get("setUpMs") + medians.get("sourced-command-bus").get("firstCommandMs"))));
      ratios.put("axon / sourced-command-bus, loaded classes",
          Samples.round(medians.get("axon").get("loadedClasses") / medians.get("sourced-command-bus").get("loadedClasses")));
      ratios.put("sourced-lambda-unprimed / sourced-lambda (primed), first command",
          Samples.round(medians.get("sourced-lambda-unprimed").get("firstCommandMs") / medians.get("sourced-lambda").get("firstCommandMs")));
      ratios.put("sourced-lambda-on-demand (not primed) / sourced-lambda (primed), JVM start → second result",
          Samples.round(medians.get("sourced-lambda-on-demand").get("jvmStartToSecondResultMs")
              / medians.get("sourced-lambda").get("jvmStartToSecondResultMs")));
      ratios.put("sourced-lambda-default-jit / sourced-lambda (C1 only), JVM start → second result",
          Samples.round(medians.get("sourced-lambda-default-jit").get("jvmStartToSecondResultMs")
              / medians.get("sourced-lambda").get("jvmStartToSecondResultMs")));
      Files.createDirectories(out);
      Path file = out.resolve("cold-start.json");
      json.writeValue(file.toFile(), report);

      System.out.println();
      System.out.printf("%-28s %10s %10s %10s %10s %12s %10s%n", "median (" + runs + " runs)", "start→main", "set-up", "1st cmd",
          "2nd cmd", "start→2nd", "classes");
      medians.forEach((name, m) -> System.out.printf("%-28s %10.0f %10.1f %10.1f %10.1f %12.0f %10.0f%n", name,
          m.get("jvmStartToMainMs"), m.get("setUpMs"), m.get("firstCommandMs"), m.get("secondCommandMs"),
          m.get("jvmStartToSecondResultMs"), m.get("loadedClasses")));
      ratios.fields().forEachRemaining(r -> System.out.println(r.getKey() + ": " + r.getValue().asDouble()));
      System.out.println("wrote " + file.toAbsolutePath());
    }
  }

  /**
   * The Lambda variants' class path: the bench's classes (for the probe) and the sample's bundle, which lies beside its jar
   * when the build has packaged both (the bench's class path holds DynamoDB Local, ElasticMQ, Axon and the local test kit,
   * none of which a deployed function has); else the bench's class path. The bundle is extracted first, as Lambda does: it
   * unpacks a function's package into its task root ({@code /var/task}), and its Java runtime loads the function's classes
   * from that directory (and from the jars in its {@code lib}), not from the package.
   *
   * @param classPath the class path
   * @param description what it is, for the report
   */
  record LambdaClassPath(String classPath, String description) {
    static LambdaClassPath find(Path out) throws Exception {
      Path sample = Paths.get(ShoppingCartCommandsLambda.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String name = sample.getFileName().toString();
      Path bundle = sample.resolveSibling(name.replaceFirst("\\.jar$", "-lambda.jar"));
      if (!name.endsWith(".jar") || !Files.isRegularFile(bundle)) {
        return new LambdaClassPath(System.getProperty("java.class.path"), "the bench's class path (the sample's bundle is not built)");
      }
      Path taskRoot = extract(bundle, out.resolve("lambda-task"));
      Path probe = Paths.get(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new LambdaClassPath(probe + File.pathSeparator + taskRoot,
          "the bench's classes and the sample's bundle " + bundle.getFileName() + ", extracted as Lambda extracts it");
    }

    /** Unpacks a jar into a fresh directory. */
    static Path extract(Path jar, Path into) throws IOException {
      Path directory = into.toAbsolutePath().normalize();
      if (Files.exists(directory)) {
        try (Stream<Path> paths = Files.walk(directory)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.createDirectories(directory);
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
          Path target = directory.resolve(entry.getName()).normalize();
          if (!target.startsWith(directory)) {
            throw new IOException("entry outside the directory: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(zip, target);
          }
        }
      }
      return directory;
    }
  }

  /**
   * The class path an in-memory variant runs on: the entries of the bench's class path it loads classes from, in their
   * order, found by one run (not counted) with class loading logged. The bench's class path has some 160 entries
   * (DynamoDB Local, ElasticMQ, Axon, the local test kit, …) and the JVM looks a class up in them in order, opening every jar
   * before the one that holds it: a cost that depends on where a framework's jars happen to lie, and that neither has when
   * deployed with what it needs. The same rule for both frameworks, so neither is favoured.
   */
  static String ownClassPath(ObjectMapper json, Variant variant, Path out) throws Exception {
    Files.createDirectories(out);
    Path log = out.resolve("class-load-" + variant.name() + ".log").toAbsolutePath();
    Files.deleteIfExists(log);
    String benchClassPath = System.getProperty("java.class.path");
    probe(json, variant, benchClassPath, List.of("-Xlog:class+load:file=\"" + log + "\""), "bench-class-path-" + System.nanoTime());
    Set<Path> sources = new HashSet<>();
    Matcher source = Pattern.compile(" source: (file:.+)$").matcher("");
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (source.reset(line).find()) {
        // the JVM names a class path entry by its canonical file (links resolved), as a URL
        sources.add(Path.of(URI.create(source.group(1))).toRealPath());
      }
    }
    List<String> entries = new ArrayList<>();
    Set<Path> matched = new HashSet<>();
    for (String entry : benchClassPath.split(File.pathSeparator)) {
      Path real = entry.isEmpty() || !Files.exists(Path.of(entry)) ? null : Path.of(entry).toRealPath();
      if (real != null && sources.contains(real)) {
        entries.add(entry);
        matched.add(real);
      }
    }
    sources.removeAll(matched);
    if (entries.isEmpty() || !sources.isEmpty()) {
      throw new IllegalStateException(variant.name() + " loaded no class from the class path, or some from places that are "
          + "not on it (" + sources + "); see " + log);
    }
    return String.join(File.pathSeparator, entries);
  }

  /** @return the file names of a class path's entries, for the report */
  static List<String> names(String classPath) {
    return Arrays.stream(classPath.split(File.pathSeparator)).map(e -> Path.of(e).getFileName().toString()).toList();
  }

  private static ObjectNode probe(ObjectMapper json, Variant variant, String classPath, List<String> extraFlags, String cartId)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("bench.java", System.getProperty("java.home")), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-Xmx512m");
    command.addAll(variant.flags());
    command.addAll(extraFlags);
    command.addAll(List.of("-cp", classPath, ColdStartProbe.class.getName(), variant.name(), cartId));
    return runProbe(json, variant.name(), command, variant.environment());
  }

  /**
   * Runs a probe in a fresh JVM (without {@code JAVA_TOOL_OPTIONS}) and reads the result it prints as a {@code BENCH}
   * JSON line.
   *
   * @param what the probe, for the message when it fails
   * @param command the JVM's command line
   * @param environment environment variables set for it
   * @return the result, with the probe process's own time ({@code processMs})
   * @throws IllegalStateException with the probe's other output when it fails or prints no result
   */
  static ObjectNode runProbe(ObjectMapper json, String what, List<String> command, Map<String, String> environment)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    String result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("BENCH ")) {
          result = line.substring("BENCH ".length());
        } else {
          output.append(line).append('\n');
        }
      }
    }
    int exit = process.waitFor();
    long processMs = (System.nanoTime() - start) / 1_000_000;
    if (exit != 0 || result == null) {
      throw new IllegalStateException(what + " exited with " + exit + ":\n" + output);
    }
    ObjectNode sample = (ObjectNode) json.readTree(result);
    sample.put("processMs", processMs);
    return sample;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
