package dev.vigil.console.ui.cells;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The number beside a bar stays as short as the column allows: a full one is "100 %". */
class BarCellTest {
  @Test
  void aFullBarReadsOneHundredWithoutADecimalAndOthersKeepOne() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.ROOT);
    try {
      assertThat(BarCell.text(100)).isEqualTo("100 %");
      assertThat(BarCell.text(99.97)).isEqualTo("100 %");
      assertThat(BarCell.text(99.9)).isEqualTo("99.9 %");
      assertThat(BarCell.text(3.14)).isEqualTo("3.1 %");
    } finally {
      Locale.setDefault(before);
    }
  }
}
