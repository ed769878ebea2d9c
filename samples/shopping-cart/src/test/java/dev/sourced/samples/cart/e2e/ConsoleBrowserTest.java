package dev.sourced.samples.cart.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sourced.local.testkit.LocalCloudExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The developer console in a real headless Chromium (Debian package {@code chromium}): the page's
 * script loads streams, projections and queues from the console API and renders them. The screenshot
 * is written to {@code target/console/console.png}.
 *
 * <p>Without {@code /usr/bin/chromium} the test is skipped, unless {@code SOURCED_REQUIRE_BROWSER=true}
 * (CI sets it, after installing the package), in which case it fails.
 */
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final Path OUT = Path.of("target", "console");

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart").visibilityTimeout(Duration.ofSeconds(1));

  @BeforeAll
  static void browser() {
    boolean present = Files.isExecutable(CHROMIUM);
    if (!present && Boolean.parseBoolean(System.getenv("SOURCED_REQUIRE_BROWSER"))) {
      throw new AssertionError(CHROMIUM + " is missing: apt-get install chromium");
    }
    assumeTrue(present, CHROMIUM + " not installed (apt-get install chromium); console browser test skipped");
  }

  @Test
  void consoleRendersStreamsProjectionsAndADeadLetterQueueToRedrive() throws Exception {
    AutoCloseable bug = cloud.cloud().failProjection("cart-summary", event -> event.path("detail").path("streamId").asText().endsWith("#b2"));
    cloud.post("/shopping-cart/b1/open-cart", "{\"cartId\":\"b1\",\"customerId\":\"bea\"}");
    cloud.post("/shopping-cart/b1/add-item", "{\"cartId\":\"b1\",\"sku\":\"apple\",\"quantity\":2}");
    cloud.post("/shopping-cart/b2/open-cart", "{\"cartId\":\"b2\",\"customerId\":\"bea\"}");
    cloud.awaitProjection("cart-summary", "shopping-cart#b1", 2);
    cloud.awaitDeadLetters("cart-summary", 1);
    bug.close();

    Files.createDirectories(OUT);
    String dom = chromium("--dump-dom");
    Files.writeString(OUT.resolve("console.html"), dom);
    chromium("--screenshot=" + OUT.resolve("console.png").toAbsolutePath(), "--window-size=1200,900");
    System.out.println("console screenshot: " + OUT.resolve("console.png").toAbsolutePath());

    assertThat(dom).contains("data-loaded=\"true\"");
    assertThat(dom).contains(">shopping-cart#b1<", ">shopping-cart#b2<", ">ItemAdded<");
    assertThat(dom).contains("data-projection=\"cart-summary\"", "data-projection=\"customer-carts\"");
    // cart-summary: 1 message in its DLQ, highlighted, and its redrive button enabled; customer-carts' disabled
    String cartSummaryRow = row(dom, "cart-summary");
    assertThat(cartSummaryRow).contains("<td class=\"num bad\">1</td>").contains("<button>Redrive DLQ</button>");
    assertThat(row(dom, "customer-carts")).contains("<button disabled=\"\">Redrive DLQ</button>");
    assertThat(OUT.resolve("console.png")).isNotEmptyFile();
    assertThat(Files.readAllBytes(OUT.resolve("console.png"))).startsWith(0x89, 'P', 'N', 'G');
  }

  private static String row(String dom, String projection) {
    int start = dom.indexOf("data-projection=\"" + projection + "\"");
    return dom.substring(start, dom.indexOf("</tr>", start));
  }

  /** Runs headless Chromium on the console page and returns what it printed. */
  private static String chromium(String... options) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=4000"));
    command.addAll(List.of(options));
    command.add(cloud.baseUri().resolve("/_sourced").toString());
    Process process = new ProcessBuilder(command).redirectError(OUT.resolve("chromium.log").toFile()).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(process.exitValue()).as("chromium exit code; see target/console/chromium.log").isZero();
    return new String(output, StandardCharsets.UTF_8);
  }
}
