package dev.sourced.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sourced.local.testkit.bank.Customer;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.lambda.CommandApi;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a client sees of unique values: 409 unique-value-taken naming the scope, 400 with the path of a value that cannot be a key. */
class UniqueValuesApiTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static final List<String> lines = new CopyOnWriteArrayList<>();
  private static CommandApi api;
  private static DynamoDbEventStore store;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    CommandBus<Customer> bus = CommandBus.builder(SourcedApp.INSTANCE, Customer.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(store).build();
    api = new CommandApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, bus, lines::add);
  }

  private static APIGatewayV2HTTPResponse post(String path, String body, Map<String, String> headers) {
    return api.handle(APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withHeaders(headers)
        .withBody(body)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
            .build())
        .build(), null);
  }

  private static String register(String id) {
    return "/customer/" + id + "/register-customer";
  }

  private static String email() {
    return UUID.randomUUID() + "@example.com";
  }

  @Test
  void aTakenEmail_is409UniqueValueTaken_namingTheScopeButNotTheValue() {
    String email = email();
    assertThat(post(register("ann-" + email), "{\"email\":\"" + email + "\",\"name\":\"Ann\"}", Map.of()).getStatusCode()).isEqualTo(201);
    lines.clear();

    APIGatewayV2HTTPResponse taken = post(register("bob-" + email), "{\"email\":\"" + email + "\",\"name\":\"Bob\"}", Map.of());

    assertThat(taken.getStatusCode()).isEqualTo(409);
    assertThat(taken.getBody()).contains("\"code\":\"unique-value-taken\"",
        "\"message\":\"the email is taken: another customer holds it; nothing was written\"").doesNotContain(email);
    assertThat(lines.get(0)).contains("\"outcome\":\"rejected\"", "\"code\":\"unique-value-taken\"", "\"status\":409");
    assertThat(store.read("customer#bob-" + email, 0)).isEmpty();
  }

  @Test
  void aRepeatWithTheSameIdempotencyKey_is201WithTheFirstBody() {
    String email = email();
    Map<String, String> key = Map.of("idempotency-key", "register-" + email);
    APIGatewayV2HTTPResponse first = post(register("cid-" + email), "{\"email\":\"" + email + "\",\"name\":\"Ann\"}", key);
    APIGatewayV2HTTPResponse again = post(register("cid-" + email), "{\"email\":\"" + email + "\",\"name\":\"Ann\"}", key);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(again.getStatusCode()).isEqualTo(201);
    assertThat(again.getBody()).isEqualTo(first.getBody());
  }

  @Test
  void anEmailThatCannotBeAKey_is400WithItsPath_andNothingIsWritten() {
    String id = "c-" + UUID.randomUUID();
    APIGatewayV2HTTPResponse empty = post(register(id), "{\"email\":\"\",\"name\":\"Ann\"}", Map.of());
    assertThat(empty.getStatusCode()).isEqualTo(400);
    assertThat(empty.getBody()).contains("\"code\":\"invalid-request\"", "\"path\":\"$.email\"", "must not be empty");

    String huge = "y".repeat(5000);
    APIGatewayV2HTTPResponse tooLong = post(register(id), "{\"email\":\"" + huge + "\",\"name\":\"Ann\"}", Map.of());
    assertThat(tooLong.getStatusCode()).isEqualTo(400);
    assertThat(tooLong.getBody()).contains("\"path\":\"$.email\"", "is 5000 bytes in UTF-8; a unique email of customer takes at most 2026")
        .doesNotContain("yyyyyyyyyy");
    assertThat(store.read("customer#" + id, 0)).isEmpty();

    // a value an event moves to, taken from the request: the request's field is named
    assertThat(post(register(id), "{\"email\":\"" + email() + "\",\"name\":\"Ann\"}", Map.of()).getStatusCode()).isEqualTo(201);
    APIGatewayV2HTTPResponse moved = post("/customer/" + id + "/change-email", "{\"email\":\"" + huge + "\"}", Map.of());
    assertThat(moved.getStatusCode()).isEqualTo(400);
    assertThat(moved.getBody()).contains("\"path\":\"$.email\"").doesNotContain("yyyyyyyyyy");
    assertThat(store.read("customer#" + id, 0)).hasSize(1);
  }
}
