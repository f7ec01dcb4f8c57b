package dev.vigil.console.manager.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {
  @Test
  void givesOutAtMostItsTurnsAndTurnsTheRestAwayAfterTheWait() throws Exception {
    HandshakeGate gate = new HandshakeGate(2, Duration.ofMillis(50));
    HandshakeGate.Turn first = gate.enter();
    HandshakeGate.Turn second = gate.enter();
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(gate.inUse()).isEqualTo(2);

    assertThat(gate.enter()).isNull();
    assertThat(gate.turnedAway()).isEqualTo(1);

    first.close();
    first.close(); // a turn is given back once, however often it is closed
    assertThat(gate.inUse()).isEqualTo(1);
    HandshakeGate.Turn third = gate.enter();
    assertThat(third).isNotNull();
    assertThat(gate.enter()).isNull();
    assertThat(gate.turnedAway()).isEqualTo(2);
    second.close();
    third.close();
    assertThat(gate.inUse()).isZero();
  }

  @Test
  void keepsEveryCoreBusyWithAFloorOfSixteen() {
    assertThat(HandshakeGate.forProcessors(1).size()).isEqualTo(16);
    assertThat(HandshakeGate.forProcessors(2).size()).isEqualTo(16);
    assertThat(HandshakeGate.forProcessors(8).size()).isEqualTo(64);
  }
}
