package dev.sourced.cdk;

import dev.sourced.deployment.AppOutline;
import dev.sourced.deployment.Deployment;
import java.util.List;

/** The deployment of a small shop, as the registry of an app with these aggregates and projections gives it. */
final class Shop {
  private Shop() {}

  /** @return a cart (snapshotting or not) and a projection {@code summary} of a version, answering one query */
  static Deployment deployment(boolean snapshots, int summaryVersion) {
    return Deployment.of(new AppOutline("shop",
        List.of(new AppOutline.Aggregate("cart", "shop", List.of("Cart"), snapshots,
            List.of(new AppOutline.Endpoint("POST", "/cart/{cartId}/open")))),
        List.of(new AppOutline.Projection("summary", summaryVersion, "shop", List.of("SummaryProjection"),
            List.of("CartOpened", "ItemAdded"), List.of(new AppOutline.Endpoint("GET", "/summary/{cartId}"))))));
  }
}
