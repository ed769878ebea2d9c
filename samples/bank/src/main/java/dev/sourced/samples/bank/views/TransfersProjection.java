package dev.sourced.samples.bank.views;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;
import dev.sourced.annotations.QueryHandler;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.Views;
import dev.sourced.samples.bank.transfers.TransferCompleted;
import dev.sourced.samples.bank.transfers.TransferFailed;
import dev.sourced.samples.bank.transfers.TransferRequested;

/** Keeps a {@link TransferView} per transfer. */
@Projection(name = "transfers")
public class TransfersProjection {

  @EventHandler
  TransferView on(TransferRequested event, EventMetadata metadata) {
    return new TransferView(event.transferId(), event.fromAccount(), event.toAccount(), event.cents(), "REQUESTED", null,
        metadata.principal());
  }

  @EventHandler
  TransferView on(TransferCompleted event, TransferView transfer) {
    return transfer.finished("COMPLETED", null);
  }

  @EventHandler
  TransferView on(TransferFailed event, TransferView transfer) {
    return transfer.finished("FAILED", event.reason());
  }

  @QueryHandler
  TransferView get(GetTransfer query, Views<TransferView> views) {
    return views.get(query.transferId());
  }
}
