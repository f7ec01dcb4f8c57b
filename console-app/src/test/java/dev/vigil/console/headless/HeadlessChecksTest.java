package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.CheckStatus;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code checks AGENT} and {@code check-history}, as text and as JSON. */
class HeadlessChecksTest {
  private static final String WEB = "0a1b2c3d-0000-4000-8000-000000000001";
  private final InMemoryOperatorApi api = new InMemoryOperatorApi();

  HeadlessChecksTest() {
    long now = System.currentTimeMillis();
    AgentSnapshot a = api.add(WEB, "web-01");
    api.agents.set(
        0,
        a.withChecks(
            List.of(
                new CheckResult(
                    "site",
                    "http",
                    CheckStatus.CRITICAL,
                    true,
                    "HTTP http://127.0.0.1:1/: connection refused",
                    now,
                    3,
                    List.of()),
                new CheckResult(
                    "queue",
                    "plugin",
                    CheckStatus.OK,
                    false,
                    "OK - queue fine",
                    now,
                    12,
                    List.of(
                        new CheckMetric("queue", 42, ""), new CheckMetric("wait", 0.5, "s"))))));
    api.checkMinutes.add(new CheckMinute(WEB, now - 60_000, "queue", "queue", 2, 40, 41, 42));
  }

  private String run(String input, boolean json) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new HeadlessConsole(
            api, Operator.local(), new BufferedReader(new StringReader(input)), out, json)
        .run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void checksListsEachChecksStateProblemAndMessageWithItsFigures() throws Exception {
    String out = run("checks web-01\n", false);
    assertThat(out)
        .contains("web-01: 1 of 2 failing")
        .contains("CHECK", "TYPE", "STATE", "PROBLEM", "LAST RUN", "TOOK", "MESSAGE")
        .containsPattern(
            "site +http +CRITICAL +yes .* 3 ms +HTTP http://127.0.0.1:1/: connection refused")
        .containsPattern(
            "queue +plugin +OK +no .* 12 ms +OK - queue fine \\[queue=42 wait=0.5s\\]");
  }

  @Test
  void checksAsJsonIsTheListOfResultsAndCheckHistoryItsMinutes() throws Exception {
    JsonObject reply =
        JsonParser.parseString(run("checks web-01\n", true).strip()).getAsJsonObject();
    JsonArray data = reply.getAsJsonArray("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0).getAsJsonObject().get("failing").getAsBoolean()).isTrue();
    assertThat(
            data.get(1)
                .getAsJsonObject()
                .getAsJsonArray("metrics")
                .get(0)
                .getAsJsonObject()
                .get("value")
                .getAsDouble())
        .isEqualTo(42);
    String history = run("check-history web-01 queue queue\n", false);
    assertThat(history).contains("queue queue of web-01").containsPattern("2 +40 +41 +42");
  }

  @Test
  void anAgentWithoutChecksSaysHowToAddThem() throws Exception {
    api.add("0a1b9999-0000-4000-8000-000000000002", "db-01");
    assertThat(run("checks db-01\n", false))
        .contains(
            "db-01 has no service checks (check.NAME = ... in its agent.conf; docs/agent.md).");
  }
}
