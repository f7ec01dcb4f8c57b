package dev.vigil.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedMachineTest {
  @Test
  void samplesStayPlausibleAndPassTheProtocolsChecksOverAnHourOfReports() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    SimulatedMachine machine = new SimulatedMachine("sim-00001", random);
    double first = machine.sample(random).cpuPercent();
    boolean moved = false;
    for (int i = 0; i < 3600; i++) {
      StatsReport s = machine.sample(random);
      assertThat(s.cpuPercent()).isBetween(0.0, 100.0);
      assertThat(s.cpuPerCore()).allSatisfy(c -> assertThat(c).isBetween(0.0, 100.0));
      assertThat(s.memoryUsedBytes()).isBetween(0L, s.memoryTotalBytes());
      assertThat(s.loadAverage()).hasSize(3);
      moved |= s.cpuPercent() != first;
      // What the console decodes is what was sent.
      assertThat(MessageCodec.decode(MessageCodec.encode(s))).isEqualTo(s);
    }
    assertThat(moved).isTrue();
    assertThat(MessageCodec.decode(MessageCodec.encode(machine.slow(random)))).isNotNull();
  }

  @Test
  void processesCarryVariedUsersAndCommandLinesWithArgumentsAsTheRealAgentSendsThem()
      throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    Set<String> users = new HashSet<>();
    for (int m = 0; m < 20; m++) {
      SimulatedMachine machine = new SimulatedMachine("sim-" + m, random);
      SlowReport slow = machine.slow(random);
      assertThat(MessageCodec.decode(MessageCodec.encode(slow))).isEqualTo(slow);
      List<ProcessInfo> top = slow.topByCpu();
      assertThat(top).hasSizeGreaterThanOrEqualTo(5);
      assertThat(top).allSatisfy(p -> assertThat(p.user()).isNotBlank());
      assertThat(top).allSatisfy(p -> assertThat(p.commandLine()).contains(" "));
      assertThat(top.stream().mapToLong(ProcessInfo::pid).distinct().count()).isEqualTo(top.size());
      assertThat(top)
          .extracting(ProcessInfo::cpuPercent)
          .isSortedAccordingTo(java.util.Comparator.reverseOrder());
      top.forEach(p -> users.add(p.user()));
    }
    assertThat(users).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void aThousandAgentsCarryARoleARegionAndProdOrStagingThatTheInventoryAccepts() throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      List<String> tags = SimulatedMachine.tags(i);
      assertThat(tags).hasSize(3);
      seen.addAll(tags);
      var inventory =
          new SimulatedMachine("sim-" + i, tags, new SplittableRandom(i))
              .inventory(List.of("restart-service"), "0.1.0-swarm");
      assertThat(MessageCodec.decode(MessageCodec.encode(inventory))).isEqualTo(inventory);
      assertThat(inventory.tags()).isEqualTo(tags);
      assertThat(inventory.allowedServices()).containsExactly("nginx.service");
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "web",
            "db",
            "cache",
            "region:eu-west",
            "region:us-east",
            "region:ap-south",
            "prod",
            "staging");
    assertThat(SimulatedMachine.tags(0)).containsExactly("web", "region:eu-west", "prod");
    assertThat(SimulatedMachine.tags(3)).containsExactly("web", "region:us-east", "prod");
    assertThat(SimulatedMachine.tags(9)).containsExactly("web", "region:eu-west", "staging");
  }
}
