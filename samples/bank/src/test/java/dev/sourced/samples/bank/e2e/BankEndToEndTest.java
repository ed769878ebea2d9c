package dev.sourced.samples.bank.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.LocalCloudExtension;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transfers on the local cloud, through the generated functions: HTTP → transfer command → stream → bus → the
 * money-transfer process manager's queue → its function, which sends the internal commands in-process → account
 * streams → bus → the process manager again, and the views.
 */
class BankEndToEndTest {
  private static final List<String> hops = new CopyOnWriteArrayList<>();
  private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("bank").log(hops::add);

  private static void open(String id, String number, long overdraft, long deposit) {
    assertThat(cloud.send("POST", "/account/" + id + "/open-account",
        "{\"accountId\":\"" + id + "\",\"number\":\"" + number + "\",\"owner\":\"ann\",\"overdraftLimit\":" + overdraft + "}",
        Map.of("x-sourced-local-principal", ALICE)).status()).isEqualTo(201);
    if (deposit > 0) {
      assertThat(cloud.post("/account/" + id + "/deposit", "{\"accountId\":\"" + id + "\",\"cents\":" + deposit + "}").status())
          .isEqualTo(200);
    }
  }

  private static LocalCloudExtension.Response transfer(String id, String from, String to, long cents) {
    return cloud.send("POST", "/transfer/" + id + "/request-transfer",
        "{\"transferId\":\"" + id + "\",\"fromAccount\":\"" + from + "\",\"toAccount\":\"" + to + "\",\"cents\":" + cents + "}",
        Map.of("x-sourced-local-principal", ALICE));
  }

  /** Waits for a transfer's view to be finished, and returns it. */
  private static JsonNode finished(String transferId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode view = cloud.view("transfers", transferId);
      if (view != null && !view.get("status").asText().equals("REQUESTED")) {
        return view;
      }
      sleep(50);
    }
    throw new AssertionError("transfer " + transferId + " did not finish; hops:\n" + String.join("\n", hops));
  }

  private static long balance(String account, long version) {
    cloud.awaitProjection("balances", "account#" + account, version);
    return cloud.view("balances", account).get("cents").asLong();
  }

  @Test
  void aTransfer_movesTheMoney_throughInternalCommandsSentByTheProcessManager() {
    open("alice-1", "10000001", 0, 500);
    open("bob-1", "10000002", 0, 0);

    assertThat(transfer("t-ok", "alice-1", "bob-1", 200).status()).isEqualTo(201);

    JsonNode done = finished("t-ok");
    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.get("requestedBy").asText()).isEqualTo(ALICE);
    assertThat(balance("alice-1", 3)).isEqualTo(300);
    assertThat(balance("bob-1", 2)).isEqualTo(200);
    // the steps were sent by the process manager, as the events' principal says
    assertThat(cloud.view("balances", "bob-1").get("lastChangedBy").asText()).isEqualTo("process-manager:money-transfer");
    assertThat(hops).anySatisfy(line -> assertThat(line).contains("process  money-transfer ← TransferRequested transfer#t-ok v1"));
  }

  @Test
  void aRefusedCredit_refundsThePayer_andTheTransferFails() {
    open("alice-2", "20000001", 0, 500);
    open("closed-2", "20000002", 0, 0);
    assertThat(cloud.post("/account/closed-2/close-account", "{\"accountId\":\"closed-2\"}").status()).isEqualTo(200);

    assertThat(transfer("t-refused", "alice-2", "closed-2", 200).status()).isEqualTo(201);

    JsonNode failed = finished("t-refused");
    assertThat(failed.get("status").asText()).isEqualTo("FAILED");
    assertThat(failed.get("reason").asText()).isEqualTo("account-closed");
    assertThat(balance("alice-2", 4)).isEqualTo(500); // debited, then refunded
  }

  @Test
  void aRefusedDebit_failsTheTransfer_withoutMovingMoney() {
    open("alice-3", "30000001", 100, 50);
    open("bob-3", "30000002", 0, 0);

    transfer("t-overdraft", "alice-3", "bob-3", 151);

    JsonNode failed = finished("t-overdraft");
    assertThat(failed.get("reason").asText()).isEqualTo("overdraft-limit-exceeded");
    assertThat(balance("alice-3", 2)).isEqualTo(50);
    assertThat(balance("bob-3", 1)).isEqualTo(0);
  }

  @Test
  void internalCommands_haveNoRoute() {
    open("alice-4", "40000001", 0, 0);

    var credit = cloud.post("/account/alice-4/credit-for-transfer", "{\"accountId\":\"alice-4\",\"transferId\":\"x\",\"cents\":1000000}");
    assertThat(credit.status()).isEqualTo(404);
    assertThat(cloud.post("/transfer/t-x/complete-transfer", "{\"transferId\":\"t-x\"}").status()).isEqualTo(404);
    assertThat(balance("alice-4", 1)).isEqualTo(0);
  }

  @Test
  void aRedeliveredEvent_sendsNoCommandAgain() {
    open("alice-5", "50000001", 0, 500);
    open("bob-5", "50000002", 0, 0);
    transfer("t-twice", "alice-5", "bob-5", 100);
    assertThat(finished("t-twice").get("status").asText()).isEqualTo("COMPLETED");

    // the process manager's queue gets the transfer's events again, as an at-least-once delivery may
    DynamoDbEventStore store = DynamoDbEventStore.builder().dynamoDbClient(cloud.cloud().dynamoDb())
        .tableName(cloud.cloud().deployment().eventTable().name()).build();
    List<StoredEvent> again = new java.util.ArrayList<>(store.read("transfer#t-twice", 0));
    again.addAll(store.read("account#alice-5", 0));
    String queue = cloud.cloud().queueUrl(cloud.cloud().deployment().process("money-transfer").queue().name());
    for (var message : Deliveries.sqsBatch(again).getRecords()) {
      cloud.cloud().sqs().client().sendMessage(r -> r.queueUrl(queue).messageBody(message.getBody()));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (cloud.cloud().sqs().depth(queue) > 0 && System.nanoTime() < deadline) {
      sleep(50);
    }
    sleep(500);

    assertThat(store.read("account#bob-5", 0)).extracting(StoredEvent::type).containsExactly("AccountOpened", "CreditedForTransfer");
    assertThat(store.read("account#alice-5", 0)).extracting(StoredEvent::type)
        .containsExactly("AccountOpened", "MoneyDeposited", "DebitedForTransfer");
    assertThat(store.read("transfer#t-twice", 0)).extracting(StoredEvent::type).containsExactly("TransferRequested", "TransferCompleted");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void anAccountNumber_belongsToOneAccount() {
    open("first-6", "60000001", 0, 0);

    var taken = cloud.post("/account/second-6/open-account",
        "{\"accountId\":\"second-6\",\"number\":\"60000001\",\"owner\":\"eve\",\"overdraftLimit\":0}");

    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("code").asText()).isEqualTo("unique-value-taken");
    assertThat(taken.body()).contains("account-number").doesNotContain("60000001");
    assertThat(cloud.post("/account/second-6/deposit", "{\"accountId\":\"second-6\",\"cents\":1}").status()).isEqualTo(404);
  }

  @Test
  void theConsoleShowsTheProcessManager() {
    open("alice-7", "80000001", 0, 100);
    open("bob-7", "80000002", 0, 0);
    transfer("t-console", "alice-7", "bob-7", 10);
    assertThat(finished("t-console").get("status").asText()).isEqualTo("COMPLETED");

    JsonNode processManagers = cloud.get("/_sourced/api/process-managers").json();
    assertThat(processManagers).hasSize(1);
    JsonNode transfers = processManagers.get(0);
    assertThat(transfers.get("name").asText()).isEqualTo("money-transfer");
    assertThat(transfers.get("queue").asText()).isEqualTo("bank-money-transfer");
    assertThat(transfers.get("eventsApplied").asLong()).isPositive();
    assertThat(transfers.get("deadLetterDepth").asInt()).isZero();
    assertThat(transfers.get("consumes").toString()).contains("TransferRequested", "DebitedForTransfer");
    JsonNode queues = cloud.get("/_sourced/api/queues").json();
    for (JsonNode queue : queues) {
      assertThat(queue.get("deadLetter").asBoolean()).as(queue.get("name").asText())
          .isEqualTo(queue.get("name").asText().endsWith("-dlq") || queue.get("name").asText().endsWith("-failures"));
    }
  }
}
