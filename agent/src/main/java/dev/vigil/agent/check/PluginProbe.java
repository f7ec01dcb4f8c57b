package dev.vigil.agent.check;

import dev.vigil.protocol.message.CheckStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a Nagios-compatible plugin (through {@link BoundedRun}: no shell, output capped, killed at
 * its timeout): exit 0, 1, 2 and 3 are OK, warning, critical and unknown, any other code unknown;
 * its first line is the message and its performance data the metrics.
 */
final class PluginProbe implements Probe {
  private final List<String> command;

  PluginProbe(CheckSpec spec) {
    List<String> c = new ArrayList<>();
    c.add(spec.target());
    c.addAll(spec.arguments());
    this.command = List.copyOf(c);
  }

  @Override
  public Outcome run(Duration timeout) throws InterruptedException {
    BoundedRun.Result result;
    try {
      result = BoundedRun.run(command, timeout);
    } catch (IOException e) {
      return Outcome.of(
          CheckStatus.UNKNOWN,
          "The plugin " + command.getFirst() + " cannot run: " + e.getMessage());
    }
    PluginOutput.Parsed parsed = PluginOutput.parse(result.output());
    if (result.timedOut()) {
      return new Outcome(
          CheckStatus.UNKNOWN,
          "The plugin " + command.getFirst() + " was killed after " + timeout.toMillis() + " ms",
          parsed.metrics());
    }
    CheckStatus status =
        switch (result.exitCode()) {
          case 0 -> CheckStatus.OK;
          case 1 -> CheckStatus.WARNING;
          case 2 -> CheckStatus.CRITICAL;
          default -> CheckStatus.UNKNOWN;
        };
    String message =
        parsed.message().isEmpty()
            ? "The plugin exited with " + result.exitCode() + " and printed nothing"
            : parsed.message();
    if (result.exitCode() > 3) {
      message = "The plugin exited with " + result.exitCode() + ": " + message;
    }
    return new Outcome(status, message, parsed.metrics());
  }
}
