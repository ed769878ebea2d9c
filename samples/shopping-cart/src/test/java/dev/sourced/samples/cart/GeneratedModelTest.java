package dev.sourced.samples.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.spi.SourcedApplication;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the processor generated for the sample, as later work (CDK, local cloud) will read it. */
class GeneratedModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void registry_isTheSampleApp_andFoundThroughServiceLoader() {
    assertThat(SourcedApp.NAME).isEqualTo("shopping-cart");
    assertThat(ServiceLoader.load(SourcedApplication.class).stream().map(p -> p.type().getName()).toList())
        .containsExactly(SourcedApp.class.getName());
    assertThat(SourcedApp.INSTANCE.aggregate(ShoppingCart.class).orElseThrow().streamId("c1")).isEqualTo("shopping-cart#c1");
  }

  @Test
  void appModel_hasTheDefaultRoutes() throws IOException {
    JsonNode model = read("META-INF/sourced/app-model.json");
    List<String> routes = new ArrayList<>();
    model.get("routes").forEach(r -> routes.add(r.get("method").asText() + " " + r.get("path").asText()));
    assertThat(routes).containsExactly(
        "GET /cart-summary/{cartId}",
        "GET /customer-carts/{customerId}",
        "POST /shopping-cart/{cartId}/add-item",
        "POST /shopping-cart/{cartId}/check-out",
        "POST /shopping-cart/{cartId}/open-cart",
        "POST /shopping-cart/{cartId}/remove-item");
  }

  @Test
  void appModel_projectionsListTheEventsTheyConsume() throws IOException {
    JsonNode model = read("META-INF/sourced/app-model.json");
    JsonNode customerCarts = model.get("projections").get(1);
    assertThat(customerCarts.get("name").asText()).isEqualTo("customer-carts");
    assertThat(customerCarts.get("consumes").toString()).isEqualTo("[\"CartCheckedOut\",\"CartOpened\"]");
    assertThat(customerCarts.get("handlers").get(0).get("viewKey").asText()).isEqualTo("event.customerId");
  }

  @Test
  void openApi_describesAddItemBody() throws IOException {
    JsonNode api = read("META-INF/sourced/openapi.json");
    JsonNode addItem = api.get("components").get("schemas").get("AddItem");
    assertThat(addItem.get("properties").get("quantity").get("type").asText()).isEqualTo("integer");
    assertThat(addItem.get("required").toString()).isEqualTo("[\"sku\",\"quantity\"]");
    assertThat(api.get("paths").get("/shopping-cart/{cartId}/add-item").get("post").get("responses").has("422")).isTrue();
    assertThat(api.get("paths").get("/shopping-cart/{cartId}/add-item").get("post").get("responses").get("401")
        .get("description").asText()).contains("invalid-caller");
    assertThat(api.get("components").get("schemas").get("CartSummary").get("properties").has("openedBy")).isTrue();
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = GeneratedModelTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return JSON.readTree(in);
    }
  }
}
