package dev.vigil.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OshiSystemProbeTest {

  @Test
  void samplesAreWithinTheirInvariants() {
    OshiSystemProbe probe = new OshiSystemProbe();
    for (int i = 0; i < 3; i++) {
      SystemSample s = probe.sample();
      assertThat(s.cpuPercent()).isBetween(0.0, 100.0);
      assertThat(s.memoryTotalBytes()).isPositive();
      assertThat(s.memoryUsedBytes()).isBetween(0L, s.memoryTotalBytes());
      assertThat(s.processCount()).isPositive();
    }
  }

  @Test
  void factsNameTheHostAndTheSystem() {
    HostFacts facts = new OshiSystemProbe().facts();
    assertThat(facts.hostname()).isNotBlank();
    assertThat(facts.os()).isNotBlank();
  }
}
