package dev.vigil.console.ui.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text columns' order is the locale's collation, as JavaFX sorts by default, and stays so. */
class TextOrderTest {
  private static final List<String> NAMES =
      List.of(
          "web-10",
          "web-2",
          "Web-3",
          "db-1",
          "Ángel-host",
          "angel-host",
          "zeta",
          "Zeta",
          "émile",
          "eve",
          "web-01 (5889d7)",
          "web-01 (12ab34)",
          "",
          "10.0.0.7:40000",
          "10.0.0.12:40000");

  @Test
  void itOrdersTextsAsTheLocalesCollatorDoesWithNullsFirst() {
    Random r = new Random(5);
    Collator collator = Collator.getInstance();
    TextOrder order = new TextOrder();
    for (int round = 0; round < 20; round++) {
      List<String> shuffled = new ArrayList<>(NAMES);
      java.util.Collections.shuffle(shuffled, r);
      shuffled.add(r.nextInt(shuffled.size()), null);
      List<String> expected = new ArrayList<>(shuffled);
      expected.sort(
          (a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : collator.compare(a, b));
      shuffled.sort(order);
      assertThat(shuffled).isEqualTo(expected);
    }
    assertThat(order.compare(null, null)).isZero();
    assertThat(order.compare("a", "a")).isZero();
    assertThat(Integer.signum(order.compare("web-2", "web-10")))
        .isEqualTo(Integer.signum(collator.compare("web-2", "web-10")));
  }

  @Test
  void theKeysItKeepsAreBoundedWhileNamesComeAndGo() {
    TextOrder order = new TextOrder();
    String[] names = new String[TextOrder.MOST_KEPT / 1000];
    for (int wave = 0; wave < 2_000; wave++) {
      for (int i = 0; i < names.length; i++) {
        names[i] = "host-" + wave + "-" + i;
      }
      Arrays.sort(names, order);
      assertThat(order.kept()).isLessThanOrEqualTo(TextOrder.MOST_KEPT);
    }
    assertThat(names[0]).isEqualTo("host-1999-0");
  }
}
