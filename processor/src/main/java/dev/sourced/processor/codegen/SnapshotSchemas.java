package dev.sourced.processor.codegen;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Component;
import dev.sourced.processor.model.JsonType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;

/**
 * A short hash of a snapshot state record's JSON Schema and those of the records it contains: stored
 * with each snapshot, so snapshots written before the state changed shape are ignored instead of misread.
 */
final class SnapshotSchemas {
  private SnapshotSchemas() {}

  static String of(AppModel model, ClassName state) {
    JsonSchemas schemas = new JsonSchemas(model, "#/");
    TreeMap<String, Object> reachable = new TreeMap<>();
    collect(model, schemas, state, reachable);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(reachable).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static void collect(AppModel model, JsonSchemas schemas, ClassName record, TreeMap<String, Object> into) {
    if (into.containsKey(record.canonicalName())) {
      return;
    }
    into.put(record.canonicalName(), schemas.record(model.shape(record), Set.of()));
    for (Component component : model.shape(record).components()) {
      collectType(model, schemas, component.type(), into);
    }
  }

  private static void collectType(AppModel model, JsonSchemas schemas, JsonType type, TreeMap<String, Object> into) {
    if (type instanceof JsonType.RecordRef ref) {
      collect(model, schemas, ref.name(), into);
    } else if (type instanceof JsonType.ArrayOf array) {
      collectType(model, schemas, array.items(), into);
    } else if (type instanceof JsonType.MapOf map) {
      collectType(model, schemas, map.values(), into);
    } else if (type instanceof JsonType.OptionalOf optional) {
      collectType(model, schemas, optional.value(), into);
    }
  }
}
