package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.agent.AgentConfig;
import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.agent.command.HostControl;
import dev.vigil.agent.probe.OshiSystemProbe;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Starts real agents, in this JVM, that report to a manager on loopback over mutual TLS. */
public final class TestAgents {
  private TestAgents() {}

  /** An enrolled agent whose CPU alert fires on its first sample (trigger 0 %, no hold). */
  public static Agent alerting(ConsoleManager manager, Path dataDir) throws IOException {
    return start(manager, dataDir, 0, token(manager));
  }

  /** An enrolled agent whose CPU alert practically never fires. */
  public static Agent quiet(ConsoleManager manager, Path dataDir) throws IOException {
    return start(manager, dataDir, 100, token(manager));
  }

  /** The same agent (same id and data directory) starting again. */
  public static Agent restarted(ConsoleManager manager, Path dataDir, UUID id) throws IOException {
    return start(manager, dataDir, 100, null, null, id);
  }

  /** The same agent (same id and data directory) starting again, its CPU alert firing at once. */
  public static Agent restartedAlerting(ConsoleManager manager, Path dataDir, UUID id)
      throws IOException {
    return start(manager, dataDir, 0, null, null, id);
  }

  /**
   * An enrolled agent that may run every command, on a stand-in machine: its restarts, shutdowns
   * and kills go to {@code machine}, which the test drives.
   */
  public static Agent onMachine(ConsoleManager manager, Path dataDir, HostControl machine)
      throws IOException {
    return start(manager, dataDir, 100, token(manager), null, UUID.randomUUID(), machine);
  }

  /** The same agent (same id and data directory) on the same stand-in machine, starting again. */
  public static Agent restarted(ConsoleManager manager, Path dataDir, UUID id, HostControl machine)
      throws IOException {
    return start(manager, dataDir, 100, null, null, id, machine);
  }

  /** An enrolled agent whose CPU alert practically never fires, running these service checks. */
  public static Agent checking(
      ConsoleManager manager, Path dataDir, List<dev.vigil.agent.check.CheckSpec> checks)
      throws IOException {
    return start(manager, dataDir, 100, token(manager), null, UUID.randomUUID(), null, checks);
  }

  /**
   * An enrolled dry-run agent with tags whose config lets the console restart {@code services}
   * (allow-services), and nothing else that changes the machine.
   */
  public static Agent servicing(
      ConsoleManager manager, Path dataDir, List<String> services, List<String> tags)
      throws IOException {
    return start(
        manager,
        dataDir,
        100,
        token(manager),
        null,
        UUID.randomUUID(),
        null,
        List.of(),
        b ->
            b.allowedServices(new dev.vigil.protocol.command.AllowedServices(services, "the test"))
                .tags(tags));
  }

  /** An agent without a token: it waits for the operator's approval. */
  public static Agent unenrolled(ConsoleManager manager, Path dataDir) throws IOException {
    return start(manager, dataDir, 100, null);
  }

  /** An agent in server mode on a free loopback port, pinned to the console's key. */
  public static Agent listening(ConsoleManager manager, Path dataDir) throws IOException {
    return start(manager, dataDir, 100, null, new InetSocketAddress("127.0.0.1", 0));
  }

  /** An agent enrolled with a token made elsewhere, as an operator pastes it from a window. */
  public static Agent withToken(ConsoleManager manager, Path dataDir, String token)
      throws IOException {
    return start(manager, dataDir, 100, token);
  }

  private static String token(ConsoleManager manager) {
    Enrollment e = manager.enroll(Operator.local(), Duration.ofMinutes(5), 1);
    return e.token();
  }

  private static Agent start(
      ConsoleManager manager, Path dataDir, double cpuAlertPercent, String token)
      throws IOException {
    return start(manager, dataDir, cpuAlertPercent, token, null);
  }

  private static Agent start(
      ConsoleManager manager,
      Path dataDir,
      double cpuAlertPercent,
      String token,
      InetSocketAddress listen)
      throws IOException {
    return start(manager, dataDir, cpuAlertPercent, token, listen, UUID.randomUUID());
  }

  private static Agent start(
      ConsoleManager manager,
      Path dataDir,
      double cpuAlertPercent,
      String token,
      InetSocketAddress listen,
      UUID id)
      throws IOException {
    return start(manager, dataDir, cpuAlertPercent, token, listen, id, null);
  }

  /**
   * @param machine the agent's power and process control, or null for a dry run that allows
   *     restart, refresh and processes
   */
  private static Agent start(
      ConsoleManager manager,
      Path dataDir,
      double cpuAlertPercent,
      String token,
      InetSocketAddress listen,
      UUID id,
      HostControl machine)
      throws IOException {
    return start(manager, dataDir, cpuAlertPercent, token, listen, id, machine, List.of());
  }

  private static Agent start(
      ConsoleManager manager,
      Path dataDir,
      double cpuAlertPercent,
      String token,
      InetSocketAddress listen,
      UUID id,
      HostControl machine,
      List<dev.vigil.agent.check.CheckSpec> checks)
      throws IOException {
    return start(manager, dataDir, cpuAlertPercent, token, listen, id, machine, checks, b -> b);
  }

  private static Agent start(
      ConsoleManager manager,
      Path dataDir,
      double cpuAlertPercent,
      String token,
      InetSocketAddress listen,
      UUID id,
      HostControl machine,
      List<dev.vigil.agent.check.CheckSpec> checks,
      java.util.function.UnaryOperator<AgentConfig.Builder> more)
      throws IOException {
    AgentConfig.Builder mode =
        listen == null
            ? AgentConfig.dialing("127.0.0.1", manager.info().agentListener().getPort())
            : AgentConfig.listening(listen);
    AgentConfig config =
        more.apply(mode)
            .dataDir(dataDir)
            .statsInterval(Duration.ofMillis(200))
            .rules(
                Map.of(
                    "cpu",
                    cpuAlertPercent >= 100
                        ? RuleLevels.OFF
                        : new RuleLevels(Double.NaN, cpuAlertPercent, 0, Duration.ZERO)))
            .allowList(
                machine == null
                    ? new AllowList(
                        Set.of(Command.RESTART, Command.REFRESH, Command.PROCESSES), "the test")
                    : new AllowList(Set.of(Command.values()), "the test"))
            .dryRun(machine == null)
            .enrollmentToken(token)
            .consoleFingerprint(
                manager.info().keyFingerprint().map(Fingerprint::parse).orElse(null))
            .insecure(manager.info().insecure())
            .initialConnectDelay(Duration.ZERO)
            .cpuBudgetPercent(100)
            .memoryBudgetBytes(1L << 40)
            .checks(checks)
            .build();
    Agent agent =
        machine == null
            ? new Agent(config, id, new OshiSystemProbe())
            : new Agent(config, id, new OshiSystemProbe(), machine);
    agent.start();
    return agent;
  }

  /**
   * An agent for a {@link SwingingProbe}: its CPU rule fires at 50 % and clears at 10 %, so every
   * sample while the probe swings raises or resolves an alert.
   */
  public static AgentConfig swingingConfig(
      int port,
      Path dataDir,
      Duration sampleEvery,
      String token,
      Fingerprint console,
      int outboxLimit) {
    return AgentConfig.dialing("127.0.0.1", port)
        .dataDir(dataDir)
        .statsInterval(sampleEvery)
        .rules(Map.of("cpu", new RuleLevels(Double.NaN, 50, 10, Duration.ZERO)))
        .allowList(new AllowList(Set.of(), "the test"))
        .dryRun(true)
        .enrollmentToken(token)
        .consoleFingerprint(console)
        .outboxLimit(outboxLimit)
        .initialConnectDelay(Duration.ZERO)
        .cpuBudgetPercent(100)
        .memoryBudgetBytes(1L << 40)
        .build();
  }

  /** The outbox sequences of an agent's alerts in the store, sorted; the console's own aside. */
  public static List<Long> storedSequences(ConsoleStore store, String agentId) {
    return store.alertHistory(AlertQuery.newest(1_000_000).forAgent(agentId)).stream()
        .filter(e -> e.channel() != AlertEvent.Channel.CONSOLE)
        .map(e -> e.alert().sequence())
        .sorted()
        .toList();
  }

  /**
   * A machine whose CPU swings between idle and busy on every sample while told to, so that a CPU
   * rule fires and resolves on alternate samples.
   */
  public static class SwingingProbe implements dev.vigil.agent.probe.SystemProbe {
    private final String hostname;
    public final java.util.concurrent.atomic.AtomicBoolean swinging =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    public final java.util.concurrent.atomic.AtomicLong samples =
        new java.util.concurrent.atomic.AtomicLong();

    public SwingingProbe(String hostname) {
      this.hostname = hostname;
    }

    @Override
    public dev.vigil.agent.probe.HostFacts facts() {
      return new dev.vigil.agent.probe.HostFacts(hostname, "Test OS");
    }

    @Override
    public dev.vigil.protocol.message.StatsReport sample() {
      long n = samples.incrementAndGet();
      double cpu = swinging.get() && n % 2 == 0 ? 100 : 0;
      return new dev.vigil.protocol.message.StatsReport(
          System.currentTimeMillis(), cpu, 1L << 30, 2L << 30, 42);
    }

    @Override
    public java.util.List<dev.vigil.agent.probe.ProcessSample> topProcesses(int limit) {
      return java.util.List.of();
    }
  }

  /** Waits until the console shows the agent in this status. */
  public static void awaitStatus(ConsoleManager manager, String agentId, AgentStatus status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(agentId))
                    .hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(status)));
  }

  /** Waits until the agent is online and its stats have reached the console. */
  public static void awaitReporting(ConsoleManager manager, String agentId) {
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(agentId))
                    .hasValueSatisfying(
                        a -> {
                          assertThat(a.status()).isEqualTo(AgentStatus.ONLINE);
                          assertThat(a.stats()).isNotNull();
                        }));
  }
}
