package dev.vigil.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.AlertState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuAlertRuleTest {
  private final CpuAlertRule rule = new CpuAlertRule(90, Duration.ofSeconds(30), 80);

  private List<AlertState> feed(double... samplesOnePerSecond) {
    List<AlertState> out = new ArrayList<>();
    for (int i = 0; i < samplesOnePerSecond.length; i++) {
      rule.evaluate(samplesOnePerSecond[i], i * 1000L).ifPresent(t -> out.add(t.state()));
    }
    return out;
  }

  private static double[] repeat(double value, int times) {
    double[] a = new double[times];
    java.util.Arrays.fill(a, value);
    return a;
  }

  @Test
  void firesOnceWhenCpuStaysOverTheTriggerForTheHoldTime() {
    assertThat(feed(repeat(95, 60))).containsExactly(AlertState.FIRING);
  }

  @Test
  void doesNotFireWhenCpuDipsBeforeTheHoldTime() {
    double[] samples = new double[60];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = i % 20 == 19 ? 50 : 95;
    }
    assertThat(feed(samples)).isEmpty();
  }

  @Test
  void aValueBouncingAroundTheTriggerFiresOnceAndResolvesBelowTheClearLevel() {
    double[] samples = new double[100];
    for (int i = 0; i < 31; i++) {
      samples[i] = 95;
    }
    for (int i = 31; i < 90; i++) {
      samples[i] = i % 2 == 0 ? 91 : 85;
    }
    for (int i = 90; i < 100; i++) {
      samples[i] = 10;
    }
    assertThat(feed(samples)).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
  }

  @Test
  void aZeroHoldFiresOnTheFirstSampleOverTheLine() {
    CpuAlertRule immediate = new CpuAlertRule(50, Duration.ZERO, 40);
    assertThat(immediate.evaluate(60, 0))
        .hasValueSatisfying(t -> assertThat(t.state()).isEqualTo(AlertState.FIRING));
  }

  @Test
  void aClearLevelAboveTheTriggerIsRefused() {
    assertThatThrownBy(() -> new CpuAlertRule(50, Duration.ZERO, 60))
        .hasMessageContaining("clear level");
  }
}
