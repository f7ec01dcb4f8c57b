package dev.vigil.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.message.AlertState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetWatchTest {
  private static final long MB = 1L << 20;

  @Test
  void overBudgetForAMinuteSlowsTheSlowProbesAndBackUnderRestoresThem() {
    BudgetWatch watch = new BudgetWatch(2.0, 100 * MB, Duration.ofSeconds(60));
    List<AlertState> events = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 59; i++, t += 1000) {
      watch.check(5.0, 50 * MB, t).ifPresent(e -> events.add(e.state()));
    }
    assertThat(events).isEmpty();
    assertThat(watch.slowDown()).isEqualTo(1);
    for (int i = 0; i < 3; i++, t += 1000) {
      watch.check(5.0, 50 * MB, t).ifPresent(e -> events.add(e.state()));
    }
    assertThat(events).containsExactly(AlertState.FIRING);
    assertThat(watch.slowDown()).isEqualTo(BudgetWatch.SLOW_DOWN_FACTOR);

    watch
        .check(0.5, 90 * MB, t)
        .ifPresent(e -> events.add(e.state())); // 90 % of memory: not yet clear
    assertThat(watch.slowDown()).isEqualTo(BudgetWatch.SLOW_DOWN_FACTOR);
    watch.check(0.5, 60 * MB, t + 1000).ifPresent(e -> events.add(e.state()));
    assertThat(events).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(watch.slowDown()).isEqualTo(1);
  }

  @Test
  void memoryAloneCanExceedTheBudget() {
    BudgetWatch watch = new BudgetWatch(2.0, 100 * MB, Duration.ZERO);
    assertThat(watch.check(0.1, 150 * MB, 0))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(AlertState.FIRING));
  }
}
