package dev.vigil.agent;

import dev.vigil.agent.alert.BudgetWatch;
import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.agent.alert.ThresholdRule;
import dev.vigil.agent.command.CommandExecutor;
import dev.vigil.agent.command.DryRunHostControl;
import dev.vigil.agent.command.OsHostControl;
import dev.vigil.agent.link.ConsolePin;
import dev.vigil.agent.link.ManagerLink;
import dev.vigil.agent.outbox.Outbox;
import dev.vigil.agent.probe.HostFacts;
import dev.vigil.agent.probe.MachineInventory;
import dev.vigil.agent.probe.ProcessSample;
import dev.vigil.agent.probe.SystemProbe;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.ConsoleMessage;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.ProcessInfo;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: samples the machine on a fixed cadence, reports to the console, evaluates its
 * CPU rule and sends alerts both ways (datagram and acknowledged TCP), and runs the console's
 * commands. Unacknowledged alerts are kept and re-sent in order on every new session.
 */
public final class Agent implements SessionHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private static final int TOP_PROCESSES = 15;
  private static final long SLOW_PERIOD_SECONDS = 30;

  private final AgentConfig config;
  private final UUID agentId;
  private final SystemProbe probe;
  private final HostFacts facts;
  private final ThresholdRule cpuRule;
  private final ThresholdRule memoryRule;
  private final ThresholdRule swapRule;
  private final ThresholdRule processesRule;
  private final BudgetWatch budget;
  private long reportedDrops;

  /** One rule per mounted file system, created as file systems appear; slow-probe thread only. */
  private final Map<String, ThresholdRule> diskRules = new HashMap<>();

  private final CommandExecutor executor;
  private final ScheduledExecutorService sampler;
  private final ScheduledExecutorService slowProbes;
  private final ExecutorService commands = Executors.newVirtualThreadPerTaskExecutor();
  private final ManagerLink link;
  private final TlsIdentity identity;
  private final Thread linkThread;
  private final Outbox outbox;
  private volatile ConsoleSession session;
  private final java.util.concurrent.locks.ReentrantLock handover =
      new java.util.concurrent.locks.ReentrantLock();

  public Agent(AgentConfig config, UUID agentId, SystemProbe probe) throws IOException {
    this.config = config;
    this.agentId = agentId;
    this.probe = probe;
    this.facts = probe.facts();
    this.outbox = new Outbox(config.dataDir(), config.outboxLimit());
    this.budget =
        new BudgetWatch(
            config.cpuBudgetPercent(), config.memoryBudgetBytes(), Duration.ofSeconds(60));
    this.cpuRule = new ThresholdRule("cpu", rules("cpu"));
    this.memoryRule = new ThresholdRule("memory", rules("memory"));
    this.swapRule = new ThresholdRule("swap", rules("swap"));
    this.processesRule = new ThresholdRule("processes", rules("processes"));
    this.executor =
        new CommandExecutor(
            AllowList.announced(config.allowedCommands(), config.allowSource()),
            config.dryRun() ? new DryRunHostControl() : new OsHostControl(),
            this::refreshNow,
            this::topProcesses,
            config.dataDir().resolve("audit.log"));
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
      pin = new ConsolePin(config.dataDir(), config.consoleFingerprint());
      tls = TlsContexts.create(identity, pin.check());
    }
    this.link =
        config.listen() != null
            ? ManagerLink.listening(config.listen(), agentId, this::hello, this, tls, pin)
            : ManagerLink.dialing(
                config.managerHost(),
                config.managerPort(),
                agentId,
                this::hello,
                this,
                tls,
                pin,
                config.initialConnectDelay());
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
    sampler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    slowProbes.schedule(this::slowLoop, SLOW_PERIOD_SECONDS, TimeUnit.SECONDS);
    sampler.scheduleWithFixedDelay(this::heartbeat, 250, 250, TimeUnit.MILLISECONDS);
    linkThread.start();
  }

  private Hello hello() {
    return new Hello(
        Protocol.VERSION,
        agentId.toString(),
        facts.hostname(),
        facts.os(),
        Versions.agentVersion(),
        executor.allowedCommands(),
        config.enrollmentToken());
  }

  private void tick() {
    try {
      StatsReport sample = probe.sample();
      long now = sample.sampledAtMillis();
      evaluate(cpuRule, sample.cpuPercent(), now, "CPU", "%");
      evaluate(
          memoryRule,
          sample.memoryTotalBytes() == 0
              ? 0
              : 100.0 * sample.memoryUsedBytes() / sample.memoryTotalBytes(),
          now,
          "Memory",
          "%");
      evaluate(
          swapRule,
          sample.swapTotalBytes() == 0
              ? 0
              : 100.0 * sample.swapUsedBytes() / sample.swapTotalBytes(),
          now,
          "Swap",
          "%");
      evaluate(processesRule, sample.processCount(), now, "Processes", "");
      checkBudget(sample, now);
      reportOutboxDrops(now);
      ConsoleSession s = session;
      if (s != null) {
        s.send(sample);
      }
    } catch (IOException e) {
      LOG.debug("Could not send stats: {}", e.getMessage());
    } catch (RuntimeException e) {
      // A failed sample must not stop the schedule; the next tick tries again.
      LOG.error("Sampling failed; trying again next interval", e);
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
    ConsoleSession s = session;
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
    slowTick();
    if (!slowProbes.isShutdown()) {
      slowProbes.schedule(
          this::slowLoop, SLOW_PERIOD_SECONDS * budget.slowDown(), TimeUnit.SECONDS);
    }
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
              String cost =
                  String.format(
                      "CPU %.1f %% of a core (budget %.1f %%), memory %d MB (budget %d MB)",
                      sample.agentCpuPercent(),
                      config.cpuBudgetPercent(),
                      sample.agentResidentBytes() >> 20,
                      config.memoryBudgetBytes() >> 20);
              if (e.state() == AlertState.FIRING) {
                LOG.warn(
                    "The agent is over its budget: {}; running its slow probes every {} s instead of {} s",
                    cost,
                    SLOW_PERIOD_SECONDS * budget.slowDown(),
                    SLOW_PERIOD_SECONDS);
              } else {
                LOG.info("The agent is back within its budget: {}", cost);
              }
              raise(budget.name(), e, now, "Agent cost (" + cost + ")", "% of budget");
            });
  }

  /** The slow probes: file systems and the top processes, every {@link #SLOW_PERIOD_SECONDS}. */
  private void slowTick() {
    try {
      SlowReport report = slowReport();
      evaluateDisks(report.fileSystems(), report.sampledAtMillis());
      ConsoleSession s = session;
      if (s != null) {
        s.send(report);
      }
    } catch (IOException e) {
      LOG.debug("Could not send the slow report: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("The slow probes failed; trying again next time", e);
    }
  }

  private SlowReport slowReport() {
    return new SlowReport(
        System.currentTimeMillis(),
        probe.fileSystems(),
        probe.topProcesses(TOP_PROCESSES).stream().map(Agent::info).toList(),
        probe.topProcessesByMemory(TOP_PROCESSES).stream().map(Agent::info).toList());
  }

  private static ProcessInfo info(ProcessSample p) {
    return new ProcessInfo(p.pid(), p.name(), p.cpuPercent(), p.residentBytes());
  }

  private Inventory inventory() {
    MachineInventory m = probe.inventory();
    return new Inventory(
        m.hostname(),
        m.os(),
        m.kernel(),
        m.architecture(),
        m.cpuModel(),
        m.physicalCores(),
        m.logicalCores(),
        m.memoryTotalBytes(),
        m.ipAddresses(),
        Versions.agentVersion(),
        executor.allowedCommands());
  }

  private RuleLevels rules(String metric) {
    return config.rules().getOrDefault(metric, RuleLevels.OFF);
  }

  private void evaluate(ThresholdRule rule, double value, long now, String what, String unit) {
    rule.evaluate(value, now).ifPresent(e -> raise(rule.name(), e, now, what, unit));
  }

  private void evaluateDisks(List<FileSystemUsage> fileSystems, long now) {
    for (FileSystemUsage fs : fileSystems) {
      ThresholdRule rule =
          diskRules.computeIfAbsent(
              fs.mount(), m -> new ThresholdRule(diskRuleName(m), rules("disk")));
      evaluate(rule, fs.usedPercent(), now, "Disk " + fs.mount(), "% full");
    }
  }

  /** {@code disk.root} for {@code /}, {@code disk.var_log} for {@code /var/log}. */
  static String diskRuleName(String mount) {
    String tail = mount.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "_");
    tail = tail.replaceAll("^_+|_+$", "");
    String name = "disk." + (tail.isEmpty() ? "root" : tail);
    return name.length() <= 64 ? name : name.substring(0, 64);
  }

  private void raise(
      String ruleName, ThresholdRule.Event event, long now, String what, String unit) {
    String message =
        event.state() == AlertState.FIRING
            ? String.format(
                "%s at %s%s for %d s (%s at %s%s)",
                what,
                number(event.value()),
                unit,
                event.heldMillis() / 1000,
                event.severity() == Severity.CRITICAL ? "critical" : "warning",
                number(event.threshold()),
                unit)
            : String.format(
                "%s back to %s%s (below %s%s)",
                what, number(event.value()), unit, number(event.threshold()), unit);
    store(ruleName, event, now, message);
  }

  /** Whole numbers as such, small ones with one decimal: "95", "0.5". */
  private static String number(double v) {
    return Math.abs(v) >= 10 || v == Math.rint(v)
        ? String.format("%.0f", v)
        : String.format("%.1f", v);
  }

  /** Writes an alert to the outbox, then sends it on both paths if a session is open. */
  private void store(String ruleName, ThresholdRule.Event event, long now, String message) {
    Stored<AlertReport> stored =
        append(
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
    LOG.info("Alert {} {}: {}", alert.sequence(), alert.state(), message);
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
    sampler.execute(this::tick);
    slowProbes.execute(this::slowTick);
  }

  private String topProcesses() {
    StringBuilder text =
        new StringBuilder(String.format("%8s %6s %10s  %s%n", "PID", "CPU%", "MEMORY", "NAME"));
    for (ProcessSample p : probe.topProcesses(TOP_PROCESSES)) {
      String line =
          String.format(
              "%8d %6.1f %7.1f MiB  %s%n",
              p.pid(), p.cpuPercent(), p.residentBytes() / 1048576.0, p.name());
      if (text.length() + line.length() > 4000) {
        break;
      }
      text.append(line);
    }
    return text.toString();
  }

  /** An outbox entry and the session that was open when it was written (or null). */
  private record Stored<T extends AgentMessage>(T message, ConsoleSession session) {}

  /**
   * Writes to the outbox and reads the open session as one step against {@link #sessionOpened}: an
   * entry is either in the snapshot a new session re-sends, or written after that session was
   * published and so sent live by its writer. Without this, an alert raised while a session opened
   * was in neither, and waited in the outbox until the next reconnect (found by ConsoleKillTest,
   * about one run in five).
   */
  private <T extends AgentMessage> Stored<T> append(LongFunction<T> build) {
    handover.lock();
    try {
      return new Stored<>(outbox.append(build), session);
    } finally {
      handover.unlock();
    }
  }

  @Override
  public void sessionOpened(ConsoleSession opened) {
    List<AgentMessage> pending;
    handover.lock();
    try {
      pending = outbox.pending();
      session = opened;
    } finally {
      handover.unlock();
    }
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
    slowProbes.execute(this::slowTick);
  }

  @Override
  public void received(ConsoleSession from, ConsoleMessage message) {
    switch (message) {
      case Ack ack -> outbox.acknowledge(ack.sequence());
      case CommandRequest request -> commands.execute(() -> run(request, from));
    }
  }

  /** Runs a command; its result is stored before it is sent, so a restart cannot lose it. */
  private void run(CommandRequest request, ConsoleSession from) {
    if (executor.allows(request)) {
      deliver(
          append(
              seq ->
                  new CommandResult(
                      seq, request.commandId(), CommandStatus.ACCEPTED, "accepted; running")));
    }
    CommandExecutor.Outcome outcome = executor.execute(request, from.consoleFingerprint());
    deliver(
        append(
            seq ->
                new CommandResult(seq, request.commandId(), outcome.status(), outcome.detail())));
  }

  /** Sends a command result now if a session is open; the outbox re-sends it otherwise. */
  private void deliver(Stored<CommandResult> stored) {
    CommandResult result = stored.message();
    ConsoleSession current = stored.session();
    if (current == null) {
      return; // sent when the next session opens
    }
    try {
      current.send(result);
    } catch (IOException e) {
      LOG.debug("The result of command {} will be re-sent: {}", result.commandId(), e.getMessage());
    }
  }

  @Override
  public void sessionClosed(ConsoleSession closed) {
    session = null;
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
    return session != null;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    slowProbes.shutdownNow();
    link.close();
    commands.shutdownNow();
  }
}
