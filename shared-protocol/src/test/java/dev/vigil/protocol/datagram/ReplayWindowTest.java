package dev.vigil.protocol.datagram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

  @Test
  void eachCounterIsAcceptedOnce() {
    ReplayWindow w = new ReplayWindow();
    assertThat(w.accept(1)).isTrue();
    assertThat(w.accept(1)).isFalse();
    assertThat(w.accept(3)).isTrue();
    assertThat(w.accept(2)).isTrue();
    assertThat(w.accept(2)).isFalse();
    assertThat(w.highest()).isEqualTo(3);
  }

  @Test
  void countersOlderThanTheWindowAreRefused() {
    ReplayWindow w = new ReplayWindow();
    w.accept(5000);
    assertThat(w.isFresh(5000 - ReplayWindow.SIZE)).isFalse();
    assertThat(w.isFresh(5000 - ReplayWindow.SIZE + 1)).isTrue();
    assertThat(w.isFresh(0)).isFalse();
    assertThat(w.isFresh(-3)).isFalse();
  }

  @Test
  void slidingForwardForgetsOnlyWhatLeftTheWindow() {
    ReplayWindow w = new ReplayWindow();
    for (long c = 1; c <= 3000; c += 2) {
      assertThat(w.accept(c)).isTrue();
    }
    for (long c = 3000 - ReplayWindow.SIZE + 1; c <= 3000; c++) {
      assertThat(w.isFresh(c)).as("counter %d", c).isEqualTo(c % 2 == 0);
    }
  }

  @Test
  void checkingDoesNotMoveTheWindow() {
    ReplayWindow w = new ReplayWindow();
    assertThat(w.isFresh(1_000_000)).isTrue();
    assertThat(w.highest()).isZero();
    assertThat(w.accept(1)).isTrue();
  }

  @Test
  void wasAcceptedKnowsOnlyWhatIsInsideTheWindow() {
    ReplayWindow w = new ReplayWindow();
    w.accept(3);
    w.accept(5000);
    assertThat(w.wasAccepted(5000)).isTrue();
    assertThat(w.wasAccepted(4999)).isFalse();
    assertThat(w.wasAccepted(3)).as("accepted, but behind the window now").isFalse();
    assertThat(w.isFresh(3)).as("nor fresh: only a full record can tell").isFalse();
    assertThat(w.wasAccepted(0)).isFalse();
    assertThat(w.wasAccepted(6000)).isFalse();
  }
}
