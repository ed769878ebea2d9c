package dev.sourced.bench.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.sourced.samples.cart.domain.CartOpened;
import dev.sourced.samples.cart.domain.ItemAdded;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The sample's cart (open, add with the same checks) written the way Axon Framework 4 wants it: the baseline. */
public class AxonCart {
  /** Creates a cart. */
  public record OpenCartCommand(String cartId, String customerId) {}

  /** Adds an item. */
  public record AddItemCommand(@TargetAggregateIdentifier String cartId, String sku, int quantity) {}

  @AggregateIdentifier
  private String cartId;
  private String customerId;
  private final Map<String, Integer> items = new HashMap<>();
  private boolean checkedOut;

  protected AxonCart() {}

  @CommandHandler
  public AxonCart(OpenCartCommand command) {
    apply(new CartOpened(command.cartId(), command.customerId()));
  }

  @CommandHandler
  public void add(AddItemCommand command) {
    if (checkedOut) {
      throw new IllegalStateException("cart is already checked out");
    }
    if (command.quantity() < 1 || command.quantity() > 99) {
      throw new IllegalArgumentException("quantity must be between 1 and 99; found " + command.quantity());
    }
    apply(new ItemAdded(command.cartId(), command.sku(), command.quantity()));
  }

  @EventSourcingHandler
  void on(CartOpened event) {
    cartId = event.cartId();
    customerId = event.customerId();
  }

  @EventSourcingHandler
  void on(ItemAdded event) {
    items.merge(event.sku(), event.quantity(), Integer::sum);
  }
}
