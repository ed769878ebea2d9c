package dev.sourced.runtime.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryViewsTest {

  @Test
  void list_pagesInKeyOrder_untilTheCursorIsNull() {
    InMemoryViews<String> views = new InMemoryViews<>();
    for (String key : List.of("d", "a", "c", "b", "e")) {
      views.put(key, key.toUpperCase());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<String> page = views.list(2, cursor);
      seen.addAll(page.items());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactly("A", "B", "C", "D", "E");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void exactlyFullLastPage_hasNoNextCursor() {
    InMemoryViews<String> views = new InMemoryViews<>();
    views.put("a", "A");
    views.put("b", "B");
    assertThat(views.list(2, null).nextCursor()).isNull();
  }

  @Test
  void putNull_deletes_andFindIsEmpty() {
    InMemoryViews<String> views = new InMemoryViews<>();
    views.put("a", "A");
    views.put("a", null);
    assertThat(views.get("a")).isNull();
    assertThat(views.find("a")).isEmpty();
  }

  @Test
  void limitOutside1to1000_isRejected() {
    InMemoryViews<String> views = new InMemoryViews<>();
    assertThatThrownBy(() -> views.list(0, null)).hasMessageContaining("limit must be 1..1000; found 0");
    assertThatThrownBy(() -> views.list(1001, null)).hasMessageContaining("found 1001");
  }
}
