package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.vigil.common.HostPort;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.FreezingProxy;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.wire.ExportTransfer;
import dev.vigil.console.manager.store.AuditLog;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exports from a console attached over the operator channel (real mutual TLS on loopback): the file
 * lands on the operator's machine byte for byte as the manager's own export, by the same file
 * rules, and a transfer cut off leaves nothing under the file's name.
 */
@Timeout(90)
class AttachedExportTest {
  @RegisterExtension
  final RunningConsole console = RunningConsole.configured(b -> b.operatorPort(0));

  private final Consoles consoles = new Consoles(console);
  private static final Operator ANYONE = new Operator("ignored", "the server names who asks");

  /** Alerts whose cells need quoting, escaping and neutralising, about {@code bytes} in all. */
  private void alerts(long bytes) {
    ConsoleStore store = console.manager().store();
    String[] tricky = {
      "CPU at 99 %, above 90 %",
      "say \"hi\"",
      "semi;colon, and comma",
      "=1+1",
      "café ☕ überlastet",
      "plain"
    };
    long written = 0;
    for (int i = 0; written < bytes; i++) {
      String message = tricky[i % tricky.length] + " " + "x".repeat(i % 300);
      store.insertAlert(
          new AlertEvent(
              0,
              "agent-" + (i % 7),
              i % 5 == 0 ? "web,01" : "db-" + (i % 3),
              new AlertReport(
                  i + 1, "cpu", Severity.CRITICAL, AlertState.FIRING, 99.5, 90, 1_000 + i, message),
              AlertEvent.Channel.TCP,
              2_000 + i,
              false));
      written += message.length() + 150;
    }
  }

  private Path exportedHere(String name) throws IOException {
    Path file = console.dir("operator-side").resolve(name);
    Files.createDirectories(file.getParent());
    return file;
  }

  private Path exportedOnTheManager(String name) throws IOException {
    Path file = console.dir("manager-side").resolve(name);
    Files.createDirectories(file.getParent());
    return file;
  }

  @Test
  void aViewersAlertExportIsTheManagersOwnFileByteForByteInSeveralChunksAndAudited()
      throws Exception {
    alerts(3L * ExportTransfer.CHUNK_BYTES);
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    RemoteOperatorApi vera = consoles.invited(admin, "vera", Role.VIEWER);
    Path here = exportedHere("alerts.csv");
    Path there = exportedOnTheManager("alerts.csv");

    long rows = vera.exportAlerts(ANYONE, here, false);

    assertThat(console.manager().exportAlerts(ANYONE, there, false)).isEqualTo(rows);
    assertThat(Files.size(here)).isGreaterThan(2L * ExportTransfer.CHUNK_BYTES);
    assertThat(Files.mismatch(here, there)).isEqualTo(-1L);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(here)))
        .isEqualTo("rw-------");
    assertThat(besideIt(here)).containsExactly(here);
    // The spool file on the manager went with the last chunk.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(spooled()).isEmpty());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(new AuditLog(console.manager().store()).entries(""))
                    .anySatisfy(
                        e -> {
                          assertThat(e.operator()).isEqualTo("vera");
                          assertThat(e.action()).isEqualTo("exportAlerts");
                          assertThat(e.status()).isEqualTo("DONE");
                          assertThat(e.detail()).contains(rows + " row(s)");
                        }));
  }

  @Test
  void aHistoryExportIsTheManagersOwnFileByteForByte() throws Exception {
    long minute = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    List<MinuteAggregate> minutes = new ArrayList<>();
    for (int m = 0; m < 120; m++) {
      for (Metric metric : Metric.LIVE) {
        minutes.add(
            new MinuteAggregate("agent-" + (m % 3), minute + m * 60_000L, metric, 12, 1.5, m, 99));
      }
    }
    console.manager().store().insertMinutes(minutes);
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    Instant from = Instant.ofEpochMilli(minute + 30 * 60_000L);
    Instant to = Instant.ofEpochMilli(minute + 90 * 60_000L);
    Path here = exportedHere("history.csv");
    Path there = exportedOnTheManager("history.csv");

    long rows = admin.exportHistory(ANYONE, here, from, to, false);

    assertThat(rows).isEqualTo(60L * Metric.LIVE.size());
    assertThat(console.manager().exportHistory(ANYONE, there, from, to, false)).isEqualTo(rows);
    assertThat(Files.mismatch(here, there)).isEqualTo(-1L);
  }

  @Test
  void aSymbolicLinkIsRefusedAndAnExistingFileKeptUnlessReplacing() throws Exception {
    alerts(10_000);
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    Path victim = exportedHere("authorized_keys");
    Files.writeString(victim, "ssh-ed25519 AAAA");
    Path link = Files.createSymbolicLink(exportedHere("link.csv"), victim);
    Path notes = exportedHere("notes.csv");
    Files.writeString(notes, "the operator's notes");

    assertThatThrownBy(() -> admin.exportAlerts(ANYONE, link, true))
        .isInstanceOf(IOException.class)
        .hasMessage("it is a symbolic link; give the path of the file itself");
    assertThatThrownBy(() -> admin.exportAlerts(ANYONE, notes, false))
        .isInstanceOf(IOException.class)
        .hasMessage("it already exists; add --force to replace it");

    assertThat(Files.readString(victim)).isEqualTo("ssh-ed25519 AAAA");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(notes)).isEqualTo("the operator's notes");
    admin.exportAlerts(ANYONE, notes, true);
    assertThat(Files.readString(notes)).startsWith("id,raised_at,");
    assertThat(besideIt(notes)).containsExactly(notes);
  }

  @Test
  void aTransferCutOffByTheManagersStopLeavesNoFileAndSaysHowFarItCame() throws Exception {
    alerts(6L * ExportTransfer.CHUNK_BYTES);
    consoles.firstAdmin("alice").close();
    FreezingProxy proxy =
        console.closeAfter(
            new FreezingProxy(console.manager().operatorListener().orElseThrow().getPort()));
    RemoteOperatorApi alice =
        console.closeAfter(
            RemoteOperatorApi.attach(
                new RemoteOperatorApi.Target(
                    new HostPort("127.0.0.1", proxy.port()),
                    console.dir("attach-alice"),
                    "alice",
                    null,
                    Consoles.key(console.manager()))));
    Path here = exportedHere("alerts.csv");
    proxy.freezeAfter(2L * ExportTransfer.CHUNK_BYTES);

    CompletableFuture<Long> export =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return alice.exportAlerts(ANYONE, here, false);
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            });
    await().atMost(Duration.ofSeconds(20)).until(proxy::frozen);
    console.manager().close();
    proxy.close();

    assertThatThrownBy(export::join)
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the transfer from the manager at 127.0.0.1:" + proxy.port())
        .hasMessageContaining("stopped after")
        .hasMessageEndingWith("no file was written");
    assertThat(here).doesNotExist();
    assertThat(besideIt(here)).isEmpty();
  }

  @Test
  void aSecondExportWhileOneIsUnderWayIsRefusedWithASentenceAndTheSpoolGoesWithTheSession()
      throws Exception {
    alerts(2L * ExportTransfer.CHUNK_BYTES);
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    String token =
        admin
            .operatorAdmin()
            .orElseThrow()
            .invite(ANYONE, "bob", Role.VIEWER, Duration.ofHours(1))
            .token();
    try (RawOperatorPeer bob = new RawOperatorPeer(Consoles.channel(console.manager()))) {
      assertThat(bob.hello("bob", token).get("type").getAsString()).isEqualTo("op_welcome");
      bob.send(call(1, "exportAlerts", "{}"));
      JsonObject first = bob.next();
      assertThat(first.get("type").getAsString()).isEqualTo("result");
      long transfer = first.getAsJsonObject("value").get("transfer").getAsLong();

      bob.send(call(2, "exportAlerts", "{}"));
      JsonObject second = bob.next();
      assertThat(second.get("type").getAsString()).isEqualTo("failed");
      assertThat(second.get("sentence").getAsString())
          .isEqualTo(
              "An export is already under way for this console: one at a time; wait for it to"
                  + " finish.");
      assertThat(spooled()).hasSize(1);

      bob.send(call(3, "exportChunk", "{\"transfer\":" + transfer + ",\"offset\":0}"));
      JsonObject chunk = bob.next().getAsJsonObject("value");
      assertThat(chunk.get("offset").getAsLong()).isZero();
      assertThat(chunk.get("last").getAsBoolean()).isFalse();
      assertThat(Base64.getDecoder().decode(chunk.get("data").getAsString()))
          .hasSize(ExportTransfer.CHUNK_BYTES);

      // A console that gives up (its wait for the manager timed out) ends whatever is under way.
      bob.send(call(4, "exportEnd", "{}"));
      assertThat(bob.next().get("type").getAsString()).isEqualTo("result");
      assertThat(spooled()).isEmpty();
      bob.send(call(5, "exportChunk", "{\"transfer\":" + transfer + ",\"offset\":0}"));
      assertThat(bob.next().get("sentence").getAsString())
          .isEqualTo(
              "This console has no export " + transfer + " under way: start the export again.");
      bob.send(call(6, "exportAlerts", "{}"));
      assertThat(bob.next().getAsJsonObject("value").get("transfer").getAsLong())
          .isEqualTo(transfer + 1);
      assertThat(spooled()).hasSize(1);
    }
    // The console went half way: the manager lets its export go with the session.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spooled()).isEmpty());
  }

  private static byte[] call(long id, String method, String args) {
    return ("{\"type\":\"call\",\"id\":"
            + id
            + ",\"method\":\""
            + method
            + "\",\"args\":"
            + args
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<Path> besideIt(Path file) throws IOException {
    try (Stream<Path> all = Files.list(file.getParent())) {
      return all.filter(p -> p.getFileName().toString().contains(file.getFileName().toString()))
          .toList();
    }
  }

  private List<Path> spooled() throws IOException {
    Path dir = console.dir("console").resolve("exports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(dir)) {
      return all.toList();
    }
  }
}
