package dev.vigil.console.manager.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
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
import dev.vigil.console.manager.api.Invitation;
import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.Snooze;
import dev.vigil.console.manager.api.UdpCounters;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.TlsIdentity;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every record the operator channel carries comes back from its JSON as it went. */
class OperatorWireTest {
  private static final long T = 1_800_000_000_123L;

  static StatsReport stats() {
    return StatsReport.builder(T, 42.5, 600, 1000, 10)
        .cpuPerCore(List.of(40.0, 45.0))
        .loadAverage(List.of(1.5, 1.0, 0.5))
        .memoryAvailable(400)
        .threads(50)
        .uptimeSeconds(100)
        .disk(10, 20)
        .network(List.of(new InterfaceRate("eth0", 300, 40)))
        .agent(0.1, 1 << 20)
        .build();
  }

  static AgentSnapshot agent() {
    return new AgentSnapshot(
        "7d0c3c3e-1111-4222-8333-444455556666",
        "web-01",
        "Linux 6.1",
        "10.0.0.5:51234",
        AgentStatus.ONLINE,
        List.of("restart", "processes"),
        stats(),
        T,
        TlsIdentity.create("t").fingerprint().value());
  }

  static AlertEvent alert() {
    return new AlertEvent(
        17,
        agent().agentId(),
        "web-01",
        new AlertReport(3, "cpu", Severity.CRITICAL, AlertState.FIRING, 97.5, 90, T, "CPU at 97%"),
        AlertEvent.Channel.TCP,
        T + 5,
        false);
  }

  static Problem problem() {
    return new Problem(
        4,
        agent().agentId(),
        "web-01",
        "cpu",
        Severity.CRITICAL,
        AlertState.FIRING,
        T,
        T + 9,
        97.5,
        "CPU at 97%",
        17,
        "alice",
        T + 20,
        "",
        0);
  }

  private static <T> T roundTrip(T value, Type type) throws ProtocolException {
    JsonObject frame = OperatorWire.frame(OperatorWire.RESULT);
    frame.add("value", OperatorWire.tree(value));
    JsonObject back = OperatorWire.decode(OperatorWire.encode(frame));
    return OperatorWire.value(back.get("value"), type, "value");
  }

  private static <T> void same(T value) throws ProtocolException {
    assertThat(roundTrip(value, value.getClass())).isEqualTo(value);
  }

  @Test
  void everyRecordOfTheApiComesBackEqual() throws Exception {
    same(agent());
    same(agent().withInventory(List.of("web", "region:eu-west"), List.of("nginx.service")));
    same(alert());
    same(problem());
    same(new ProblemChange(problem(), ProblemChange.Kind.ACKNOWLEDGED, alert()));
    same(new ProblemChange(problem(), ProblemChange.Kind.ENDED, null));
    same(
        new CommandOutcome(
            "c-1",
            agent().agentId(),
            "web-01",
            Command.RESTART,
            CommandOutcome.Status.REFUSED,
            "not allowed"));
    same(new MinuteAggregate(agent().agentId(), T, Metric.NET_IN, 60, 1, 2.5, 9));
    same(new Snooze(agent().agentId(), "cpu", Instant.ofEpochMilli(T)));
    same(new Acknowledgement(17, "alice", T, "looking"));
    same(AuditCheck.intact(12));
    same(new AuditCheck(12, 7, "hash differs"));
    same(AlertQuery.newest(50).withSeverities(Set.of(Severity.WARNING)).forAgent("a"));
    same(Enrollment.forToken("vgt_x", Instant.ofEpochMilli(T), 3, "console", 7000, null));
    same(new OperatorAccount("alice", "SHA256:" + "A".repeat(43), Role.ADMIN, "admin token", T));
    same(new Invitation("bob", Role.VIEWER, "vgo_y", Instant.ofEpochMilli(T), "./vigil console"));
    same(
        new ManagerInfo(
            "1.0",
            "SHA256:" + "B".repeat(43),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000),
            new InetSocketAddress(InetAddress.getByName("::1"), 7001),
            null,
            new UdpCounters(1, 2, 3, 4, 5),
            new ManagerInfo.SessionCounters(1, 2, 3, 4, 5, 6),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 7002)));
    same(Fingerprint.parse("SHA256:" + "C".repeat(43)));
    same(Duration.ofMinutes(90));
  }

  @Test
  void anAgentsViewKeepsItsDetailsAndLiveSamples() throws Exception {
    Inventory inventory =
        new Inventory(
            "web-01",
            "Linux",
            "6.1",
            "amd64",
            "Xeon",
            4,
            8,
            1 << 30,
            List.of("10.0.0.5"),
            "1.0",
            List.of("restart"));
    SlowReport slow =
        new SlowReport(
            T,
            List.of(new FileSystemUsage("/", "ext4", 10, 100)),
            List.of(new ProcessInfo(1, "init", 0.5, 1024, "root", "/sbin/init")),
            List.of());
    LiveSeries live =
        new LiveSeries(new long[] {T, T + 1000}, Map.of(Metric.CPU, new double[] {1.5, 2.5}));
    AgentView view = new AgentView(agent(), new AgentDetails(inventory, slow), live);
    AgentView back = roundTrip(view, AgentView.class);
    assertThat(back.snapshot()).isEqualTo(view.snapshot());
    assertThat(back.details()).isEqualTo(view.details());
    assertThat(back.live().timesMillis()).containsExactly(T, T + 1000);
    assertThat(back.live().of(Metric.CPU)).containsExactly(1.5, 2.5);
  }

  @Test
  void listsKeepTheirElementTypes() throws Exception {
    List<AlertEvent> back =
        roundTrip(List.of(alert(), alert()), new TypeToken<List<AlertEvent>>() {}.getType());
    assertThat(back).containsExactly(alert(), alert());
  }

  @Test
  void aFrameThatIsNotStrictJsonIsRefusedWithASentence() {
    assertThatThrownBy(
            () -> OperatorWire.decode("{\"type\":\"call\",".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not strict JSON");
    assertThatThrownBy(
            () ->
                OperatorWire.decode(
                    "{\"type\":\"call\",\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> OperatorWire.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> OperatorWire.decode("{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no string 'type'");
  }

  @Test
  void aValueOfTheWrongShapeNamesWhatItIs() {
    JsonObject frame;
    try {
      frame =
          OperatorWire.decode(
              "{\"type\":\"result\",\"value\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> OperatorWire.value(frame.get("value"), Problem.class, "problem"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("bad problem");
  }

  @Test
  void everyCallHasAUniqueWireNameAndTheRoleItNeeds() {
    assertThat(ApiCall.values()).extracting(ApiCall::wireName).doesNotHaveDuplicates();
    assertThat(ApiCall.byWireName("send")).contains(ApiCall.SEND);
    assertThat(ApiCall.SEND.needs()).isEqualTo(Role.OPERATOR);
    assertThat(ApiCall.APPROVE.needs()).isEqualTo(Role.ADMIN);
    assertThat(ApiCall.AGENTS.needs()).isEqualTo(Role.VIEWER);
    assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
  }
}
