package dev.vigil.console;

import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The window's actions carried out by the manager, off the FX thread: writes to the trust store and
 * network sends never block a pulse. Results come back through the manager's listeners.
 */
public final class ManagerActions implements FleetActions {
  private final OperatorApi manager;
  private final Operator operator;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** The window's actions over a manager, done in the name of {@code operator}. */
  public ManagerActions(OperatorApi manager, Operator operator) {
    this.manager = manager;
    this.operator = operator;
  }

  @Override
  public String version() {
    return manager.info().version();
  }

  @Override
  public CompletableFuture<AgentView> view(String agentId) {
    return CompletableFuture.supplyAsync(() -> manager.view(agentId).orElse(null), executor);
  }

  @Override
  public CompletableFuture<List<dev.vigil.console.manager.api.CheckMinute>> checkHistory(
      String agentId, String check, String metric, Duration range) {
    return CompletableFuture.supplyAsync(
        () -> {
          Instant now = Instant.now();
          return manager.checkHistory(
              agentId, check, metric, now.minus(range), now.plusSeconds(60));
        },
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
  public CompletableFuture<List<dev.vigil.console.manager.api.NotificationChannel>>
      notificationChannels() {
    return CompletableFuture.supplyAsync(manager::notificationChannels, executor);
  }

  @Override
  public CompletableFuture<dev.vigil.console.manager.api.NotificationTest> sendTestNotification(
      String channel) {
    return CompletableFuture.supplyAsync(
            () -> manager.sendTestNotification(operator, channel), executor)
        .thenCompose(f -> f);
  }

  @Override
  public CompletableFuture<List<AlertEvent>> alertHistory(AlertQuery query) {
    return CompletableFuture.supplyAsync(() -> manager.alertHistory(query), executor);
  }

  @Override
  public CompletableFuture<Long> exportAlerts(Path file) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            // the save dialog asked before replacing a file
            return manager.exportAlerts(operator, file, true);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        executor);
  }

  @Override
  public void send(Command command, List<String> agentIds) {
    executor.execute(() -> agentIds.forEach(id -> manager.send(operator, id, command, Map.of())));
  }

  @Override
  public CompletableFuture<CommandOutcome> run(
      Command command, String agentId, Map<String, String> arguments) {
    return CompletableFuture.supplyAsync(
            () -> manager.send(operator, agentId, command, arguments), executor)
        .thenCompose(f -> f);
  }

  @Override
  public CompletableFuture<String> acknowledge(long alertId, String note) {
    return CompletableFuture.supplyAsync(
        () -> manager.acknowledge(operator, alertId, note) ? operator.name() : "", executor);
  }

  @Override
  public void snooze(String agentId, String rule, Duration duration) {
    executor.execute(
        () -> manager.snooze(operator, agentId, rule, java.time.Instant.now().plus(duration)));
  }

  @Override
  public void approve(Map<String, Fingerprint> compared) {
    executor.execute(() -> compared.forEach((id, key) -> manager.approve(operator, id, key)));
  }

  @Override
  public void reject(List<String> agentIds) {
    executor.execute(() -> agentIds.forEach(id -> manager.reject(operator, id)));
  }

  @Override
  public void forget(List<String> agentIds) {
    executor.execute(() -> agentIds.forEach(id -> manager.forget(operator, id)));
  }

  @Override
  public void rekey(String agentId, Fingerprint key) {
    executor.execute(() -> manager.rekey(operator, agentId, key));
  }

  @Override
  public CompletableFuture<Optional<Fingerprint>> refusedKey(String agentId) {
    return CompletableFuture.supplyAsync(() -> manager.refusedKey(agentId), executor);
  }

  @Override
  public CompletableFuture<Enrollment> enroll(Duration validFor, int uses) {
    return CompletableFuture.supplyAsync(() -> manager.enroll(operator, validFor, uses), executor);
  }

  @Override
  public Role role() {
    return manager.role();
  }

  @Override
  public boolean managesOperators() {
    return manager.operatorAdmin().isPresent();
  }

  @Override
  public CompletableFuture<List<dev.vigil.console.manager.api.OperatorAccount>> operators() {
    return CompletableFuture.supplyAsync(() -> admin().operators(), executor);
  }

  @Override
  public CompletableFuture<List<dev.vigil.console.manager.api.PendingInvitation>> invitations() {
    return CompletableFuture.supplyAsync(() -> admin().invitations(), executor);
  }

  @Override
  public CompletableFuture<dev.vigil.console.manager.api.Invitation> invite(
      String name, Role role, Duration validFor) {
    return CompletableFuture.supplyAsync(
        () -> admin().invite(operator, name, role, validFor), executor);
  }

  @Override
  public CompletableFuture<Boolean> removeOperator(String name) {
    return CompletableFuture.supplyAsync(() -> admin().remove(operator, name), executor);
  }

  private dev.vigil.console.manager.api.OperatorAdmin admin() {
    return manager
        .operatorAdmin()
        .orElseThrow(
            () ->
                new IllegalStateException(dev.vigil.console.manager.api.OperatorAdmin.NO_CHANNEL));
  }

  @Override
  public boolean stopsTheManager() {
    return manager.inProcess();
  }

  @Override
  public java.util.Optional<dev.vigil.console.manager.api.ManagerLinks> managers() {
    return manager.managerLinks();
  }

  @Override
  public String consoleFingerprint() {
    return manager.info().keyFingerprint().orElse("none (insecure mode)");
  }
}
