package dev.vigil.console.manager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.common.HashChain;
import dev.vigil.console.TestAgents;
import dev.vigil.console.headless.HeadlessConsole;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AuditCheck;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's audit log (#16, finding 10): every row names its operator, trust actions are
 * audited beside commands, and a row changed in SQLite behind the console's back is named at start
 * and by verify-audit.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AuditChainTest {
  private static final Operator ALICE = new Operator("alice", "10.1.2.3");

  @TempDir Path dir;

  private Path data() throws java.io.IOException {
    return java.nio.file.Files.createDirectories(dir.resolve("console"));
  }

  private static List<AuditLog.Entry> rowsOf(ConsoleManager manager, String agentId, int n) {
    AuditLog log = new AuditLog(manager.store());
    await().atMost(Duration.ofSeconds(15)).until(() -> log.entries(agentId).size() >= n);
    return log.entries(agentId);
  }

  @Test
  void everyRowNamesItsOperatorAndTokensApprovalsRejectionsAndForgettingAreAudited()
      throws Exception {
    try (ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data()))) {
      manager.start();
      Enrollment token = manager.enroll(ALICE, Duration.ofHours(2), 3);
      List<AuditLog.Entry> tokens = rowsOf(manager, "", 1);
      assertThat(tokens)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.operator()).isEqualTo("alice");
                assertThat(t.origin()).isEqualTo("10.1.2.3");
                assertThat(t.action()).isEqualTo("token");
                assertThat(t.detail())
                    .contains("3 agent(s)", "PT2H")
                    .contains("sha256 " + HashChain.sha256(token.token()).substring(0, 8))
                    .doesNotContain(token.token());
              });

      Agent pending = TestAgents.unenrolled(manager, dir.resolve("pending"));
      Agent enrolled = TestAgents.quiet(manager, dir.resolve("enrolled"));
      try {
        String id = pending.id().toString();
        TestAgents.awaitStatus(manager, id, AgentStatus.PENDING);
        assertThat(manager.approve(ALICE, id, keyOf(manager, id))).isTrue();
        assertThat(manager.reject(ALICE, id)).isTrue();
        assertThat(manager.forget(ALICE, id)).isTrue();
        assertThat(rowsOf(manager, id, 3))
            .extracting(AuditLog.Entry::action, AuditLog.Entry::operator, AuditLog.Entry::status)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("approve", "alice", "DONE"),
                org.assertj.core.groups.Tuple.tuple("reject", "alice", "DONE"),
                org.assertj.core.groups.Tuple.tuple("forget", "alice", "DONE"));

        String agent = enrolled.id().toString();
        TestAgents.awaitReporting(manager, agent);
        manager.send(ALICE, agent, Command.REFRESH, Map.of()).get(15, TimeUnit.SECONDS);
        assertThat(rowsOf(manager, agent, 3))
            .allSatisfy(
                r -> assertThat(r.operator() + " " + r.origin()).isEqualTo("alice 10.1.2.3"))
            .extracting(AuditLog.Entry::status)
            .containsExactly("SENT", "ACKNOWLEDGED", "SUCCEEDED");
      } finally {
        pending.close();
        enrolled.close();
      }
      assertThat(manager.verifyAudit(ALICE).intact()).isTrue();
    }
  }

  @Test
  void aRowEditedInSqliteIsNamedAtStartAndByVerifyAudit() throws Exception {
    try (ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data()))) {
      manager.start();
      for (int i = 1; i <= 3; i++) {
        manager.enroll(ALICE, Duration.ofHours(i), 1);
      }
      rowsOf(manager, "", 3);
      assertThat(manager.verifyAudit(ALICE)).isEqualTo(AuditCheck.intact(3));
    }
    sql("UPDATE audit SET operator = 'mallory' WHERE id = 2");

    try (ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data()))) {
      manager.start(); // starts all the same
      assertThat(manager.recentAlerts())
          .anySatisfy(
              a -> {
                assertThat(a.alert().rule()).isEqualTo("console.audit_broken");
                assertThat(a.alert().message()).contains("row 2 ");
              });
      AuditCheck check = manager.verifyAudit(ALICE);
      assertThat(check.firstBrokenRow()).isEqualTo(2);
      assertThat(check.rowsChecked()).isEqualTo(2);

      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new HeadlessConsole(
              manager,
              ALICE,
              new BufferedReader(new StringReader("verify-audit\n")),
              new PrintStream(bytes, true, StandardCharsets.UTF_8),
              false)
          .run();
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .contains("The audit log was changed outside Vigil: row 2 does not match its hash");
    }
  }

  @Test
  void aRemovedRowBreaksTheChainAtTheRowAfterIt() throws Exception {
    try (ConsoleStore store = new ConsoleStore(data())) {
      AuditLog log = new AuditLog(store);
      for (int i = 0; i < 4; i++) {
        log.append(entry(System.currentTimeMillis(), "token " + i));
      }
      assertThat(log.verify().intact()).isTrue();
    }
    sql("DELETE FROM audit WHERE id = 3");
    try (ConsoleStore store = new ConsoleStore(data())) {
      assertThat(new AuditLog(store).verify().firstBrokenRow()).isEqualTo(4);
    }
  }

  @Test
  void pruningOldRowsAnchorsTheChainSoItStaysCheckable() throws Exception {
    long now = System.currentTimeMillis();
    long old = now - Duration.ofDays(400).toMillis();
    try (ConsoleStore store = new ConsoleStore(data())) {
      AuditLog log = new AuditLog(store);
      for (int i = 0; i < 5; i++) {
        log.append(entry(old + i, "old " + i));
      }
      for (int i = 0; i < 3; i++) {
        log.append(entry(now + i, "new " + i));
      }
      assertThat(log.pruneBefore(now - Duration.ofDays(365).toMillis())).isEqualTo(5);
      assertThat(log.verify()).isEqualTo(AuditCheck.intact(3));
      log.append(entry(now + 10, "after pruning"));
      assertThat(log.verify()).isEqualTo(AuditCheck.intact(4));
    }
    sql("UPDATE audit_anchor SET hash = '" + HashChain.GENESIS + "'");
    try (ConsoleStore store = new ConsoleStore(data())) {
      AuditLog log = new AuditLog(store);
      assertThat(log.verify().firstBrokenRow()).isEqualTo(6);
      assertThat(log.pruneBefore(now + 1_000))
          .as("a broken chain keeps its evidence")
          .isEqualTo(-1);
    }
  }

  @Test
  void yesterdaysStoreOpensAndItsAuditRowsJoinTheChain() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data().resolve("vigil.db"))) {
      Schema.migrate(db, 2);
      try (Statement s = db.createStatement()) {
        s.execute(
            "INSERT INTO audit(at, command_id, agent_id, hostname, command, status, detail)"
                + " VALUES (1700000000000, 'c-1', 'a-1', 'web-01', 'restart', 'SUCCEEDED', 'ran')");
      }
    }
    try (ConsoleStore store = new ConsoleStore(data())) {
      AuditLog log = new AuditLog(store);
      assertThat(log.entries("a-1"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.operator()).isEqualTo("unrecorded");
                assertThat(r.action()).isEqualTo("restart");
              });
      log.append(entry(System.currentTimeMillis(), "today"));
      assertThat(log.verify()).isEqualTo(AuditCheck.intact(2));
    }
    // Chained once: editing yesterday's row now is found like any other edit.
    sql("UPDATE audit SET status = 'REFUSED' WHERE id = 1");
    try (ConsoleStore store = new ConsoleStore(data())) {
      assertThat(new AuditLog(store).verify().firstBrokenRow()).isEqualTo(1);
    }
  }

  private static AuditLog.Entry entry(long at, String detail) {
    return new AuditLog.Entry(at, "alice", "10.1.2.3", "token", "", "", "", "DONE", detail);
  }

  private void sql(String statement) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data().resolve("vigil.db"));
        Statement s = db.createStatement()) {
      s.execute(statement);
    }
  }

  /** The key a pending agent presents, as an operator compares it before approving. */
  private static Fingerprint keyOf(ConsoleManager manager, String agentId) {
    return Fingerprint.parse(manager.agent(agentId).orElseThrow().fingerprint());
  }
}
