package dev.vigil.console;

import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.ui.AgentView;
import dev.vigil.console.ui.FleetActions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The window's actions carried out by the manager, off the FX thread: writes to the trust store and
 * network sends never block a pulse. Results come back through the manager's listeners.
 */
public final class ManagerActions implements FleetActions {
  private final ConsoleManager manager;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public ManagerActions(ConsoleManager manager) {
    this.manager = manager;
  }

  @Override
  public String version() {
    return Versions.consoleVersion();
  }

  @Override
  public CompletableFuture<AgentView> view(String agentId) {
    return CompletableFuture.supplyAsync(
        () ->
            manager
                .agent(agentId)
                .map(
                    a ->
                        new AgentView(
                            a, manager.details(agentId).orElse(null), manager.liveHistory(agentId)))
                .orElse(null),
        executor);
  }

  @Override
  public CompletableFuture<List<MinuteAggregate>> history(
      String agentId, Metric metric, Duration range) {
    return CompletableFuture.supplyAsync(
        () -> {
          Instant now = Instant.now();
          return manager.history(agentId, metric, now.minus(range), now.plusSeconds(60));
        },
        executor);
  }

  @Override
  public CompletableFuture<List<AlertEvent>> alertHistory(AlertQuery query) {
    return CompletableFuture.supplyAsync(() -> manager.store().alertHistory(query), executor);
  }

  @Override
  public CompletableFuture<Long> exportAlerts(Path file) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return manager.store().exportAlerts(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        executor);
  }

  @Override
  public void send(String command, List<String> agentIds) {
    executor.execute(() -> agentIds.forEach(id -> manager.sendCommand(id, command)));
  }

  @Override
  public CompletableFuture<CommandOutcome> run(
      String command, String agentId, Map<String, String> arguments) {
    return CompletableFuture.supplyAsync(
            () -> manager.sendCommand(agentId, command, arguments), executor)
        .thenCompose(f -> f);
  }

  @Override
  public CompletableFuture<String> acknowledge(long alertId, String note) {
    String who = System.getProperty("user.name", "operator");
    return CompletableFuture.supplyAsync(
        () -> manager.acknowledge(alertId, who, note) ? who : "", executor);
  }

  @Override
  public void snooze(String agentId, String rule, Duration duration) {
    executor.execute(() -> manager.snooze(agentId, rule, java.time.Instant.now().plus(duration)));
  }

  @Override
  public void approve(List<String> agentIds) {
    executor.execute(() -> agentIds.forEach(manager::approve));
  }

  @Override
  public void reject(List<String> agentIds) {
    executor.execute(() -> agentIds.forEach(manager::reject));
  }

  @Override
  public void forget(List<String> agentIds) {
    executor.execute(() -> agentIds.forEach(manager::forget));
  }

  @Override
  public CompletableFuture<Enrollment> enroll(Duration validFor, int uses) {
    return CompletableFuture.supplyAsync(() -> manager.createEnrollment(validFor, uses), executor);
  }

  @Override
  public String consoleFingerprint() {
    return manager.fingerprint().map(Object::toString).orElse("none (insecure mode)");
  }
}
