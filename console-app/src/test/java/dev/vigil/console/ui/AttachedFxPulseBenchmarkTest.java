package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.common.HostPort;
import dev.vigil.console.ManagerActions;
import dev.vigil.console.TestAgents;
import dev.vigil.console.attach.RemoteOperatorApi;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console window attached to a manager over the operator channel, headless (Monocle): FX time
 * per pulse, the manager's receipt of a report to its row here, and alert to feed, measured as
 * {@link FxPulseBenchmarkTest} measures the embedded window. In CI a smoke: an in-process manager
 * with three real agents whose CPU rule swings. {@code bench/attached-fx-pulse.sh} points it at a
 * manager under a swarm ({@code vigil.bench.attach.*}) and writes the figures to {@code
 * target/bench/}. It never asserts a timing.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class AttachedFxPulseBenchmarkTest {
  private static final String MANAGER = System.getProperty("vigil.bench.attach.manager");
  private static final int AGENTS = Integer.getInteger("vigil.bench.agents", 3);
  private static final int SECONDS = Integer.getInteger("vigil.bench.seconds", 5);

  @TempDir Path dir;
  private ConsoleManager manager;
  private final List<Agent> agents = new ArrayList<>();
  private RemoteOperatorApi api;
  private FleetModel model;
  private final PulseMeter meter = new PulseMeter();

  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  /** Attaches off the FX thread, as the console does, then opens the window on it. */
  private void open(FxRobot robot) throws IOException {
    RemoteOperatorApi.Target target = MANAGER == null ? localManager() : benchManager();
    api = RemoteOperatorApi.attach(target);
    model = new FleetModel();
    api.subscribe(model);
    api.agents().forEach(model::agentChanged);
    model.remember(api.problems());
    robot.interact(
        () -> {
          ConsoleWindow window =
              new ConsoleWindow(
                  model,
                  new ManagerActions(api, Operator.local()),
                  "Attached to " + target.manager());
          meter.startClock(); // before the window's own drainer: the pulse starts here
          window.show(stage);
          meter.watch(stage.getScene(), model);
        });
  }

  /** The manager the bench script started under its swarm. */
  private RemoteOperatorApi.Target benchManager() throws IOException {
    return new RemoteOperatorApi.Target(
        HostPort.parse(MANAGER),
        dir.resolve("attached"),
        "bench",
        Files.readString(Path.of(System.getProperty("vigil.bench.attach.token-file"))).strip(),
        Fingerprint.parse(System.getProperty("vigil.bench.attach.fingerprint")));
  }

  /** A manager in this JVM with three real agents reporting every 200 ms, alerting as they go. */
  private RemoteOperatorApi.Target localManager() throws IOException {
    manager =
        new ConsoleManager(
            ManagerConfig.loopbackAnyPort(dir.resolve("console")).toBuilder()
                .operatorPort(0)
                .build());
    manager.start();
    Fingerprint key = Fingerprint.parse(manager.info().fingerprint());
    String token = manager.enroll(Operator.local(), Duration.ofMinutes(10), AGENTS).token();
    for (int i = 0; i < AGENTS; i++) {
      Agent agent =
          new Agent(
              TestAgents.swingingConfig(
                  manager.info().agentListener().getPort(),
                  dir.resolve("agent-" + i),
                  Duration.ofMillis(200),
                  token,
                  key,
                  10_000),
              UUID.randomUUID(),
              new TestAgents.SwingingProbe("pulse-" + i));
      agents.add(agent);
      agent.start();
    }
    return new RemoteOperatorApi.Target(
        new HostPort("127.0.0.1", manager.operatorListener().orElseThrow().getPort()),
        dir.resolve("attached"),
        "bench",
        Files.readString(dir.resolve("console").resolve(OperatorStore.ADMIN_TOKEN_FILE)).strip(),
        key);
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupStages();
    if (api != null) {
      api.close();
    }
    agents.forEach(Agent::close);
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void theAttachedWindowKeepsUpWithTheManager(FxRobot robot) throws Exception {
    open(robot);
    await().atMost(Duration.ofMinutes(3)).until(() -> rows() >= AGENTS);
    robot.interact(() -> meter.watchRows(model));
    // Warm-up (JIT, the first layout of every cell) until each row was updated about twice.
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> meter.statsLatencyMillis.size() >= 2L * AGENTS);
    meter.clear();
    long from = System.currentTimeMillis();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    await()
        .atMost(Duration.ofSeconds(SECONDS + 60L))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> System.nanoTime() >= end);

    // No backlog: every row shows a report the manager took after the window began.
    await().atMost(Duration.ofSeconds(30)).until(() -> oldestRow() > from);
    assertThat(meter.statsLatencyMillis).hasSizeGreaterThanOrEqualTo(AGENTS);
    assertThat(meter.pulseNanos).isNotEmpty();
    if (MANAGER == null) {
      assertThat(meter.alertLatencyMillis)
          .as("the swinging agents' alerts in the feed")
          .isNotEmpty();
    }
    String report =
        meter.report(
            String.format(
                Locale.ROOT, "attached agents=%d seconds=%d manager=%s", AGENTS, SECONDS, MANAGER));
    System.out.println(report);
    Path out = Path.of("target", "bench", "fx-pulse-attached-" + AGENTS + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  private int rows() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> model.rows().size()).get();
  }

  /** The oldest report any row shows; FX thread. */
  private long oldestRow() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () ->
                model.rows().stream()
                    .mapToLong(r -> r.lastSeenMillisProperty().get())
                    .min()
                    .orElse(0))
        .get();
  }
}
