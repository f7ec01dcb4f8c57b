package dev.vigil.console.headless;

import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AgentDetails;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.AuditCheck;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.Snooze;
import dev.vigil.console.manager.api.Subscription;
import dev.vigil.console.manager.api.UdpCounters;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The operator API over records held in memory, so that the headless console can be driven without
 * a manager: agents, alerts and snoozes are whatever a test puts in, and every action is recorded
 * with the operator who asked. Not thread-safe; tests run the console on their own thread.
 */
final class InMemoryOperatorApi implements OperatorApi {
  /** A command the console asked to send. */
  record Sent(Operator who, String agentId, Command command, Map<String, String> arguments) {}

  /** A dial the console asked for. */
  record Dial(Operator who, String host, int port, Fingerprint expected) {}

  final List<AgentSnapshot> agents = new ArrayList<>();
  final Set<String> connected = new HashSet<>();
  final Map<String, AgentDetails> details = new HashMap<>();
  final List<AlertEvent> alerts = new ArrayList<>();
  final Map<Long, Acknowledgement> acknowledgements = new HashMap<>();
  final List<Snooze> snoozes = new ArrayList<>();
  final List<dev.vigil.console.manager.api.Problem> problems = new ArrayList<>();
  final List<MinuteAggregate> history = new ArrayList<>();
  final List<Sent> sent = new ArrayList<>();
  final List<Dial> dials = new ArrayList<>();
  final List<String> decisions = new ArrayList<>();
  final Map<String, Fingerprint> refusedKeys = new HashMap<>();
  String processesDetail = "  PID  NAME\n   42  sshd\n";
  RuntimeException failure;

  /** An online, connected agent with stats, allowing {@code allowed} besides the defaults. */
  AgentSnapshot add(String id, String hostname, Command... allowed) {
    List<String> names = new ArrayList<>(List.of("refresh", "processes"));
    for (Command c : allowed) {
      names.add(c.wireName());
    }
    AgentSnapshot a =
        new AgentSnapshot(
            id,
            hostname,
            "Linux",
            "10.0.0.5",
            AgentStatus.ONLINE,
            names,
            new StatsReport(1_000, 12.5, 2L << 30, 8L << 30, 120),
            System.currentTimeMillis(),
            "SHA256:agentkey");
    agents.add(a);
    connected.add(id);
    return a;
  }

  @Override
  public ManagerInfo info() {
    if (failure != null) {
      throw failure;
    }
    return new ManagerInfo(
        "test",
        "SHA256:consolekey",
        new InetSocketAddress("127.0.0.1", 7471),
        new InetSocketAddress("127.0.0.1", 7472),
        null,
        new UdpCounters(3, 1, 0, 2, 0),
        new ManagerInfo.SessionCounters(1, 0, 0, 0, 4, 0),
        null);
  }

  @Override
  public List<AgentSnapshot> agents() {
    return List.copyOf(agents);
  }

  @Override
  public Optional<AgentSnapshot> agent(String agentId) {
    return agents.stream().filter(a -> a.agentId().equals(agentId)).findFirst();
  }

  @Override
  public Optional<AgentView> view(String agentId) {
    return agent(agentId).map(a -> new AgentView(a, details.get(agentId), LiveSeries.EMPTY));
  }

  @Override
  public List<MinuteAggregate> history(String agentId, Metric metric, Instant from, Instant to) {
    return history.stream()
        .filter(m -> m.agentId().equals(agentId) && m.metric() == metric)
        .filter(
            m -> m.minuteMillis() >= from.toEpochMilli() && m.minuteMillis() < to.toEpochMilli())
        .toList();
  }

  /** Check minutes a test puts in, as the manager's store would hold them. */
  public final List<dev.vigil.console.manager.api.CheckMinute> checkMinutes =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public List<dev.vigil.console.manager.api.CheckMinute> checkHistory(
      String agentId, String check, String metric, Instant from, Instant to) {
    return checkMinutes.stream()
        .filter(m -> m.agentId().equals(agentId) && m.check().equals(check))
        .filter(m -> m.metric().equals(metric))
        .filter(
            m -> m.minuteMillis() >= from.toEpochMilli() && m.minuteMillis() < to.toEpochMilli())
        .toList();
  }

  @Override
  public List<AlertEvent> recentAlerts() {
    return List.copyOf(alerts.reversed());
  }

  @Override
  public List<dev.vigil.console.manager.api.Problem> problems() {
    return List.copyOf(problems);
  }

  @Override
  public List<AlertEvent> alertHistory(AlertQuery query) {
    return recentAlerts().stream().limit(query.limit()).toList();
  }

  @Override
  public Optional<Acknowledgement> acknowledgement(long alertId) {
    return Optional.ofNullable(acknowledgements.get(alertId));
  }

  @Override
  public List<Snooze> snoozes() {
    return List.copyOf(snoozes);
  }

  @Override
  public Subscription subscribe(FleetListener listener) {
    return () -> {};
  }

  @Override
  public Optional<String> refusal(String agentId, Command command) {
    Optional<AgentSnapshot> agent = agent(agentId);
    if (agent.isEmpty()) {
      return Optional.of("this console does not know the agent " + agentId);
    }
    if (!connected.contains(agentId)) {
      return Optional.of(agent.get().hostname() + " is not connected");
    }
    return AllowList.announced(agent.get().allowedCommands(), "its config").refusal(command);
  }

  @Override
  public CompletableFuture<CommandOutcome> send(
      Operator who, String agentId, Command command, Map<String, String> arguments) {
    Map<String, String> checked = command.checkArguments(arguments);
    sent.add(new Sent(who, agentId, command, checked));
    String hostname = agent(agentId).map(AgentSnapshot::hostname).orElse(agentId);
    String detail = command == Command.PROCESSES ? processesDetail : "done";
    return CompletableFuture.completedFuture(
        new CommandOutcome(
            "c-" + sent.size(),
            agentId,
            hostname,
            command,
            CommandOutcome.Status.SUCCEEDED,
            detail));
  }

  @Override
  public boolean acknowledge(Operator who, long alertId, String note) {
    if (alerts.stream().noneMatch(e -> e.id() == alertId)) {
      return false;
    }
    acknowledgements.put(
        alertId, new Acknowledgement(alertId, who.name(), System.currentTimeMillis(), note));
    return true;
  }

  @Override
  public void snooze(Operator who, String agentId, String rule, Instant until) {
    snoozes.add(new Snooze(agentId, rule == null ? "*" : rule, until));
  }

  /** What verify-audit answers: the chain holds unless a test says otherwise. */
  AuditCheck auditCheck = AuditCheck.intact(0);

  @Override
  public AuditCheck verifyAudit(Operator who) {
    return auditCheck;
  }

  @Override
  public long exportAlerts(Operator who, Path file, boolean replace) throws IOException {
    Files.writeString(file, "id\n");
    return alerts.size();
  }

  @Override
  public long exportHistory(Operator who, Path file, Instant from, Instant to, boolean replace)
      throws IOException {
    Files.writeString(file, "minute\n");
    return history.size();
  }

  @Override
  public Enrollment enroll(Operator who, Duration validFor, int uses) {
    return Enrollment.forToken(
        "tok", Instant.now().plus(validFor), uses, "console.example", 7471, "SHA256:consolekey");
  }

  @Override
  public boolean approve(Operator who, String agentId, Fingerprint compared) {
    // as the manager does: only while the agent's key is the one compared
    if (agent(agentId).filter(a -> compared.value().equals(a.fingerprint())).isEmpty()) {
      return false;
    }
    return decide("approve", agentId);
  }

  @Override
  public boolean reject(Operator who, String agentId) {
    return decide("reject", agentId);
  }

  @Override
  public boolean forget(Operator who, String agentId) {
    return decide("forget", agentId);
  }

  private boolean decide(String verb, String agentId) {
    decisions.add(verb + " " + agentId);
    return agent(agentId.split(" ")[0]).isPresent();
  }

  @Override
  public boolean rekey(Operator who, String agentId, Fingerprint key) {
    return decide("rekey", agentId + " " + key);
  }

  @Override
  public Optional<Fingerprint> refusedKey(String agentId) {
    return Optional.ofNullable(refusedKeys.get(agentId));
  }

  @Override
  public void connect(Operator who, String host, int port, Fingerprint expected) {
    dials.add(new Dial(who, host, port, expected));
  }
}
