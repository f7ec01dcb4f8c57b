package dev.vigil.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostRulesTest {
  private static final RuleLevels AT_90 = new RuleLevels(Double.NaN, 90, 80, Duration.ZERO);

  @Test
  void memoryInUseFiresAndResolvesWithTheOperatorsSentence() {
    HostRules rules = new HostRules(Map.of("memory", AT_90));
    List<HostRules.Raised> fired = rules.evaluate(new StatsReport(1000, 5, 95, 100, 10));
    assertThat(fired).hasSize(1);
    assertThat(fired.getFirst().rule()).isEqualTo("memory");
    assertThat(fired.getFirst().event().state()).isEqualTo(AlertState.FIRING);
    assertThat(fired.getFirst().message()).isEqualTo("Memory at 95% for 0 s (critical at 90%)");

    List<HostRules.Raised> resolved = rules.evaluate(new StatsReport(2000, 5, 50, 100, 10));
    assertThat(resolved)
        .extracting(HostRules.Raised::message)
        .containsExactly("Memory back to 50% (below 80%)");
  }

  @Test
  void rulesNotConfiguredNeverFire() {
    HostRules rules = new HostRules(Map.of());
    assertThat(rules.evaluate(new StatsReport(1000, 100, 100, 100, 100_000))).isEmpty();
    assertThat(rules.evaluateDisks(List.of(new FileSystemUsage("/", "ext4", 1, 1)), 1000))
        .isEmpty();
  }

  @Test
  void eachFileSystemHasItsOwnRuleNamedAfterItsMount() {
    HostRules rules = new HostRules(Map.of("disk", AT_90));
    List<HostRules.Raised> raised =
        rules.evaluateDisks(
            List.of(
                new FileSystemUsage("/", "ext4", 95, 100),
                new FileSystemUsage("/var/log", "ext4", 99, 100),
                new FileSystemUsage("/home", "ext4", 10, 100)),
            1000);
    assertThat(raised)
        .extracting(HostRules.Raised::rule)
        .containsExactly("disk.root", "disk.var_log");
    assertThat(raised.get(1).message())
        .isEqualTo("Disk /var/log at 99% full for 0 s (critical at 90% full)");
    assertThat(HostRules.diskRuleName("/Mnt/My Disk/")).isEqualTo("disk.mnt_my_disk");
  }
}
