package dev.vigil.agent.check;

import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.time.Duration;
import java.util.List;

/** What one kind of check does in one run; implementations are safe to run from any thread. */
public interface Probe {
  /**
   * What a run found.
   *
   * @param status its verdict
   * @param message one sentence for the operator (not yet made printable)
   * @param metrics what it measured
   */
  record Outcome(CheckStatus status, String message, List<CheckMetric> metrics) {
    public Outcome {
      metrics = List.copyOf(metrics);
    }

    static Outcome of(CheckStatus status, String message, CheckMetric... metrics) {
      return new Outcome(status, message, List.of(metrics));
    }
  }

  /**
   * Runs once, giving up at {@code timeout}.
   *
   * @throws InterruptedException when the agent stops meanwhile
   */
  Outcome run(Duration timeout) throws InterruptedException;
}
