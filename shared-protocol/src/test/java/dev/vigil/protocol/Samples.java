package dev.vigil.protocol;

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
        new StatsReport(1_700_000_000_000L, 12.5, 1L << 30, 4L << 30, 211),
        new AlertReport(
            3,
            "cpu",
            Severity.CRITICAL,
            AlertState.FIRING,
            97.0,
            90.0,
            1_700_000_000_000L,
            "CPU at 97% for 30 s"),
        new CommandResult("c-1", CommandStatus.SUCCEEDED, "dry run: would run systemctl reboot"),
        new CommandRequest("c-1", "restart", Map.of()),
        new AlertAck(3));
  }
}
