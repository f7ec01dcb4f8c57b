package dev.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CheckStatus;
import dev.vigil.protocol.message.Severity;
import org.junit.jupiter.api.Test;

class CheckVerdictsTest {
  private static final CheckStatus OK = CheckStatus.OK;
  private static final CheckStatus CRIT = CheckStatus.CRITICAL;
  private static final CheckStatus WARN = CheckStatus.WARNING;

  @Test
  void threeFailuresInARowOpenAProblemAndThreePassesInARowResolveIt() {
    CheckVerdicts v = new CheckVerdicts(3);
    assertThat(v.feed(CRIT)).isEmpty();
    assertThat(v.feed(CRIT)).isEmpty();
    var fired = v.feed(CRIT).orElseThrow();
    assertThat(fired.state()).isEqualTo(AlertState.FIRING);
    assertThat(fired.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.failing()).isTrue();
    assertThat(v.feed(OK)).isEmpty();
    assertThat(v.feed(OK)).isEmpty();
    var resolved = v.feed(OK).orElseThrow();
    assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.failing()).isFalse();
  }

  @Test
  void aFlappingCheckNeitherOpensNorClosesAProblem() {
    CheckVerdicts v = new CheckVerdicts(3);
    for (int i = 0; i < 10; i++) {
      assertThat(v.feed(CRIT)).isEmpty();
      assertThat(v.feed(CRIT)).isEmpty();
      assertThat(v.feed(OK)).isEmpty();
    }
    v.feed(CRIT);
    v.feed(CRIT);
    v.feed(CRIT);
    for (int i = 0; i < 10; i++) {
      assertThat(v.feed(OK)).isEmpty();
      assertThat(v.feed(OK)).isEmpty();
      assertThat(v.feed(WARN)).isEmpty();
    }
    assertThat(v.failing()).isTrue();
  }

  @Test
  void warningsOpenAWarningThatCriticalRunsEscalate() {
    CheckVerdicts v = new CheckVerdicts(2);
    v.feed(WARN);
    assertThat(v.feed(CheckStatus.UNKNOWN).orElseThrow().severity()).isEqualTo(Severity.WARNING);
    var escalated = v.feed(CRIT).orElseThrow();
    assertThat(escalated.state()).isEqualTo(AlertState.FIRING);
    assertThat(escalated.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.feed(CRIT)).isEmpty();
  }
}
