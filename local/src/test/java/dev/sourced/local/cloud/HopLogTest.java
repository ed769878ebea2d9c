package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hop lines are read by people: a word a request made long (an id of 1,600 characters) shows its start and its length. */
class HopLogTest {
  @Test
  void aLongWord_showsItsStartAndLength_theRestOfTheLineStaysWhole() {
    List<String> lines = new ArrayList<>();
    String id = "shopping-cart#" + "b".repeat(1_645);

    new HopLog(lines::add).hop("command", "POST /shopping-cart/x/open-cart → " + id + " v1 (3 ms)");

    assertThat(lines).singleElement().asString()
        .endsWith("command  POST /shopping-cart/x/open-cart → shopping-cart#" + "b".repeat(86) + "…(1659 characters) v1 (3 ms)");
  }

  @Test
  void shortLines_andShortWords_areAsWritten() {
    assertThat(HopLog.abbreviated("publish shopping-cart#c1 v2 ItemAdded")).isEqualTo("publish shopping-cart#c1 v2 ItemAdded");
    String words = "word ".repeat(40).trim();
    assertThat(HopLog.abbreviated(words)).isEqualTo(words);
    // never half a surrogate pair
    String emoji = "a" + "\ud83d\ude00".repeat(100);
    assertThat(HopLog.abbreviated(emoji)).isEqualTo("a" + "\ud83d\ude00".repeat(49) + "…(201 characters)");
  }
}
