package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.history.MetricHistory;
import dev.vigil.console.manager.store.AuditLog;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The manager's timers (#16, findings 11 and 17): a task that throws keeps its turn and is logged
 * at a bounded rate; alerts and audit rows older than their retention are pruned.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HousekeepingTest {
  @TempDir Path dir;
  private ConsoleStore store;
  private Housekeeping housekeeping;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  private Housekeeping housekeeping(Retention retention) {
    ManagerConfig config = ManagerConfig.builder(dir).retention(retention).build();
    MetricHistory history = new MetricHistory(Duration.ofMinutes(1));
    return new Housekeeping(
        config, new AgentRegistry(new Listeners(), history), history, store, new AuditLog(store));
  }

  @BeforeEach
  void open() throws Exception {
    store = new ConsoleStore(dir);
    log.start();
    ((Logger) LoggerFactory.getLogger(Housekeeping.class)).addAppender(log);
  }

  @AfterEach
  void close() {
    ((Logger) LoggerFactory.getLogger(Housekeeping.class)).detachAppender(log);
    if (housekeeping != null) {
      housekeeping.close();
    }
    store.close();
  }

  @Test
  void aTaskThatThrowsRunsAgainAtItsNextTurnAndIsLoggedOnceAMinute() {
    housekeeping = housekeeping(Retention.defaults());
    AtomicInteger runs = new AtomicInteger();
    housekeeping.every(
        Duration.ZERO,
        Duration.ofMillis(5),
        "injected",
        () -> {
          runs.incrementAndGet();
          throw new IllegalStateException("injected failure");
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 50);
    assertThat(log.list)
        .filteredOn(e -> e.getFormattedMessage().contains("Housekeeping (injected) failed"))
        .hasSize(1);
  }

  @Test
  void alertsAndAuditRowsOlderThanTheirRetentionArePrunedAndTheChainHolds() {
    housekeeping =
        housekeeping(new Retention(Duration.ofDays(90), Duration.ofDays(365), 60, 2_000));
    long now = System.currentTimeMillis();
    store.insertAlert(alert(1, now - Duration.ofDays(91).toMillis()));
    store.insertAlert(alert(2, now - Duration.ofDays(1).toMillis()));
    AuditLog audit = new AuditLog(store);
    audit.append(row(now - Duration.ofDays(366).toMillis()));
    audit.append(row(now - Duration.ofDays(364).toMillis()));

    housekeeping.pruneAlertsAndAudit();

    assertThat(store.alertCount("a-1")).isEqualTo(1);
    assertThat(audit.count("a-1")).isEqualTo(1);
    assertThat(audit.verify().intact()).isTrue();
  }

  private static AlertEvent alert(long sequence, long receivedAt) {
    return new AlertEvent(
        0,
        "a-1",
        "web-01",
        new AlertReport(
            sequence, "cpu", Severity.WARNING, AlertState.FIRING, 91, 90, receivedAt, "CPU 91 %"),
        AlertEvent.Channel.TCP,
        receivedAt,
        false);
  }

  private static AuditLog.Entry row(long at) {
    return new AuditLog.Entry(at, "alice", "here", "approve", "", "a-1", "web-01", "DONE", "ok");
  }
}
