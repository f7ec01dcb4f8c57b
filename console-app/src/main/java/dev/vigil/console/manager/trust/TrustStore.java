package dev.vigil.console.manager.trust;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.vigil.protocol.message.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may talk to this console: every agent it has seen with its pinned key and approval, and the
 * enrollment tokens the operator handed out (stored only as hashes). Kept in the console's data
 * directory, owner-readable only, and written before any decision takes effect: known agents as a
 * snapshot ({@code agents.json}) plus a journal of changes ({@code agents.journal}). Thread-safe.
 */
public final class TrustStore {
  /** The operator's decision about an agent. */
  public enum Approval {
    APPROVED,
    PENDING,
    REJECTED
  }

  /**
   * An agent the console has seen.
   *
   * @param agentId its id
   * @param hostname its host name when last seen
   * @param fingerprint the key it is pinned to
   * @param approval the operator's decision
   * @param firstSeenMillis when it first connected
   */
  public record KnownAgent(
      String agentId,
      String hostname,
      String fingerprint,
      Approval approval,
      long firstSeenMillis) {}

  /**
   * A token as the operator sees it, once, when it is made.
   *
   * @param token the secret to paste on the new machine
   * @param expiresAt when it stops working
   * @param uses how many agents it admits
   */
  public record EnrollmentToken(String token, Instant expiresAt, int uses) {}

  /** What the console does with a new session. */
  public sealed interface Admission {
    /** The agent is approved: open the session. */
    record Admitted(boolean newlyEnrolled) implements Admission {}

    /** The agent waits for the operator. */
    record AwaitingApproval() implements Admission {}

    /**
     * The agent may not connect; the detail says why and what to do.
     *
     * @param keyChanged a known agent presented another key than the one pinned for it
     */
    record Refused(ErrorCode code, String detail, boolean keyChanged) implements Admission {
      Refused(ErrorCode code, String detail) {
        this(code, detail, false);
      }
    }
  }

  /**
   * An agent in server mode that the console dials.
   *
   * @param host its host
   * @param port its port
   * @param expectedFingerprint the key the operator said it has, or null to decide on first contact
   */
  public record DialTarget(String host, int port, String expectedFingerprint) {}

  private static final Gson LINE = new Gson();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrustStore.class);

  /**
   * One change to the known agents: an agent as it now is, or the id of one forgotten; with the
   * token use that enrolled it, so that the redemption and the new agent are one durable write.
   */
  private record JournalEntry(KnownAgent agent, String forget, EnrollmentTokens.Use tokenUse) {
    JournalEntry(KnownAgent agent, String forget) {
      this(agent, forget, null);
    }
  }

  private final Path agentsFile;
  private final Path journalFile;
  private int journalEntries;
  private final Map<String, KnownAgent> agents = new LinkedHashMap<>();
  private final EnrollmentTokens tokens;
  private final List<DialTarget> dialTargets = new ArrayList<>();
  private final Path dialTargetsFile;
  private final ReentrantLock lock = new ReentrantLock();
  private final PendingLimits pendingLimits;

  /** Opens the store with the default limits on pending agents, as below. */
  public TrustStore(Path dataDir) throws IOException {
    this(dataDir, UnauthenticatedLimits.DEFAULTS);
  }

  /**
   * Opens the store in {@code dataDir}, creating it on first start; pending agents past their
   * expiry are forgotten now.
   *
   * @throws IOException when a file cannot be read, naming the file and what to do
   */
  public TrustStore(Path dataDir, UnauthenticatedLimits limits) throws IOException {
    this.pendingLimits = new PendingLimits(limits);
    this.agentsFile = dataDir.resolve("agents.json");
    this.journalFile = dataDir.resolve("agents.journal");
    agents.putAll(
        JsonFiles.read(agentsFile, new TypeToken<Map<String, KnownAgent>>() {}, Map.of()));
    this.tokens = new EnrollmentTokens(dataDir.resolve("tokens.json"));
    replayJournal();
    this.dialTargetsFile = dataDir.resolve("dial-targets.json");
    dialTargets.addAll(
        JsonFiles.read(dialTargetsFile, new TypeToken<List<DialTarget>>() {}, List.of()));
    expirePending(System.currentTimeMillis());
  }

  /** Forgets, and returns, the agents waiting for approval longer than the expiry allows. */
  public List<KnownAgent> expirePending(long nowMillis) {
    lock.lock();
    try {
      List<KnownAgent> gone = new ArrayList<>();
      for (String id : pendingLimits.expired(agents.values(), nowMillis)) {
        gone.add(agents.remove(id));
      }
      if (!gone.isEmpty()) {
        compact(); // one snapshot, not one synced journal line per agent
        LOG.info("Forgot {} agents that waited for approval past the expiry", gone.size());
      }
      return gone;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies the changes made since the last snapshot, then folds them into a new snapshot. A last
   * line cut short by a crash was never synced, so no decision rested on it: it is skipped.
   */
  private void replayJournal() throws IOException {
    if (!Files.exists(journalFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(journalFile, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JournalEntry e = LINE.fromJson(line, JournalEntry.class);
        if (e.tokenUse() != null) {
          tokens.apply(e.tokenUse());
        }
        if (e.agent() != null) {
          agents.put(e.agent().agentId(), e.agent());
        } else if (e.forget() != null) {
          agents.remove(e.forget());
        }
      } catch (JsonParseException e) {
        if (i < lines.size() - 1) {
          throw new IOException(
              journalFile
                  + " is damaged at line "
                  + (i + 1)
                  + " ("
                  + e.getMessage()
                  + "); restore it from a backup or move it aside"
                  + " (agents approved since the last snapshot will then have to be approved again)",
              e);
        }
        LOG.warn("Skipping the unfinished last line of {}", journalFile);
      }
    }
    compact();
  }

  /**
   * Writes the tokens and all known agents as new snapshots and empties the journal. A crash in
   * between replays the journal again, which changes nothing: token uses only ever go down.
   */
  private void compact() {
    tokens.save();
    JsonFiles.save(agentsFile, agents);
    try {
      Files.deleteIfExists(journalFile);
      dev.vigil.common.DataDirectories.syncDirectory(journalFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset " + journalFile + ": " + e.getMessage(), e);
    }
    journalEntries = 0;
  }

  /**
   * Records one change durably (appended and synced) before it takes effect: O(1) per agent, where
   * rewriting the whole file made enrolling n agents O(n²). The snapshot is rewritten once the
   * journal holds as many entries as there are agents, so the cost stays constant per change.
   */
  private void journal(JournalEntry entry) {
    byte[] line = (LINE.toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      boolean created = !Files.exists(journalFile);
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(
              journalFile,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.WRITE,
              java.nio.file.StandardOpenOption.APPEND)) {
        if (created && Files.getFileStore(journalFile).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(
              journalFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(line);
        while (data.hasRemaining()) {
          ch.write(data);
        }
        ch.force(false);
      }
      if (created) {
        dev.vigil.common.DataDirectories.syncDirectory(journalFile.toAbsolutePath().getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save to " + journalFile + ": " + e.getMessage(), e);
    }
    journalEntries++;
  }

  private void compactWhenDue() {
    if (journalEntries >= Math.max(100, agents.size())) {
      compact();
    }
  }

  /**
   * Decides whether a session may open, recording a new agent as pending or enrolled.
   *
   * @param operatorPinned the console dialed this agent and its key matched the fingerprint the
   *     operator gave: a new agent is approved at once
   */
  public Admission admit(
      String agentId, String hostname, String fingerprint, String token, boolean operatorPinned) {
    return admit(agentId, hostname, fingerprint, token, operatorPinned, null);
  }

  /**
   * Decides whether a session may open, as above; a new agent without a token from {@code source}
   * is refused, and not stored, when too many agents wait for approval already.
   */
  public Admission admit(
      String agentId,
      String hostname,
      String fingerprint,
      String token,
      boolean operatorPinned,
      String source) {
    lock.lock();
    try {
      KnownAgent known = agents.get(agentId);
      if (known != null) {
        if (!known.fingerprint().equals(fingerprint)) {
          return new Admission.Refused(
              ErrorCode.NOT_AUTHORIZED,
              // Not the hello's host name: the peer is not this agent, its claims are not news.
              "agent "
                  + agentId
                  + " presented key "
                  + fingerprint
                  + " but is pinned to "
                  + known.fingerprint()
                  + ". If it was reinstalled, check that key on its machine and re-key it"
                  + " (headless: rekey "
                  + agentId.substring(0, 8)
                  + " "
                  + fingerprint
                  + "; window: Re-key...); forgetting it would free its id for whoever says"
                  + " hello first.",
              true);
        }
        if (!known.hostname().equals(hostname)) {
          put(
              new KnownAgent(
                  agentId, hostname, fingerprint, known.approval(), known.firstSeenMillis()));
        }
        return switch (known.approval()) {
          case APPROVED -> new Admission.Admitted(false);
          case PENDING -> new Admission.AwaitingApproval();
          case REJECTED ->
              new Admission.Refused(
                  ErrorCode.NOT_AUTHORIZED, "this agent was rejected by the console's operator");
        };
      }
      long now = System.currentTimeMillis();
      if (operatorPinned) {
        put(new KnownAgent(agentId, hostname, fingerprint, Approval.APPROVED, now));
        return new Admission.Admitted(true);
      }
      if (token != null) {
        Optional<EnrollmentTokens.Use> use = tokens.redemption(token, now);
        if (use.isEmpty()) {
          return new Admission.Refused(
              ErrorCode.NOT_AUTHORIZED,
              "the enrollment token is unknown, expired or used up; ask the console's operator for a new one");
        }
        // One synced journal line holds both: a crash never leaves a used token without its agent.
        KnownAgent enrolled =
            new KnownAgent(agentId, hostname, fingerprint, Approval.APPROVED, now);
        journal(new JournalEntry(enrolled, null, use.get()));
        tokens.apply(use.get());
        agents.put(agentId, enrolled);
        compactWhenDue();
        return new Admission.Admitted(true);
      }
      Admission.Refused full = pendingLimits.refusal(agents, source);
      if (full != null) {
        return full;
      }
      put(new KnownAgent(agentId, hostname, fingerprint, Approval.PENDING, now));
      pendingLimits.recorded(agentId, source);
      return new Admission.AwaitingApproval();
    } finally {
      lock.unlock();
    }
  }

  /** Makes a token that admits up to {@code uses} new agents until it expires. */
  public EnrollmentToken createToken(Duration ttl, int uses) {
    lock.lock();
    try {
      return tokens.create(ttl, uses);
    } finally {
      lock.unlock();
    }
  }

  /** Approves an agent; false when it is unknown. */
  public boolean approve(String agentId) {
    return decide(agentId, Approval.APPROVED);
  }

  /** Rejects an agent; false when it is unknown. */
  public boolean reject(String agentId) {
    return decide(agentId, Approval.REJECTED);
  }

  /**
   * Approves an agent only while its pinned key is {@code compared}, the one the operator checked:
   * false when it is unknown or another key took its place meanwhile.
   */
  public boolean approve(String agentId, String compared) {
    return decide(agentId, Approval.APPROVED, compared);
  }

  private boolean decide(String agentId, Approval approval) {
    return decide(agentId, approval, null);
  }

  private boolean decide(String agentId, Approval approval, String compared) {
    lock.lock();
    try {
      KnownAgent known = agents.get(agentId);
      if (known == null || (compared != null && !compared.equals(known.fingerprint()))) {
        return false;
      }
      put(
          new KnownAgent(
              agentId, known.hostname(), known.fingerprint(), approval, known.firstSeenMillis()));
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets an agent and its pinned key, so that it must be approved or enrolled again. */
  public boolean forget(String agentId) {
    lock.lock();
    try {
      if (!agents.containsKey(agentId)) {
        return false;
      }
      journal(new JournalEntry(null, agentId));
      agents.remove(agentId);
      compactWhenDue();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Re-keys a known agent: pins {@code fingerprint} in place of its key in one durable write,
   * keeping its id and the operator's decision, so that the id is never free for another peer to
   * take (as it is between a forget and a new enrollment).
   *
   * @return the agent as it now is, or empty when the id is unknown
   */
  public Optional<KnownAgent> rekey(String agentId, String fingerprint) {
    lock.lock();
    try {
      KnownAgent known = agents.get(agentId);
      if (known == null) {
        return Optional.empty();
      }
      KnownAgent rekeyed =
          new KnownAgent(
              agentId, known.hostname(), fingerprint, known.approval(), known.firstSeenMillis());
      put(rekeyed);
      return Optional.of(rekeyed);
    } finally {
      lock.unlock();
    }
  }

  /** Remembers an agent to dial; replaces an earlier entry for the same host and port. */
  public void addDialTarget(DialTarget target) {
    lock.lock();
    try {
      dialTargets.removeIf(t -> t.host().equals(target.host()) && t.port() == target.port());
      dialTargets.add(target);
      JsonFiles.save(dialTargetsFile, dialTargets);
    } finally {
      lock.unlock();
    }
  }

  /** The agents the console dials. */
  public List<DialTarget> dialTargets() {
    lock.lock();
    try {
      return List.copyOf(dialTargets);
    } finally {
      lock.unlock();
    }
  }

  /** One known agent. */
  public Optional<KnownAgent> get(String agentId) {
    lock.lock();
    try {
      return Optional.ofNullable(agents.get(agentId));
    } finally {
      lock.unlock();
    }
  }

  /** Every known agent. */
  public List<KnownAgent> all() {
    lock.lock();
    try {
      return List.copyOf(agents.values());
    } finally {
      lock.unlock();
    }
  }

  /** Records a change, then applies it: a change that could not be saved never takes effect. */
  private void put(KnownAgent agent) {
    journal(new JournalEntry(agent, null));
    agents.put(agent.agentId(), agent);
    compactWhenDue();
  }
}
