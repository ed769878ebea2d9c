package dev.sourced.samples.bank.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sourced.local.testkit.LocalCloudExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transfer whose debit event never reaches the process manager times out: the local EventBridge Scheduler sends the
 * deadline to the process manager's queue (after at most two seconds here, instead of fifteen minutes), the debit is
 * refunded, and the transfer fails.
 */
class TransferTimeoutTest {
  private static final List<String> hops = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("bank").deadlinesAtMost(Duration.ofSeconds(2)).log(hops::add);

  @Test
  void aStuckTransfer_timesOut_andItsDebitIsRefunded() throws Exception {
    cloud.post("/account/slow-a/open-account", "{\"accountId\":\"slow-a\",\"number\":\"70000001\",\"owner\":\"ann\",\"overdraftLimit\":0}");
    cloud.post("/account/slow-a/deposit", "{\"accountId\":\"slow-a\",\"cents\":500}");
    cloud.post("/account/slow-b/open-account", "{\"accountId\":\"slow-b\",\"number\":\"70000002\",\"owner\":\"bob\",\"overdraftLimit\":0}");

    // the process manager never gets the debit's event: it fails on its queue until it is dead-lettered
    try (AutoCloseable stuck = cloud.cloud().failProjection("money-transfer",
        event -> event.path("detail-type").asText().equals("DebitedForTransfer"))) {
      assertThat(cloud.post("/transfer/t-slow/request-transfer",
          "{\"transferId\":\"t-slow\",\"fromAccount\":\"slow-a\",\"toAccount\":\"slow-b\",\"cents\":200}").status()).isEqualTo(201);

      JsonNode failed = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        failed = cloud.view("transfers", "t-slow");
        if (failed != null && failed.get("status").asText().equals("FAILED")) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(failed).as("the transfer view; hops:\n" + String.join("\n", hops)).isNotNull();
      assertThat(failed.get("status").asText()).isEqualTo("FAILED");
      assertThat(failed.get("reason").asText()).isEqualTo("timed-out");
    }
    cloud.awaitProjection("balances", "account#slow-a", 4); // opened, deposited, debited, refunded
    assertThat(cloud.view("balances", "slow-a").get("cents").asLong()).isEqualTo(500);
    assertThat(cloud.view("balances", "slow-b").get("cents").asLong()).isEqualTo(0);
    assertThat(hops).anySatisfy(line -> assertThat(line).contains("schedule").contains("due: deadline transfer-timeout of t-slow"));
  }
}
