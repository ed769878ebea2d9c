package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;
import dev.sourced.api.EventMetadata;
import java.util.ArrayList;
import java.util.List;

/** A reactor: records what it saw. */
@Projection(name = "transfer-log")
public class TransferLog {
  public final List<String> seen = new ArrayList<>();

  @EventHandler
  void on(Transferred event, EventMetadata metadata) {
    seen.add(metadata.streamId() + "@" + metadata.version() + ":" + event.cents());
  }
}
