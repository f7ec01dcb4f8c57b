package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.HostPort;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert export of a window over two real managers: one file with every manager's rows, each
 * named by a last {@code manager} cell, and no file at all while one of them cannot be reached.
 */
@Timeout(90)
class SeveralManagersExportTest {
  @TempDir Path dir;
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private static final Operator ALICE = new Operator("alice", "the managers name who asks");

  @AfterEach
  void closeAll() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
  }

  private ConsoleManager manager(String name, int alerts) throws Exception {
    ConsoleManager m =
        new ConsoleManager(ManagerConfig.builder(dir.resolve(name)).operatorPort(0).build());
    m.start();
    open.push(m);
    for (int i = 1; i <= alerts; i++) {
      m.store()
          .insertAlert(
              new AlertEvent(
                  0,
                  name + "-agent",
                  name + ", rack " + i,
                  new AlertReport(
                      i, "cpu", Severity.CRITICAL, AlertState.FIRING, 95, 90, 1_000L * i, "hot"),
                  AlertEvent.Channel.TCP,
                  2_000L * i,
                  false));
    }
    return m;
  }

  private static HostPort channel(ConsoleManager m) {
    return new HostPort("127.0.0.1", m.operatorListener().orElseThrow().getPort());
  }

  private String adminToken(String name) throws IOException {
    return Files.readString(dir.resolve(name).resolve(OperatorStore.ADMIN_TOKEN_FILE)).strip();
  }

  private static List<String> lines(Path csv) throws IOException {
    return List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n"));
  }

  @Test
  void oneFileHoldsEveryManagersRowsEachNamedAndNoneWhileOneIsAway() throws Exception {
    ConsoleManager east = manager("east", 3);
    ConsoleManager west = manager("west", 2);
    ManagerSet set = new ManagerSet(dir.resolve("window"), "alice");
    FleetApi api = new FleetApi(set);
    open.push(api);
    set.start(channel(east), adminToken("east"), Fingerprint.parse(east.info().fingerprint()));
    set.connect(channel(west).toString(), adminToken("west"), west.info().fingerprint());
    Path joined = dir.resolve("fleet.csv");

    assertThat(api.exportAlerts(ALICE, joined, false)).isEqualTo(5);

    Path eastOwn = dir.resolve("east.csv");
    Path westOwn = dir.resolve("west.csv");
    east.exportAlerts(ALICE, eastOwn, false);
    west.exportAlerts(ALICE, westOwn, false);
    List<String> expected = new java.util.ArrayList<>();
    expected.add(lines(eastOwn).get(0) + ",manager");
    lines(eastOwn).stream().skip(1).forEach(l -> expected.add(l + "," + channel(east)));
    lines(westOwn).stream().skip(1).forEach(l -> expected.add(l + "," + channel(west)));
    assertThat(lines(joined)).containsExactlyElementsOf(expected);
    assertThat(Files.readString(joined)).endsWith("\r\n");

    HostPort westChannel = channel(west);
    west.close();
    await().atMost(Duration.ofSeconds(15)).until(() -> !set.links().get(1).attached());
    Path partial = dir.resolve("partial.csv");
    assertThatThrownBy(() -> api.exportAlerts(ALICE, partial, false))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the manager " + westChannel + " cannot be reached")
        .hasMessageContaining("the file would miss its rows");
    assertThat(partial).doesNotExist();
  }
}
