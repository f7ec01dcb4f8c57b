package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Headless {@code restart-service AGENT UNIT}: only an allowed unit is sent, after a yes. */
class HeadlessRestartServiceTest {
  private static final String WEB = "0a1b2c3d-0000-4000-8000-000000000001";
  private static final String DB = "0a1b9999-0000-4000-8000-000000000002";
  private static final Operator ALICE = new Operator("alice", "10.1.2.3");

  private final InMemoryOperatorApi api = new InMemoryOperatorApi();

  HeadlessRestartServiceTest() {
    AgentSnapshot web = api.add(WEB, "web-01", Command.RESTART_SERVICE);
    api.agents.set(
        api.agents.indexOf(web),
        web.withInventory(List.of("web", "prod"), List.of("nginx.service", "php8.2-fpm.service")));
    api.add(DB, "db-01");
  }

  private String run(String input, boolean json) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new HeadlessConsole(api, ALICE, new BufferedReader(new StringReader(input)), out, json).run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anAllowedUnitIsSentInFullAfterAYesAndOthersAreRefusedWithoutAsking() throws Exception {
    String out =
        run(
            "restart-service web-01 nginx\nyes\nrestart-service web-01 sshd\n"
                + "restart-service db-01 nginx\nrestart-service web-01 ngin*\n",
            false);
    assertThat(out)
        .contains("Restart service nginx.service on web-01 (10.0.0.5)? Type 'yes' to confirm: ")
        .contains("restart-service web-01: SUCCEEDED - done")
        .contains(
            "web-01: this agent's config does not allow restarting 'sshd.service'"
                + " (allow-services: nginx.service, php8.2-fpm.service, set by its config)")
        .contains("db-01: Not allowed by the agent's config: name the unit in its allow-services.")
        .contains("wildcards are not allowed");
    assertThat(api.sent)
        .containsExactly(
            new InMemoryOperatorApi.Sent(
                ALICE, WEB, Command.RESTART_SERVICE, Map.of("unit", "nginx.service")));
  }

  @Test
  void withJsonItNeedsYesAndAnswersWithTheOutcome() throws Exception {
    List<JsonObject> answers =
        run("restart-service web-01 nginx\nrestart-service web-01 nginx --yes\n", true)
            .lines()
            .map(l -> JsonParser.parseString(l).getAsJsonObject())
            .toList();
    assertThat(answers.get(0).get("error").getAsString())
        .isEqualTo("Add --yes to confirm: restart service nginx.service on web-01 (10.0.0.5).");
    assertThat(answers.get(1).get("ok").getAsBoolean()).isTrue();
    JsonObject data = answers.get(1).getAsJsonObject("data");
    assertThat(data.get("command").getAsString()).isEqualTo("restart-service");
    assertThat(data.get("status").getAsString()).isEqualTo("SUCCEEDED");
  }

  @Test
  void statsShowsTheAgentsTagsAndTheServicesItMayRestart() throws Exception {
    assertThat(run("stats web-01\n", false))
        .contains("Services nginx.service, php8.2-fpm.service (restart-service)")
        .contains("Tags     web, prod");
  }
}
