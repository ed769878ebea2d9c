package dev.sourced.samples.cart.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.testkit.LocalCloudExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every command the suite sent and what it was answered, so {@link SystemCheck} can tell what must be
 * stored (the events of every 2xx answer, once) from what must not (anything else).
 */
final class Ledger {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answered request. */
  record Entry(String method, String path, int status, String body) {}

  private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> acceptedEventIds = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

  /** Records an answer; returns it. */
  LocalCloudExtension.Response record(String method, String path, LocalCloudExtension.Response response) {
    entries.add(new Entry(method, path, response.status(), response.body()));
    statuses.merge(Integer.toString(response.status()), 1, Integer::sum);
    if (response.status() >= 200 && response.status() < 300 && method.equals("POST")) {
      JsonNode events = parse(response.body()).path("events");
      events.forEach(event -> acceptedEventIds.add(event.path("eventId").asText()));
    }
    return response;
  }

  /** @return the ids of the events 2xx answers reported as appended */
  Set<String> acceptedEventIds() {
    return Set.copyOf(acceptedEventIds);
  }

  /** @return how many requests got each status */
  Map<String, Integer> statuses() {
    return new TreeMap<>(statuses);
  }

  /** @return every answer, in the order they arrived */
  List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null ? "{}" : body);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }
}
