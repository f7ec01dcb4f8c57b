package dev.vigil.agent.check;

import dev.vigil.agent.alert.ThresholdRule;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CheckStatus;
import dev.vigil.protocol.message.Severity;
import java.util.Optional;

/**
 * One check's flap-safe problem state, the check-run twin of {@link ThresholdRule}'s hold and
 * clear: {@code runs} failing runs in a row raise a problem (critical when every one of them was
 * critical or unknown, else a warning), as many critical runs in a row escalate a warning, and as
 * many passing runs in a row resolve it; a run that breaks a streak starts the count again. Not
 * thread-safe: a check has at most one run at a time, which feeds it.
 */
final class CheckVerdicts {
  private final int runs;
  private Severity firing;
  private int failed;
  private int critical;
  private int passed;

  CheckVerdicts(int runs) {
    this.runs = runs;
  }

  /** Feeds one run's verdict; returns an event when the problem opens, escalates or resolves. */
  Optional<ThresholdRule.Event> feed(CheckStatus status) {
    if (status == CheckStatus.OK) {
      failed = 0;
      critical = 0;
      passed++;
      if (firing != null && passed >= runs) {
        Severity was = firing;
        firing = null;
        return Optional.of(new ThresholdRule.Event(AlertState.RESOLVED, was, passed, runs, 0));
      }
      return Optional.empty();
    }
    passed = 0;
    failed++;
    critical = status == CheckStatus.WARNING ? 0 : critical + 1;
    if (firing == null && failed >= runs) {
      firing = critical >= runs ? Severity.CRITICAL : Severity.WARNING;
      return Optional.of(new ThresholdRule.Event(AlertState.FIRING, firing, failed, runs, 0));
    }
    if (firing == Severity.WARNING && critical >= runs) {
      firing = Severity.CRITICAL;
      return Optional.of(new ThresholdRule.Event(AlertState.FIRING, firing, failed, runs, 0));
    }
    return Optional.empty();
  }

  /** Whether its problem is open. */
  boolean failing() {
    return firing != null;
  }
}
