package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.ManagerActions;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.StatsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.TableView;
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

/**
 * The console window under a fleet that reports every second, headless (Monocle): FX-thread time
 * per pulse, stats arrival to table row, and alert arrival to the feed and popup. In CI it runs a
 * small smoke (1,000 agents for a few seconds) that checks updates flow without a backlog; {@code
 * bench/fx-pulse.sh} runs it at 10,000 agents for a minute and writes the figures to {@code
 * target/bench/}. It never asserts a timing.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FxPulseBenchmarkTest {
  private static final int AGENTS = Integer.getInteger("vigil.bench.agents", 1000);
  private static final int SECONDS = Integer.getInteger("vigil.bench.seconds", 8);

  /** False runs without alert popups, to tell their share of the pulse time. */
  private static final boolean POPUPS =
      Boolean.parseBoolean(System.getProperty("vigil.bench.popups", "true"));

  @TempDir Path dir;
  private ConsoleManager manager;
  private FleetModel model;
  private ConsoleWindow window;
  private final PulseMeter meter = new PulseMeter();

  @Start
  void start(Stage stage) throws IOException {
    manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")));
    manager.start();
    model = new FleetModel();
    window = new ConsoleWindow(model, new ManagerActions(manager, Operator.local()), "benchmark");
    meter.startClock(); // before the window's own drainer: the pulse starts here
    window.show(stage);
    if (!POPUPS) {
      model.onAlerts(batch -> {});
    }
    meter.watch(stage.getScene(), model);
  }

  @AfterEach
  void stop() throws Exception {
    FxToolkit.cleanupStages();
    manager.close();
  }

  private static AgentSnapshot snapshot(int i, SplittableRandom random, long now) {
    double cpu = random.nextDouble(1, 99);
    List<Double> cores = new ArrayList<>(8);
    for (int c = 0; c < 8; c++) {
      cores.add(random.nextDouble(0, 100));
    }
    StatsReport stats =
        StatsReport.builder(
                now, cpu, random.nextLong(1L << 30, 15L << 30), 16L << 30, random.nextInt(80, 400))
            .cpuPerCore(cores)
            .loadAverage(List.of(cpu / 25, cpu / 30, cpu / 35))
            .memoryAvailable(4L << 30)
            .swap(0, 2L << 30)
            .threads(900)
            .uptimeSeconds(86_400 + i)
            .disk(random.nextDouble(0, 1e6), random.nextDouble(0, 1e6))
            .network(
                List.of(
                    new InterfaceRate(
                        "eth0", random.nextDouble(0, 1e7), random.nextDouble(0, 1e6))))
            .agent(0.3, 40L << 20)
            .build();
    return new AgentSnapshot(
        String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i),
        String.format(Locale.ROOT, "node-%05d", i),
        "GNU/Linux Debian 12",
        "10.0." + (i / 250) + "." + (i % 250 + 1),
        AgentStatus.ONLINE,
        List.of("restart", "refresh", "processes"),
        stats,
        now,
        "SHA256:bench");
  }

  @Test
  void aFleetReportingEverySecondKeepsTheWindowCurrentWithoutABacklog(FxRobot robot)
      throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    // Every agent appears first, as when the console starts under a running fleet.
    long t0 = System.currentTimeMillis();
    for (int i = 0; i < AGENTS; i++) {
      model.agentChanged(snapshot(i, random, t0));
    }
    TableView<AgentRow> table = robot.lookup("#agent-table").queryTableView();
    await().atMost(Duration.ofSeconds(60)).until(() -> table.getItems().size() == AGENTS);
    robot.interact(() -> meter.watchRows(model));
    meter.clear();

    // Then each agent reports once a second, spread over ten batches a second as sessions do,
    // and one alert a second arrives.
    AtomicBoolean failed = new AtomicBoolean();
    Thread network =
        Thread.ofPlatform()
            .name("bench-network")
            .start(
                () -> {
                  long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
                  long next = System.nanoTime();
                  int tick = 0;
                  try {
                    while (System.nanoTime() < end) {
                      long now = System.currentTimeMillis();
                      for (int i = tick % 10; i < AGENTS; i += 10) {
                        model.agentChanged(snapshot(i, random, now));
                      }
                      if (tick % 10 == 0) {
                        AlertEvent cause =
                            new AlertEvent(
                                tick,
                                snapshot(0, random, now).agentId(),
                                "node-00000",
                                new AlertReport(
                                    tick + 1,
                                    "cpu",
                                    Severity.WARNING,
                                    AlertState.FIRING,
                                    91,
                                    90,
                                    now,
                                    "CPU at 91% for 10 s (warning at 90%)"),
                                AlertEvent.Channel.UDP,
                                now,
                                false);
                        // A new problem each time (another rule), so each is a new feed line.
                        model.problemChanged(
                            new ProblemChange(
                                new Problem(
                                    tick + 1,
                                    cause.agentId(),
                                    cause.hostname(),
                                    "cpu-" + tick,
                                    Severity.WARNING,
                                    AlertState.FIRING,
                                    now,
                                    now,
                                    91,
                                    cause.alert().message(),
                                    tick,
                                    "",
                                    0,
                                    "",
                                    0),
                                ProblemChange.Kind.OPENED,
                                cause));
                      }
                      tick++;
                      if (tick == 20) {
                        // Two seconds of warm-up (JIT, first layout of every cell) not counted.
                        meter.clear();
                      }
                      next += TimeUnit.MILLISECONDS.toNanos(100);
                      long sleep = next - System.nanoTime();
                      if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                      }
                    }
                  } catch (InterruptedException | RuntimeException e) {
                    failed.set(true);
                  }
                });
    network.join();
    // Whatever was queued is applied within a few pulses: nothing backs up.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              long[] newest = new long[1];
              robot.interact(
                  () ->
                      newest[0] =
                          model.rows().stream()
                              .mapToLong(r -> r.lastSeenMillisProperty().get())
                              .min()
                              .orElse(0));
              return newest[0] > t0;
            });
    assertThat(failed).isFalse();
    assertThat(meter.statsLatencyMillis).hasSizeGreaterThanOrEqualTo(AGENTS);
    assertThat(meter.alertLatencyMillis).isNotEmpty();
    assertThat(meter.pulseNanos).isNotEmpty();

    String report =
        meter.report(
            String.format(Locale.ROOT, "agents=%d seconds=%d popups=%s", AGENTS, SECONDS, POPUPS));
    System.out.println(report);
    Path out =
        Path.of("target", "bench", "fx-pulse-" + AGENTS + (POPUPS ? "" : "-no-popups") + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }
}
