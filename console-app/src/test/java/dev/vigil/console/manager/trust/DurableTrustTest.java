package dev.vigil.console.manager.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust store's writes (#16, findings 6 and 14): a token's redemption and the agent it enrolls
 * are one durable write, a write that fails changes nothing, and a re-key replaces the pinned key
 * without the id ever being free.
 */
class DurableTrustTest {
  private static final String AGENT = new UUID(0, 1).toString();
  private static final String REINSTALLED =
      dev.vigil.protocol.tls.TlsIdentity.create("reinstalled").fingerprint().value();
  @TempDir Path dir;

  /** A fingerprint as long as a real one, different for each agent. */
  private static String keyOf(String id) {
    return "SHA256:" + (id.replace("-", "") + "0000000000000000").substring(0, 43);
  }

  private static TrustStore.Admission enroll(TrustStore store, String id, String token) {
    return store.admit(id, "web-01", keyOf(id), token, false);
  }

  @Test
  void aRedemptionAndItsNewAgentAreOneJournalLine() throws Exception {
    TrustStore store = new TrustStore(dir);
    String token = store.createToken(Duration.ofHours(1), 1).token();
    String tokensBefore = Files.readString(dir.resolve("tokens.json"));

    assertThat(enroll(store, AGENT, token)).isInstanceOf(TrustStore.Admission.Admitted.class);

    // Only the journal changed, by one line naming both the agent and the token's use.
    assertThat(Files.readString(dir.resolve("tokens.json"))).isEqualTo(tokensBefore);
    List<String> journal =
        Files.readAllLines(dir.resolve("agents.journal"), StandardCharsets.UTF_8);
    assertThat(journal).hasSize(1);
    assertThat(journal.get(0)).contains(AGENT).contains("\"tokenUse\"").contains("\"usesLeft\":0");

    // Reopened as after a crash: the agent is there and the one-use token is spent.
    TrustStore reopened = new TrustStore(dir);
    assertThat(reopened.get(AGENT).orElseThrow().approval())
        .isEqualTo(TrustStore.Approval.APPROVED);
    assertThat(enroll(reopened, new UUID(0, 2).toString(), token))
        .isInstanceOf(TrustStore.Admission.Refused.class);
    // Replaying the journal twice (a crash during compaction) does not spend a use twice.
    TrustStore twoUses = new TrustStore(Files.createDirectories(dir.resolve("two")));
    String two = twoUses.createToken(Duration.ofHours(1), 2).token();
    enroll(twoUses, AGENT, two);
    Path other = dir.resolve("two");
    Files.copy(other.resolve("agents.journal"), other.resolve("journal.copy"));
    new TrustStore(other); // folds the journal into tokens.json and agents.json
    Files.move(other.resolve("journal.copy"), other.resolve("agents.journal"));
    assertThat(enroll(new TrustStore(other), new UUID(0, 3).toString(), two))
        .isInstanceOf(TrustStore.Admission.Admitted.class);
  }

  @Test
  void aFailedWriteLeavesNeitherTheAgentNorTheTokensUse() throws Exception {
    TrustStore store = new TrustStore(dir);
    String token = store.createToken(Duration.ofHours(1), 1).token();
    // The journal cannot be opened for writing: a directory (with a file, so it is not removed).
    Path journal = dir.resolve("agents.journal");
    Files.createDirectories(journal.resolve("blocked"));

    assertThatThrownBy(() -> enroll(store, AGENT, token)).isInstanceOf(UncheckedIOException.class);
    assertThat(store.get(AGENT)).isEmpty();

    Files.delete(journal.resolve("blocked"));
    Files.delete(journal);
    assertThat(enroll(store, AGENT, token)).isInstanceOf(TrustStore.Admission.Admitted.class);
  }

  @Test
  void aRekeyPinsTheNewKeyKeepingTheIdAndTheDecisionAndSurvivesAReopen() throws Exception {
    TrustStore store = new TrustStore(dir);
    enroll(store, AGENT, store.createToken(Duration.ofHours(1), 1).token());
    var refused = store.admit(AGENT, "web-01", REINSTALLED, null, false);
    assertThat(refused).isInstanceOf(TrustStore.Admission.Refused.class);
    assertThat(((TrustStore.Admission.Refused) refused).detail())
        .contains("re-key it")
        .hasSizeLessThan(512) // an alert's message, with real fingerprints in it
        .contains("rekey " + AGENT.substring(0, 8) + " " + REINSTALLED)
        .doesNotContain("forget it on the console");

    assertThat(store.rekey(AGENT, REINSTALLED)).isPresent();
    assertThat(store.admit(AGENT, "web-01", REINSTALLED, null, false))
        .isInstanceOf(TrustStore.Admission.Admitted.class);
    assertThat(store.admit(AGENT, "web-01", keyOf(AGENT), null, false))
        .isInstanceOf(TrustStore.Admission.Refused.class);
    assertThat(new TrustStore(dir).get(AGENT).orElseThrow().fingerprint()).isEqualTo(REINSTALLED);
    assertThat(store.rekey(new UUID(0, 9).toString(), "SHA256:x")).isEmpty();
  }
}
