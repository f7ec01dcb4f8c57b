package dev.vigil.agent;

import dev.vigil.agent.alert.AlertText;
import dev.vigil.agent.alert.BudgetWatch;
import dev.vigil.agent.alert.HostRules;
import dev.vigil.agent.alert.ThresholdRule;
import dev.vigil.agent.audit.AuditCheck;
import dev.vigil.agent.audit.AuditTrail;
import dev.vigil.agent.check.Probes;
import dev.vigil.agent.check.ServiceChecks;
import dev.vigil.agent.command.CommandExecutor;
import dev.vigil.agent.command.CommandRunner;
import dev.vigil.agent.command.DryRunHostControl;
import dev.vigil.agent.command.HostControl;
import dev.vigil.agent.command.OsHostControl;
import dev.vigil.agent.command.PowerCommandJournal;
import dev.vigil.agent.link.ConsolePin;
import dev.vigil.agent.link.ManagerLink;
import dev.vigil.agent.outbox.Outbox;
import dev.vigil.agent.outbox.OutboxHandover;
import dev.vigil.agent.probe.HostFacts;
import dev.vigil.agent.probe.MachineReports;
import dev.vigil.agent.probe.SystemProbe;
import dev.vigil.common.LogText;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.ConsoleMessage;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.session.ConsoleSession;
import dev.vigil.protocol.session.SessionHandler;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent, wired and scheduled: samples the machine on a fixed cadence and reports to the
 * console, feeds its {@link HostRules} and its {@link BudgetWatch} and sends what they raise both
 * ways (datagram and acknowledged TCP), and hands the console's commands to a {@link
 * CommandRunner}. Unacknowledged alerts are kept and re-sent in order on every new session.
 */
public final class Agent implements SessionHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private static final long SLOW_PERIOD_SECONDS = 30;

  private final AgentConfig config;
  private final UUID agentId;
  private final SystemProbe probe;
  private final HostFacts facts;
  private final MachineReports reports;
  private final HostRules rules;
  private final BudgetWatch budget;
  private long reportedDrops;

  private final CommandExecutor executor;
  private final CommandRunner commands;
  private final ScheduledExecutorService sampler;
  private final ScheduledExecutorService slowProbes;
  private final ManagerLink link;
  private final TlsIdentity identity;
  private final Thread linkThread;
  private final Outbox outbox;
  private final OutboxHandover handover;
  private final AuditTrail audit;
  private final ServiceChecks checks;
  private final ConcurrentLinkedQueue<CheckResult> checksRan = new ConcurrentLinkedQueue<>();
  private final Runnable tickTask = AgentTimers.guarded("sampling", this::tick);
  private final Runnable slowTask = AgentTimers.guarded("slow probes", this::slowTick);

  public Agent(AgentConfig config, UUID agentId, SystemProbe probe) throws IOException {
    this(
        config,
        agentId,
        probe,
        config.dryRun() ? new DryRunHostControl() : new OsHostControl(probe::bootTime));
  }

  /**
   * An agent whose power and process operations go to {@code host}: the real machine, a dry run, or
   * a test's stand-in. Restarts and shutdowns an earlier run accepted on this data directory are
   * finished here: their results wait in the outbox for the first session.
   */
  public Agent(AgentConfig config, UUID agentId, SystemProbe probe, HostControl host)
      throws IOException {
    this.config = config;
    this.agentId = agentId;
    this.probe = probe;
    this.facts = probe.facts();
    this.reports = new MachineReports(probe);
    this.outbox = new Outbox(config.dataDir(), config.outboxLimit());
    this.budget =
        new BudgetWatch(
            config.cpuBudgetPercent(), config.memoryBudgetBytes(), Duration.ofSeconds(60));
    this.handover = new OutboxHandover(outbox);
    this.audit = new AuditTrail(config.dataDir());
    AuditCheck chain = audit.verify();
    if (!chain.intact()) {
      LOG.error(chain.sentence());
    }
    this.rules = new HostRules(config.rules());
    this.checks =
        new ServiceChecks(config.checks(), s -> Probes.of(s, Probes.SYSTEMCTL), this::checkRan);
    this.executor =
        new CommandExecutor(
            config.allowList(),
            config.allowedServices(),
            host,
            this::refreshNow,
            reports::processTable,
            audit);
    this.commands =
        new CommandRunner(executor, handover, new PowerCommandJournal(config.dataDir(), host));
    commands.finishPowerCommands();
    SSLContext tls = null;
    ConsolePin pin = null;
    if (config.insecure()) {
      LOG.warn(
          "INSECURE MODE: this agent talks to the console in plain TCP without checking its key;"
              + " anyone on the network can read its reports and send it commands."
              + " Use this only in a lab.");
      this.identity = null;
    } else {
      this.identity = TlsIdentity.loadOrCreate(config.dataDir(), "vigil-agent " + facts.hostname());
      pin = new ConsolePin(config.dataDir(), config.consoleFingerprint(), config.trustOnFirstUse());
      tls = TlsContexts.create(identity, pin.check());
    }
    ManagerLink.Peer me = new ManagerLink.Peer(agentId, this::hello, this, tls, pin);
    this.link =
        config.listen() != null
            ? ManagerLink.listening(config.listen(), me)
            : ManagerLink.dialing(
                config.managerHost(), config.managerPort(), me, config.initialConnectDelay());
    this.slowProbes =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigil-slow-probes").daemon().unstarted(r));
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigil-sampler").daemon().unstarted(r));
    this.linkThread = Thread.ofPlatform().name("vigil-link").daemon().unstarted(link);
  }

  /** Starts sampling and dialling the console. */
  public void start() {
    LOG.info(
        "Vigil agent {} on {} reporting {} every {} ms{}",
        agentId,
        facts.hostname(),
        config.listen() != null
            ? "to the console that dials in on port " + link.listenPort()
            : "to " + config.managerHost() + ":" + config.managerPort(),
        config.statsInterval().toMillis(),
        "; the console may run: "
            + (executor.allowedCommands().isEmpty()
                ? "nothing"
                : String.join(", ", executor.allowedCommands()))
            + (config.dryRun() ? " (dry run)" : ""));
    fingerprint()
        .ifPresent(
            f ->
                LOG.info(
                    "This agent's key fingerprint is {} (the console shows it for approval)", f));
    long period = config.statsInterval().toMillis();
    sampler.scheduleAtFixedRate(tickTask, period, period, TimeUnit.MILLISECONDS);
    slowProbes.schedule(this::slowLoop, SLOW_PERIOD_SECONDS, TimeUnit.SECONDS);
    sampler.scheduleWithFixedDelay(
        AgentTimers.guarded("heartbeat", this::heartbeat), 250, 250, TimeUnit.MILLISECONDS);
    linkThread.start();
    if (checks.size() > 0) {
      LOG.info("Running {} service check(s): {}", checks.size(), String.join(", ", checks.names()));
      checks.start();
    }
  }

  /**
   * A check's run finished: its result goes with the next stats report, what it raised travels the
   * alert path (outbox, datagram and acknowledged TCP) as the rule {@code check.NAME}.
   */
  private void checkRan(CheckResult result, Optional<HostRules.Raised> raised) {
    checksRan.add(result);
    raised.ifPresent(r -> store(r.rule(), r.event(), System.currentTimeMillis(), r.message()));
  }

  /** The check results queued since the last report, the newest of each check. */
  private List<CheckResult> drainChecksRan() {
    if (checksRan.isEmpty()) {
      return List.of();
    }
    Map<String, CheckResult> newest = new LinkedHashMap<>();
    for (CheckResult r; (r = checksRan.poll()) != null; ) {
      newest.put(r.name(), r);
    }
    return List.copyOf(newest.values());
  }

  private Hello hello() {
    return new Hello(
        Protocol.VERSION,
        agentId.toString(),
        facts.hostname(),
        facts.os(),
        Versions.agentVersion(),
        executor.allowedCommands(),
        config.enrollmentToken(),
        config.statsInterval().toMillis());
  }

  private void tick() {
    try {
      StatsReport sample = probe.sample();
      List<CheckResult> ran = drainChecksRan();
      if (!ran.isEmpty()) {
        sample = sample.withChecks(ran);
      }
      long now = sample.sampledAtMillis();
      rules.evaluate(sample).forEach(r -> store(r.rule(), r.event(), now, r.message()));
      checkBudget(sample, now);
      reportOutboxDrops(now);
      ConsoleSession s = handover.session();
      if (s != null) {
        s.send(sample);
      }
    } catch (IOException e) {
      LOG.debug("Could not send stats: {}", e.getMessage());
    }
  }

  /** Tells the console, once per overflow, how many of the oldest entries the outbox dropped. */
  private void reportOutboxDrops(long now) {
    long dropped = outbox.dropped();
    if (dropped > reportedDrops) {
      reportedDrops = dropped;
      store(
          "agent.outbox",
          new ThresholdRule.Event(
              AlertState.FIRING, Severity.WARNING, dropped, config.outboxLimit(), 0),
          now,
          "The outbox was full (limit "
              + config.outboxLimit()
              + "): "
              + dropped
              + " oldest alerts and results dropped since start");
      // Storing the report may itself push out the oldest entry: that is part of this report.
      reportedDrops = outbox.dropped();
    }
  }

  /**
   * Proves life whenever nothing else was sent for a heartbeat interval, whatever the stats
   * cadence.
   */
  private void heartbeat() {
    ConsoleSession s = handover.session();
    if (s != null) {
      try {
        s.heartbeatIfIdle();
      } catch (IOException e) {
        LOG.debug("Heartbeat not sent: {}", e.getMessage());
      }
    }
  }

  /** Runs the slow probes, then comes back after the current period (longer when over budget). */
  private void slowLoop() {
    slowTask.run();
    AgentTimers.runLater(
        slowProbes, this::slowLoop, SLOW_PERIOD_SECONDS * budget.slowDown(), "slow probes");
  }

  /**
   * Watches the agent's own cost: over its budget for a minute, it spaces its slow probes out and
   * says so in its log and to the console; back under, it returns to its normal cadence.
   */
  private void checkBudget(StatsReport sample, long now) {
    budget
        .check(sample.agentCpuPercent(), sample.agentResidentBytes(), now)
        .ifPresent(
            e -> {
              String cost = budget.cost(sample.agentCpuPercent(), sample.agentResidentBytes());
              if (e.state() == AlertState.FIRING) {
                LOG.warn(
                    "The agent is over its budget: {}; running its slow probes every {} s instead of {} s",
                    cost,
                    SLOW_PERIOD_SECONDS * budget.slowDown(),
                    SLOW_PERIOD_SECONDS);
              } else {
                LOG.info("The agent is back within its budget: {}", cost);
              }
              store(
                  budget.name(),
                  e,
                  now,
                  AlertText.of(e, "Agent cost (" + cost + ")", "% of budget"));
            });
  }

  /** The slow probes: file systems and the top processes, every {@link #SLOW_PERIOD_SECONDS}. */
  private void slowTick() {
    try {
      SlowReport report = reports.slow();
      if (checks.size() > 0) {
        report = report.withChecks(checks.latest());
      }
      long now = report.sampledAtMillis();
      rules
          .evaluateDisks(report.fileSystems(), now)
          .forEach(r -> store(r.rule(), r.event(), now, r.message()));
      ConsoleSession s = handover.session();
      if (s != null) {
        s.send(report);
      }
    } catch (IOException e) {
      LOG.debug("Could not send the slow report: {}", e.getMessage());
    }
  }

  private Inventory inventory() {
    return reports
        .inventory(Versions.agentVersion(), executor.allowedCommands())
        .withAlertRules(rules.levels())
        .withServicesAndTags(executor.allowedServices(), config.tags());
  }

  /** Writes an alert to the outbox, then sends it on both paths if a session is open. */
  private void store(String ruleName, ThresholdRule.Event event, long now, String message) {
    OutboxHandover.Stored<AlertReport> stored =
        handover.append(
            seq ->
                new AlertReport(
                    seq,
                    ruleName,
                    event.severity(),
                    event.state(),
                    event.value(),
                    event.threshold(),
                    now,
                    message));
    AlertReport alert = stored.message();
    LOG.info("Alert {} {}: {}", alert.sequence(), alert.state(), LogText.of(message));
    ConsoleSession s = stored.session();
    if (s == null) {
      return;
    }
    try {
      s.sendDatagram(alert);
    } catch (IOException e) {
      LOG.debug("Alert datagram not sent: {}", e.getMessage());
    }
    try {
      s.send(alert);
    } catch (IOException e) {
      LOG.debug(
          "Alert {} will be re-sent on the next session: {}", alert.sequence(), e.getMessage());
    }
  }

  private void refreshNow() {
    AgentTimers.runSoon(sampler, tickTask, "sampling");
    AgentTimers.runSoon(slowProbes, slowTask, "slow probes");
  }

  @Override
  public void sessionOpened(ConsoleSession opened) {
    // The handover publishes the session and takes the outbox's snapshot as one step.
    List<AgentMessage> pending = handover.open(opened);
    try {
      opened.send(inventory());
      for (AgentMessage message : pending) {
        opened.send(message);
      }
      if (!pending.isEmpty()) {
        LOG.info("Re-sent {} unacknowledged alert(s) and command result(s)", pending.size());
      }
    } catch (IOException e) {
      LOG.debug("Re-sending the outbox failed: {}", e.getMessage());
    }
    AgentTimers.runSoon(slowProbes, slowTask, "slow probes");
  }

  @Override
  public void received(ConsoleSession from, ConsoleMessage message) {
    switch (message) {
      case Ack ack -> outbox.acknowledge(ack.sequence());
      case CommandRequest request -> commands.submit(request, from);
    }
  }

  @Override
  public void malformed(ConsoleSession from, String reason) {
    executor.malformed(from.consoleFingerprint(), reason);
  }

  @Override
  public void sessionClosed(ConsoleSession closed) {
    handover.closed();
  }

  /** Alerts raised but not yet acknowledged by the console, oldest first. */
  public List<AlertReport> unacknowledgedAlerts() {
    return outbox.pending().stream()
        .filter(AlertReport.class::isInstance)
        .map(AlertReport.class::cast)
        .toList();
  }

  /** How many alerts and command results this agent has numbered, across restarts. */
  public long lastSequence() {
    return outbox.lastSequence();
  }

  /** Alerts and command results not yet acknowledged by the console, oldest first. */
  public List<AgentMessage> outbox() {
    return outbox.pending();
  }

  /** This agent's key fingerprint, as the console will see it; empty in insecure mode. */
  public Optional<Fingerprint> fingerprint() {
    return Optional.ofNullable(identity).map(TlsIdentity::fingerprint);
  }

  /** The port this agent listens on for the console in server mode, or -1. */
  public int listenPort() {
    return link.listenPort();
  }

  public UUID id() {
    return agentId;
  }

  public boolean connected() {
    return handover.session() != null;
  }

  @Override
  public void close() {
    link.close();
    checks.close();
    sampler.shutdownNow();
    slowProbes.shutdownNow();
    commands.close();
    try {
      audit.close();
    } catch (IOException e) {
      LOG.debug("Closing the audit log: {}", e.getMessage());
    }
  }
}
