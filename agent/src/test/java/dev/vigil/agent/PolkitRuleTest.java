package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule {@code --polkit-rule} prints, evaluated as polkit would: its JavaScript run by Node.js
 * (installed here; the test is skipped without it) against a stand-in {@code polkit} object that
 * collects the rules and asks them as polkitd does for each action, user and detail.
 */
class PolkitRuleTest {
  @TempDir Path dir;

  private static final String HARNESS =
      """
      var rules = [];
      var polkit = {Result: {YES: "yes", NO: "no", NOT_HANDLED: "not handled"},
                    addRule: function (f) { rules.push(f); }};
      %s
      function ask(user, id, details) {
        var action = {id: id, lookup: function (k) { return details[k]; }};
        for (var i = 0; i < rules.length; i++) {
          var r = rules[i](action, {user: user});
          if (r !== undefined && r !== polkit.Result.NOT_HANDLED) { return r; }
        }
        return "not handled";
      }
      var units = "org.freedesktop.systemd1.manage-units";
      console.log([
        ask("vigil", units, {unit: "nginx.service", verb: "restart"}),
        ask("vigil", units, {unit: "getty@tty1.service", verb: "restart"}),
        ask("vigil", units, {unit: "sshd.service", verb: "restart"}),
        ask("vigil", units, {unit: "nginx.service", verb: "stop"}),
        ask("mallory", units, {unit: "nginx.service", verb: "restart"}),
        ask("vigil", "org.freedesktop.login1.reboot", {}),
        ask("vigil", "org.freedesktop.login1.power-off", {})
      ].join(","));
      """;

  private String evaluate(AgentConfig config) throws Exception {
    Path script = dir.resolve("rule.js");
    Files.writeString(script, HARNESS.formatted(PolkitRule.of(config)));
    Process node;
    try {
      node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException noNode) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "Node.js is missing; .ci/run installs it (scripts/nodejs.sh): " + noNode.getMessage(),
            noNode);
      }
      Assumptions.abort(
          "Node.js is not installed here (scripts/nodejs.sh installs it): " + noNode.getMessage());
      return "";
    }
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(node.exitValue()).as(out).isZero();
    return out;
  }

  private AgentConfig config(Set<Command> allow, List<String> units) {
    return AgentConfig.dialing("console", 7470)
        .dataDir(dir)
        .allowList(new AllowList(allow, "the test"))
        .allowedServices(new AllowedServices(units, "the test"))
        .build();
  }

  @Test
  void theAgentsUserMayRestartExactlyTheListedUnitsAndRebootOnlyWhenAllowed() throws Exception {
    assertThat(evaluate(config(Set.of(Command.RESTART), List.of("nginx", "getty@tty1"))))
        .isEqualTo("yes,yes,not handled,not handled,not handled,yes,not handled");
  }

  @Test
  void aConfigThatAllowsNothingGrantsNothing() throws Exception {
    assertThat(evaluate(config(Set.of(Command.REFRESH), List.of())))
        .isEqualTo(String.join(",", java.util.Collections.nCopies(7, "not handled")));
  }
}
