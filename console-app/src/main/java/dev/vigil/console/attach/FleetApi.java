package dev.vigil.console.attach;

import dev.vigil.console.export.ExportFile;
import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.AuditCheck;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.ManagerLinks;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAdmin;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.Snooze;
import dev.vigil.console.manager.api.Subscription;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The operator API of a window attached to one or more managers ({@link ManagerSet}): reading
 * merges them, and each call goes to the manager holding its agent or alert; enrollment, audits and
 * operators are the first manager's (the one named on the command line). With one manager it
 * answers as that manager does.
 */
public final class FleetApi implements OperatorApi, AutoCloseable {
  private final ManagerSet set;

  public FleetApi(ManagerSet set) {
    this.set = set;
  }

  private RemoteOperatorApi first() {
    RemoteOperatorApi a = set.first().api;
    if (a == null) {
      throw new IllegalStateException("Not attached to " + set.first().name() + " yet");
    }
    return a;
  }

  private RemoteOperatorApi holder(String agentId) {
    return set.holder(agentId)
        .map(m -> m.api)
        .orElseThrow(
            () -> new IllegalArgumentException("No manager in this window holds agent " + agentId));
  }

  @Override
  public ManagerInfo info() {
    return first().info();
  }

  @Override
  public List<AgentSnapshot> agents() {
    return set.agents();
  }

  @Override
  public Optional<AgentSnapshot> agent(String agentId) {
    return set.agent(agentId);
  }

  @Override
  public Optional<AgentView> view(String agentId) {
    return set.view(agentId);
  }

  @Override
  public List<MinuteAggregate> history(String agentId, Metric metric, Instant from, Instant to) {
    return set.holder(agentId).map(m -> m.api.history(agentId, metric, from, to)).orElse(List.of());
  }

  @Override
  public List<CheckMinute> checkHistory(
      String agentId, String check, String metric, Instant from, Instant to) {
    return set.holder(agentId)
        .map(m -> m.api.checkHistory(agentId, check, metric, from, to))
        .orElse(List.of());
  }

  @Override
  public List<AlertEvent> recentAlerts() {
    return set.recentAlerts();
  }

  @Override
  public List<Problem> problems() {
    return set.problems();
  }

  @Override
  public List<AlertEvent> alertHistory(AlertQuery query) {
    return set.alertHistory(query);
  }

  @Override
  public Optional<Acknowledgement> acknowledgement(long alertId) {
    return set.holderOf(alertId)
        .filter(m -> m.api != null)
        .flatMap(
            m -> m.api.acknowledgement(ManagerSet.inner(alertId)).map(a -> ManagerSet.outer(m, a)));
  }

  @Override
  public List<Snooze> snoozes() {
    return set.attached().flatMap(m -> m.api.snoozes().stream()).toList();
  }

  @Override
  public Subscription subscribe(FleetListener listener) {
    set.listen(listener);
    return () -> set.unlisten(listener);
  }

  @Override
  public Optional<String> refusal(String agentId, Command command) {
    Optional<ManagerSet.Member> m = set.holder(agentId);
    if (m.isEmpty()) {
      return Optional.of("No manager in this window holds that agent.");
    }
    if (!m.get().attached) {
      return Optional.of(
          "Its manager, " + m.get().name() + ", cannot be reached: " + m.get().sentence);
    }
    return m.get().api.refusal(agentId, command);
  }

  @Override
  public CompletableFuture<CommandOutcome> send(
      Operator who, String agentId, Command command, Map<String, String> arguments) {
    return holder(agentId).send(who, agentId, command, arguments);
  }

  @Override
  public boolean acknowledge(Operator who, long alertId, String note) {
    return set.holderOf(alertId)
        .filter(m -> m.api != null)
        .map(m -> m.api.acknowledge(who, ManagerSet.inner(alertId), note))
        .orElse(false);
  }

  @Override
  public void snooze(Operator who, String agentId, String rule, Instant until) {
    holder(agentId).snooze(who, agentId, rule, until);
  }

  @Override
  public AuditCheck verifyAudit(Operator who) {
    return first().verifyAudit(who);
  }

  /**
   * With one manager, its own file; with several, one file of every manager's rows, each with its
   * manager's name as a last cell (decision 22). Refused while one of them cannot be reached, so
   * that a file never silently misses a manager's rows.
   */
  @Override
  public long exportAlerts(Operator who, Path file, boolean replace) throws IOException {
    if (set.members().size() == 1) {
      return first().exportAlerts(who, file, replace);
    }
    return joined(file, replace, null, null);
  }

  /** As {@link #exportAlerts}: one manager's file, or every manager's rows with its name. */
  @Override
  public long exportHistory(Operator who, Path file, Instant from, Instant to, boolean replace)
      throws IOException {
    if (set.members().size() == 1) {
      return first().exportHistory(who, file, from, to, replace);
    }
    return joined(file, replace, from, to);
  }

  private long joined(Path file, boolean replace, Instant from, Instant to) throws IOException {
    List<ManagerSet.Member> members = List.copyOf(set.members());
    for (ManagerSet.Member m : members) {
      if (m.api == null || !m.attached) {
        throw new IOException(
            "the manager "
                + m.name()
                + " cannot be reached ("
                + m.sentence
                + "), and the file would miss its rows; export again when it is back, or remove"
                + " it from this window");
      }
    }
    try (ExportFile export = ExportFile.create(file, replace)) {
      long rows = 0;
      for (ManagerSet.Member m : members) {
        ManagerColumn rowsOf = new ManagerColumn(export.output(), m.name(), m == members.get(0));
        rows += m.api.exportInto(rowsOf, from, to);
        rowsOf.flush();
      }
      export.commit();
      return rows;
    }
  }

  @Override
  public Enrollment enroll(Operator who, Duration validFor, int uses) {
    return first().enroll(who, validFor, uses);
  }

  @Override
  public boolean approve(Operator who, String agentId, Fingerprint compared) {
    return holder(agentId).approve(who, agentId, compared);
  }

  @Override
  public boolean reject(Operator who, String agentId) {
    return holder(agentId).reject(who, agentId);
  }

  @Override
  public boolean forget(Operator who, String agentId) {
    return holder(agentId).forget(who, agentId);
  }

  @Override
  public boolean rekey(Operator who, String agentId, Fingerprint key) {
    return holder(agentId).rekey(who, agentId, key);
  }

  @Override
  public Optional<Fingerprint> refusedKey(String agentId) {
    return set.holder(agentId).flatMap(m -> m.api.refusedKey(agentId));
  }

  @Override
  public void connect(Operator who, String host, int port, Fingerprint expected) {
    first().connect(who, host, port, expected);
  }

  /** The first manager's channels: the window sends its notifications' tests there. */
  @Override
  public List<dev.vigil.console.manager.api.NotificationChannel> notificationChannels() {
    return first().notificationChannels();
  }

  @Override
  public CompletableFuture<dev.vigil.console.manager.api.NotificationTest> sendTestNotification(
      Operator who, String channel) {
    return first().sendTestNotification(who, channel);
  }

  @Override
  public Role role() {
    return set.role();
  }

  @Override
  public boolean inProcess() {
    return false;
  }

  @Override
  public Optional<OperatorAdmin> operatorAdmin() {
    return first().operatorAdmin();
  }

  @Override
  public Optional<ManagerLinks> managerLinks() {
    return Optional.of(set);
  }

  /** The operator name the first manager knows this console by. */
  public String operatorName() {
    return first().operatorName();
  }

  @Override
  public void close() {
    set.close();
  }
}
