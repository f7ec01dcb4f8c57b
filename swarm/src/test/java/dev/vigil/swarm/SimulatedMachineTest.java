package dev.vigil.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.message.StatsReport;
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
}
