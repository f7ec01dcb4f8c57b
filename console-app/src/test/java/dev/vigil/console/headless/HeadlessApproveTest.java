package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Operator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Approving shows the key first and asks for proof that the operator compared it. */
class HeadlessApproveTest {
  private static final String ID = "7e57a9e0-0000-4000-8000-000000000007";
  private static final String KEY = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
  private static final String OTHER = "SHA256:AAAAQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

  private final InMemoryOperatorApi api = new InMemoryOperatorApi();

  HeadlessApproveTest() {
    api.agents.add(
        new AgentSnapshot(
            ID, "new-01", "Linux", "10.0.0.9", AgentStatus.PENDING, List.of(), null, 0, KEY));
  }

  private String run(String input, boolean json) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try {
      new HeadlessConsole(
              api, Operator.local(), new BufferedReader(new StringReader(input)), out, json)
          .run();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theFingerprintComesFirstAndItsLastCharactersMustBeTyped() {
    String out = run("approve new-01\nhSuF\napprove new-01\nSuFU\n", false);
    assertThat(out)
        .contains(
            "vigil> Key fingerprint  "
                + KEY
                + "\nof new-01 (7e57a9e0) from 10.0.0.9.\n"
                + "Compare it with the line the agent logs when it starts")
        .contains("Type its last 4 characters to approve it: ")
        .contains("Those are not the fingerprint's last characters; nothing done.")
        .contains("Approved new-01 (7e57a9e0).");
    assertThat(out.indexOf("nothing done")).isLessThan(out.indexOf("Approved"));
    assertThat(api.decisions).containsExactly("approve " + ID);
  }

  @Test
  void theEndOfInputApprovesNothing() {
    assertThat(run("approve new-01\n", false)).contains("Nothing was typed; nothing done.");
    assertThat(api.decisions).isEmpty();
  }

  @Test
  void aScriptGivesTheWholeFingerprintOrNothingHappens() {
    List<JsonObject> answers =
        run(
                "approve new-01\napprove new-01 --fingerprint "
                    + OTHER
                    + "\napprove new-01 --fingerprint "
                    + KEY
                    + "\n",
                true)
            .lines()
            .map(l -> JsonParser.parseString(l).getAsJsonObject())
            .toList();
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).get("ok").getAsBoolean()).isFalse();
    assertThat(answers.get(0).get("error").getAsString()).contains("--fingerprint SHA256:...");
    assertThat(answers.get(1).get("error").getAsString())
        .isEqualTo("new-01 presents the key " + KEY + ", not " + OTHER + "; nothing done.");
    assertThat(answers.get(2).get("ok").getAsBoolean()).isTrue();
    assertThat(api.decisions).containsExactly("approve " + ID);
  }

  @Test
  void theKeyChangingWhileTheOperatorComparesApprovesNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    // the operator reads the key, and meanwhile an impostor takes the pending entry's place
    BufferedReader typing =
        new BufferedReader(new StringReader("approve new-01\n")) {
          private boolean asked;

          @Override
          public String readLine() throws java.io.IOException {
            String line = super.readLine();
            if (line == null && !asked) {
              asked = true;
              api.agents.replaceAll(
                  a ->
                      new AgentSnapshot(
                          ID,
                          "new-01",
                          "Linux",
                          "10.6.6.6",
                          AgentStatus.PENDING,
                          List.of(),
                          null,
                          0,
                          OTHER));
              return "SuFU";
            }
            return line;
          }
        };
    new HeadlessConsoleRunner(api, typing, out).run();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("new-01's key changed while you compared it; nothing done.");
    assertThat(api.decisions).isEmpty();
  }

  @Test
  void pendingListsTheFingerprintFirst() {
    assertThat(run("pending\n", false))
        .contains("vigil> " + KEY + "  7e57a9e0  new-01")
        .contains("'approve ID' (it asks for the fingerprint's last 4 characters)");
  }

  /** Runs a console on a given reader. */
  private record HeadlessConsoleRunner(
      InMemoryOperatorApi api, BufferedReader in, PrintStream out) {
    void run() {
      try {
        new HeadlessConsole(api, Operator.local(), in, out, false).run();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
