package dev.vigil.agent.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretends: logs and reports exactly what the real control would have done, and does nothing. For
 * demos, tests and a careful first rollout.
 */
public final class DryRunHostControl implements HostControl {
  private static final Logger LOG = LoggerFactory.getLogger(DryRunHostControl.class);

  private final List<String> restart;
  private final List<String> shutdown;

  public DryRunHostControl() {
    this(OsHostControl.restartCommandLine(), OsHostControl.shutdownCommandLine());
  }

  DryRunHostControl(List<String> restart, List<String> shutdown) {
    this.restart = List.copyOf(restart);
    this.shutdown = List.copyOf(shutdown);
  }

  @Override
  public String restart() {
    return pretend("run '" + String.join(" ", restart) + "'");
  }

  @Override
  public String shutdown() {
    return pretend("run '" + String.join(" ", shutdown) + "'");
  }

  @Override
  public String restartService(String unit) {
    return pretend(
        "run '"
            + String.join(" ", OsHostControl.restartServiceCommandLine("systemctl", unit))
            + "'");
  }

  @Override
  public String kill(long pid) throws CommandFailedException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      throw new CommandFailedException("there is no process " + pid);
    }
    return pretend(
        "ask process "
            + pid
            + " ("
            + process.get().info().command().orElse("?")
            + ") to terminate");
  }

  /** Not needed: a dry run's restart is final at once. */
  @Override
  public Optional<Instant> bootTime() {
    return Optional.empty();
  }

  @Override
  public boolean pretends() {
    return true;
  }

  private static String pretend(String action) {
    LOG.info("DRY RUN: would {}", action);
    return "dry run: would " + action;
  }
}
