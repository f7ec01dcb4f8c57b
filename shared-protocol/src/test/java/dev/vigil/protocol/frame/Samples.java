package dev.vigil.protocol.frame;

import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.RuleLevel;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.message.Welcome;
import java.util.List;
import java.util.Map;

/** One valid instance of every message type, for tests. */
final class Samples {
  private Samples() {}

  static List<Message> everyType() {
    return List.of(
        new Hello(
            1,
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            "web-01",
            "Debian GNU/Linux 12",
            "0.1.0",
            List.of("restart"),
            "tok_0123456789abcdef"),
        new Pending("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", "waiting for approval"),
        new Welcome(1, "console-1", 5, 7471, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        new Heartbeat(1_700_000_000_000L),
        new ErrorMessage(ErrorCode.UNKNOWN_TYPE, "unknown message type 'x'"),
        StatsReport.builder(1_700_000_000_000L, 12.5, 1L << 30, 4L << 30, 211)
            .cpuPerCore(List.of(10.0, 15.0))
            .loadAverage(List.of(0.5, 0.4, 0.3))
            .memoryAvailable(3L << 30)
            .swap(0, 1L << 30)
            .threads(900)
            .uptimeSeconds(86_400)
            .disk(1024.5, 2048)
            .network(List.of(new InterfaceRate("eth0", 1500, 300)))
            .agent(0.4, 60L << 20)
            .build(),
        new SlowReport(
            1_700_000_000_000L,
            List.of(new FileSystemUsage("/", "ext4", 10L << 30, 40L << 30)),
            List.of(
                new ProcessInfo(
                    4242, "java", 37.5, 200L << 20, "vigil", "/usr/bin/java -jar agent.jar")),
            List.of(new ProcessInfo(4242, "java", 37.5, 200L << 20))),
        new Inventory(
            "web-01",
            "Debian GNU/Linux 12",
            "6.1.0",
            "amd64",
            "Intel Xeon",
            2,
            4,
            16L << 30,
            List.of("10.0.0.5"),
            "0.1.0",
            List.of("refresh", "processes"),
            List.of(
                new RuleLevel("cpu", 80.0, 90.0, 70, 30_000),
                new RuleLevel("disk", null, 95.0, 85.5, 0))),
        new AlertReport(
            3,
            "cpu",
            Severity.CRITICAL,
            AlertState.FIRING,
            97.0,
            90.0,
            1_700_000_000_000L,
            "CPU at 97% for 30 s"),
        new CommandResult(4, "c-1", CommandStatus.SUCCEEDED, "dry run: would run systemctl reboot"),
        new CommandRequest("c-1", "restart", Map.of()),
        new Ack(3));
  }
}
