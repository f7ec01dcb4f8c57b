package dev.vigil.console.manager.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents waiting for approval stay bounded (issue #16, finding 2: 13,000 survived a restart). */
class PendingLimitsTest {
  @TempDir Path dir;

  private static String id(int i) {
    return new UUID(1, i).toString();
  }

  private static long pending(TrustStore store) {
    return store.all().stream().filter(a -> a.approval() == TrustStore.Approval.PENDING).count();
  }

  @Test
  void thirteenThousandNewIdsWithoutATokenLeaveAtMostTheLimitStoredAcrossARestart()
      throws Exception {
    TrustStore store = new TrustStore(dir);
    int refused = 0;
    for (int i = 0; i < 13_000; i++) {
      String source = "10.0." + (i / 250) + "." + (i % 250); // many addresses: the overall cap
      if (store.admit(id(i), "rogue-" + i, "SHA256:r" + i, null, false, source)
          instanceof TrustStore.Admission.Refused r) {
        assertThat(r.detail()).contains("waiting for approval, its limit");
        refused++;
      }
    }
    int cap = UnauthenticatedLimits.DEFAULTS.pendingAgents();
    assertThat(pending(store)).isEqualTo(cap);
    assertThat(refused).isEqualTo(13_000 - cap);
    assertThat(pending(new TrustStore(dir))).isEqualTo(cap);
    // A token still enrolls a new agent when the waiting room is full.
    String token = store.createToken(Duration.ofHours(1), 1).token();
    assertThat(store.admit(id(20_000), "real", "SHA256:real", token, false, "10.9.9.9"))
        .isInstanceOf(TrustStore.Admission.Admitted.class);
  }

  @Test
  void oneAddressMayHaveOnlyAFewAgentsWaiting() throws Exception {
    TrustStore store = new TrustStore(dir);
    int perAddress = UnauthenticatedLimits.DEFAULTS.pendingPerAddress();
    for (int i = 0; i < perAddress + 5; i++) {
      store.admit(id(i), "rogue", "SHA256:r" + i, null, false, "192.0.2.7");
    }
    assertThat(pending(store)).isEqualTo(perAddress);
    assertThat(store.admit(id(99), "other", "SHA256:o", null, false, "192.0.2.8"))
        .isInstanceOf(TrustStore.Admission.AwaitingApproval.class);
    // Approving one frees a place for that address.
    assertThat(store.approve(id(0))).isTrue();
    assertThat(store.admit(id(100), "next", "SHA256:n", null, false, "192.0.2.7"))
        .isInstanceOf(TrustStore.Admission.AwaitingApproval.class);
  }

  @Test
  void pendingAgentsExpireButDecidedOnesStay() throws Exception {
    TrustStore store = new TrustStore(dir);
    store.admit(id(1), "waiting", "SHA256:w", null, false, "192.0.2.1");
    store.admit(id(2), "approved", "SHA256:a", null, false, "192.0.2.1");
    store.approve(id(2));
    long later = System.currentTimeMillis() + Duration.ofHours(25).toMillis();
    assertThat(store.expirePending(later))
        .extracting(TrustStore.KnownAgent::agentId)
        .containsExactly(id(1));
    assertThat(store.get(id(1))).isEmpty();
    TrustStore reopened = new TrustStore(dir);
    assertThat(reopened.get(id(1))).isEmpty();
    assertThat(reopened.get(id(2))).isPresent();
  }

  @Test
  void pendingAgentsPastTheExpiryAreForgottenAtStart() throws Exception {
    Files.writeString(
        dir.resolve("agents.journal"),
        "{\"agent\":{\"agentId\":\""
            + id(5)
            + "\",\"hostname\":\"old\",\"fingerprint\":\"SHA256:o\",\"approval\":\"PENDING\","
            + "\"firstSeenMillis\":1000}}\n"
            + "{\"agent\":{\"agentId\":\""
            + id(6)
            + "\",\"hostname\":\"kept\",\"fingerprint\":\"SHA256:k\",\"approval\":\"APPROVED\","
            + "\"firstSeenMillis\":1000}}\n");
    TrustStore store = new TrustStore(dir);
    assertThat(store.get(id(5))).isEmpty();
    assertThat(store.get(id(6))).isPresent();
  }
}
