package dev.vigil.console.manager.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {
  @TempDir Path dir;

  private static String id(int i) {
    return new UUID(0, i).toString();
  }

  @Test
  void enrolmentsApprovalsAndForgetsSurviveAReopenThroughTheJournal() throws Exception {
    TrustStore store = new TrustStore(dir);
    String token = store.createToken(Duration.ofHours(1), 1000).token();
    for (int i = 0; i < 250; i++) { // past a compaction, and some changes after it
      assertThat(store.admit(id(i), "host-" + i, "SHA256:k" + i, token, false))
          .isInstanceOf(TrustStore.Admission.Admitted.class);
    }
    assertThat(store.admit(id(999), "newcomer", "SHA256:n", null, false))
        .isInstanceOf(TrustStore.Admission.AwaitingApproval.class);
    assertThat(store.approve(id(999))).isTrue();
    assertThat(store.forget(id(7))).isTrue();
    assertThat(Files.exists(dir.resolve("agents.journal"))).isTrue();

    TrustStore reopened = new TrustStore(dir); // as after a crash: nothing was closed
    assertThat(reopened.all()).hasSize(250);
    assertThat(reopened.get(id(999)).orElseThrow().approval())
        .isEqualTo(TrustStore.Approval.APPROVED);
    assertThat(reopened.get(id(7))).isEmpty();
    assertThat(reopened.get(id(3)).orElseThrow().fingerprint()).isEqualTo("SHA256:k3");
    // Opening folded the journal into the snapshot.
    assertThat(Files.exists(dir.resolve("agents.journal"))).isFalse();
    assertThat(new TrustStore(dir).all()).hasSize(250);
  }

  @Test
  void approvalHoldsOnlyForTheKeyTheOperatorCompared() throws Exception {
    TrustStore store = new TrustStore(dir);
    store.admit(id(5), "web-01", "SHA256:real", null, false);
    // the operator compared another key than the one pinned now: nothing is let in
    assertThat(store.approve(id(5), "SHA256:shown-before")).isFalse();
    assertThat(store.get(id(5)).orElseThrow().approval()).isEqualTo(TrustStore.Approval.PENDING);
    assertThat(store.approve(id(5), "SHA256:real")).isTrue();
    assertThat(new TrustStore(dir).get(id(5)).orElseThrow().approval())
        .isEqualTo(TrustStore.Approval.APPROVED);
  }

  @Test
  void anUnfinishedLastLineIsSkippedButDamageInTheMiddleIsNamed() throws Exception {
    TrustStore store = new TrustStore(dir);
    store.admit(id(1), "one", "SHA256:a", null, false);
    store.approve(id(1));
    Path journal = dir.resolve("agents.journal");
    Files.writeString(journal, "{\"agent\":{\"agentId\":\"", StandardOpenOption.APPEND);
    TrustStore reopened = new TrustStore(dir);
    assertThat(reopened.get(id(1)).orElseThrow().approval())
        .isEqualTo(TrustStore.Approval.APPROVED);

    reopened.admit(id(2), "two", "SHA256:b", null, false);
    reopened.admit(id(3), "three", "SHA256:c", null, false);
    var lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    Files.write(journal, java.util.List.of(lines.get(0), "not json", lines.get(1)));
    assertThatThrownBy(() -> new TrustStore(dir))
        .hasMessageContaining("agents.journal is damaged at line 2")
        .hasMessageContaining("move it aside");
  }
}
