package ${package}.views;

import java.util.List;

/** A list as its readers see it: {@code GET /todo-summary/{listId}}. */
public record TodoSummary(String listId, String title, List<String> open, List<String> done) {
  public TodoSummary {
    open = List.copyOf(open);
    done = List.copyOf(done);
  }
}
