package dev.vigil.console.manager.notify;

import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Channel settings as the config file would give them, and real problems, for channel tests. */
final class NotifyFixtures {
  private NotifyFixtures() {}

  /**
   * The settings of channel {@code name}, from {@code keyValues} (key, value, key, value...), each
   * key remembered as written on its own line of {@code notifications.conf}, from line 1.
   */
  static ChannelSettings settings(
      String name, String type, Map<String, String> secrets, String... keyValues) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
      origins.put(keyValues[i], "notifications.conf line " + (i / 2 + 1));
    }
    return new ChannelSettings(name, type, values, origins, secrets::get);
  }

  static Problem firing(long id, String host, String rule, Severity severity, long sinceMillis) {
    return new Problem(
        id,
        "agent-" + id,
        host,
        rule,
        severity,
        AlertState.FIRING,
        sinceMillis,
        sinceMillis + 5_000,
        97.25,
        rule + " is at 97.25 %, above 90 %",
        1000 + id,
        "",
        0,
        "",
        0);
  }

  static Message message(long id, List<Notice> notices) {
    return new Message(id, "ops", notices, 1_764_650_000_000L + id, false, "vigil ack 42");
  }

  static Notice notice(Problem p, Notice.Transition t) {
    return new Notice(p, t, "");
  }
}
