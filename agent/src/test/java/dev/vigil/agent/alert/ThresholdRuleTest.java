package dev.vigil.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

  private static List<String> feed(ThresholdRule rule, double... samplesOnePerSecond) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < samplesOnePerSecond.length; i++) {
      rule.evaluate(samplesOnePerSecond[i], i * 1000L)
          .ifPresent(e -> out.add(e.state() + " " + e.severity()));
    }
    return out;
  }

  private static double[] repeat(double value, int times) {
    double[] a = new double[times];
    Arrays.fill(a, value);
    return a;
  }

  private static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  private static ThresholdRule cpu() {
    return new ThresholdRule("cpu", RuleLevels.parse("critical 90, clear 80, for 30s"));
  }

  @Test
  void firesOnceWhenTheValueStaysOverTheTriggerForTheHoldTime() {
    assertThat(feed(cpu(), repeat(95, 60))).containsExactly("FIRING CRITICAL");
  }

  @Test
  void doesNotFireWhenTheValueDipsBeforeTheHoldTime() {
    double[] samples = new double[60];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = i % 20 == 19 ? 50 : 95;
    }
    assertThat(feed(cpu(), samples)).isEmpty();
  }

  @Test
  void aValueBouncingAroundTheTriggerFiresOnceAndResolvesOnceBelowTheClearLevel() {
    double[] bouncing = new double[59];
    for (int i = 0; i < bouncing.length; i++) {
      bouncing[i] = i % 2 == 0 ? 91 : 85;
    }
    assertThat(feed(cpu(), concat(repeat(95, 31), bouncing, repeat(10, 10))))
        .containsExactly("FIRING CRITICAL", "RESOLVED CRITICAL");
  }

  @Test
  void aWarningEscalatesToCriticalAndResolvesOnce() {
    ThresholdRule memory =
        new ThresholdRule("memory", RuleLevels.parse("warning 85, critical 95, clear 80, for 5s"));
    assertThat(feed(memory, concat(repeat(90, 10), repeat(97, 10), repeat(90, 5), repeat(50, 3))))
        .containsExactly("FIRING WARNING", "FIRING CRITICAL", "RESOLVED CRITICAL");
  }

  @Test
  void offNeverFires() {
    assertThat(feed(new ThresholdRule("x", RuleLevels.parse("off")), repeat(1e9, 10))).isEmpty();
  }

  @Test
  void theTextFormParsesWithDefaultsAndRoundTrips() {
    RuleLevels levels = RuleLevels.parse("Critical 90%, for 2m");
    assertThat(levels.critical()).isEqualTo(90);
    assertThat(levels.warningEnabled()).isFalse();
    assertThat(levels.clear()).isEqualTo(81);
    assertThat(levels.hold()).isEqualTo(Duration.ofMinutes(2));
    assertThat(RuleLevels.parse(levels.toString())).isEqualTo(levels);
  }

  @Test
  void badRulesAreRefusedWithASentence() {
    assertThatThrownBy(() -> RuleLevels.parse("critical"))
        .hasMessageContaining("expected 'warning N");
    assertThatThrownBy(() -> RuleLevels.parse("critical 50, clear 60"))
        .hasMessageContaining("clear (60) must be at or below");
    assertThatThrownBy(() -> RuleLevels.parse("warning 95, critical 90"))
        .hasMessageContaining("must not be above critical");
    assertThatThrownBy(() -> RuleLevels.parse("for 10s"))
        .hasMessageContaining("give a warning or a critical level");
    assertThatThrownBy(() -> RuleLevels.parse("critical 90, for soon"))
        .hasMessageContaining("'for' must be a duration");
    assertThatThrownBy(() -> RuleLevels.parse("severe 90"))
        .hasMessageContaining("unknown part 'severe'");
  }

  @Test
  void theEventCarriesTheLineThatWasCrossed() {
    ThresholdRule rule =
        new ThresholdRule("cpu", RuleLevels.parse("warning 70, critical 90, for 0s"));
    var event = rule.evaluate(75, 0).orElseThrow();
    assertThat(event.state()).isEqualTo(AlertState.FIRING);
    assertThat(event.severity()).isEqualTo(Severity.WARNING);
    assertThat(event.threshold()).isEqualTo(70);
  }
}
