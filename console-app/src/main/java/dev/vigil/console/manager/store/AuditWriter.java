package dev.vigil.console.manager.store;

import dev.vigil.console.manager.api.AuditCheck;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Operator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every command's states (sent, acknowledged, final outcome) and every trust action to the
 * store's {@link AuditLog} on a thread of its own, so that a session's reader or a timer never
 * waits for SQLite; each row names the operator. Closing writes what is queued first. Thread-safe.
 */
public final class AuditWriter implements FleetListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

  /** Named on the rows of commands no operator is known for (none, so far: a safety net). */
  static final Operator UNKNOWN = new Operator("unknown", "not recorded");

  /** Trust actions, as named in the audit log's {@code command} column. */
  public static final String APPROVE = "approve";

  public static final String REJECT = "reject";
  public static final String FORGET = "forget";
  public static final String TOKEN = "token";
  public static final String REKEY = "rekey";

  private final AuditLog log;
  private final Map<String, Operator> issuers = new ConcurrentHashMap<>();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("vigil-audit").daemon().unstarted(r));

  public AuditWriter(AuditLog log) {
    this.log = log;
  }

  /** The log it writes to. */
  public AuditLog log() {
    return log;
  }

  /** Remembers who sent a command, before its first state is reported. */
  public void issued(String commandId, Operator who) {
    issuers.put(commandId, who);
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    boolean done =
        outcome.status() != CommandOutcome.Status.SENT
            && outcome.status() != CommandOutcome.Status.ACKNOWLEDGED;
    Operator who = done ? issuers.remove(outcome.commandId()) : issuers.get(outcome.commandId());
    Operator by = who == null ? UNKNOWN : who;
    submit(
        new AuditLog.Entry(
            System.currentTimeMillis(),
            by.name(),
            by.origin(),
            outcome.command().wireName(),
            outcome.commandId(),
            outcome.agentId(),
            outcome.hostname(),
            outcome.outcomeName(),
            outcome.detail()));
  }

  /**
   * Audits a trust action (approve, reject, forget, token, a re-key) beside the commands.
   *
   * @param action the action's name, for example {@link #APPROVE}
   * @param agentId the agent concerned, or empty
   * @param detail a sentence; never a secret such as a token
   */
  public void trust(Operator who, String action, String agentId, String hostname, String detail) {
    submit(
        new AuditLog.Entry(
            System.currentTimeMillis(),
            who.name(),
            who.origin(),
            action,
            "",
            agentId,
            hostname,
            "DONE",
            detail));
  }

  /**
   * Audits a call the manager refused an operator attached over the network (their role does not
   * include it), with the refusal's sentence.
   */
  public void refused(Operator who, String action, String agentId, String detail) {
    submit(
        new AuditLog.Entry(
            System.currentTimeMillis(),
            who.name(),
            who.origin(),
            action,
            "",
            agentId,
            "",
            "REFUSED",
            detail));
  }

  /**
   * Audits an enrollment token made: its uses, its validity and the first 8 hex digits of its
   * SHA-256 (as {@code tokens.json} stores it), never the token itself.
   */
  public void token(Operator who, java.time.Duration validFor, int uses, String token) {
    trust(
        who,
        TOKEN,
        "",
        "",
        "a token for "
            + uses
            + " agent(s), valid for "
            + validFor
            + ", sha256 "
            + dev.vigil.common.HashChain.sha256(token).substring(0, 8)
            + "…");
  }

  /**
   * Checks the chain now, after what is queued has been written; a broken chain is logged as an
   * error naming its first bad row.
   */
  public AuditCheck verify() {
    try {
      AuditCheck check = writer.submit(log::verify).get(30, TimeUnit.SECONDS);
      if (!check.intact()) {
        LOG.error(check.sentence());
      }
      return check;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConsoleStore.StoreException("the audit check was interrupted", e);
    } catch (RejectedExecutionException e) {
      throw new ConsoleStore.StoreException("the console is stopping", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new ConsoleStore.StoreException("the audit check failed: " + e.getMessage(), e);
    }
  }

  private void submit(AuditLog.Entry entry) {
    if (writer.isShutdown()) {
      // The console is stopping: a command that times out now has no store to go to.
      LOG.debug("Not audited after the store closed: {} {}", entry.action(), entry.status());
      return;
    }
    try {
      writer.execute(() -> write(entry));
    } catch (RejectedExecutionException e) {
      LOG.debug("Not audited after the store closed: {} {}", entry.action(), entry.status());
    }
  }

  private void write(AuditLog.Entry e) {
    try {
      log.append(e);
    } catch (ConsoleStore.StoreException ex) {
      LOG.error(
          "{} by {} on {} ({}) is missing from the audit log: {}",
          e.action(),
          e.operator(),
          e.hostname(),
          e.status(),
          ex.getMessage());
    }
  }

  /** Writes what is queued, for at most 10 s, then stops. */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.warn("The audit log did not catch up within 10 s; the last entries may be missing");
      writer.shutdownNow();
    }
  }
}
