package dev.vigil.console.attach;

import static dev.vigil.console.attach.RemoteCalls.args;

import com.google.gson.JsonElement;
import com.google.gson.reflect.TypeToken;
import dev.vigil.common.HostPort;
import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.AuditCheck;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.NotificationChannel;
import dev.vigil.console.manager.api.NotificationTest;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAdmin;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.RefusedException;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.Snooze;
import dev.vigil.console.manager.api.Subscription;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The operator API of a manager elsewhere, over its operator channel: the same interface the
 * embedded manager serves, so the window and the text interface work unchanged. Agents and problems
 * are read from a local copy fed by the manager's events; every other call goes to the manager,
 * which checks it against this operator's role (a refusal is a {@link RefusedException} with the
 * manager's sentence). Re-attaches by itself after the manager restarts. Thread-safe.
 */
public final class RemoteOperatorApi implements OperatorApi, AutoCloseable {
  private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Where and as whom to attach.
   *
   * @param manager the manager's operator channel
   * @param dataDir this console's own key and the managers it pinned
   * @param name the operator's name, used when a token enrolls them as the first admin
   * @param token the admin or operator token, needed the first time only; null after
   * @param managerFingerprint the manager's key, needed the first time only; null after
   */
  public record Target(
      HostPort manager, Path dataDir, String name, String token, Fingerprint managerFingerprint) {}

  private final Attachment attachment;
  private final RemoteCalls calls;
  private final Role role;
  private final String operatorName;
  private final String hostPort;

  private RemoteOperatorApi(Attachment attachment, ChannelConnection first, String hostPort) {
    this.attachment = attachment;
    this.calls = new RemoteCalls(attachment);
    this.hostPort = hostPort;
    this.role = first.role();
    this.operatorName = first.name();
  }

  /**
   * Attaches, waits for the first snapshot, and pins the manager's key for next time.
   *
   * @throws IOException with a sentence: the manager refused this console (its words), the key does
   *     not match the pin, no fingerprint is known yet, or the manager cannot be reached
   */
  public static RemoteOperatorApi attach(Target target) throws IOException {
    String hostPort = target.manager().toString();
    ManagerPins pins = new ManagerPins(target.dataDir());
    Fingerprint pin = target.managerFingerprint();
    if (pin == null) {
      pin =
          pins.pinned(hostPort)
              .map(Fingerprint::parse)
              .orElseThrow(
                  () ->
                      new IOException(
                          "This console has not attached to "
                              + hostPort
                              + " before: name its key with --manager-fingerprint SHA256:… (the"
                              + " manager prints it when it starts)"));
    }
    TlsIdentity identity = TlsIdentity.loadOrCreate(target.dataDir(), "vigil-operator");
    var tls =
        TlsContexts.create(
            identity,
            PeerCheck.pinned(
                pin,
                "The manager at " + hostPort,
                "Check --manager-fingerprint against the line the manager prints at start."));
    Attachment attachment =
        new Attachment(
            new InetSocketAddress(target.manager().host(), target.manager().port()),
            tls,
            target.name());
    ChannelConnection first;
    try {
      first = attachment.start(target.token());
    } catch (IOException e) {
      attachment.close();
      throw new IOException(
          e instanceof ChannelConnection.Ended
              ? "The manager at " + hostPort + " refused this console: " + e.getMessage()
              : "Could not attach to the manager at " + hostPort + ": " + e.getMessage(),
          e);
    }
    pins.pin(hostPort, pin.value());
    return new RemoteOperatorApi(attachment, first, hostPort);
  }

  /** The name the manager knows this operator by. */
  public String operatorName() {
    return operatorName;
  }

  /** Whether a session is open now. */
  public boolean attached() {
    return attachment.attached();
  }

  /**
   * Registers a listener told {@code true} each time a session's snapshot is in, {@code false} each
   * time a session ends while this console is open; the returned action removes it.
   */
  public Runnable onAttachment(Consumer<Boolean> listener) {
    return attachment.listenToState(listener);
  }

  /**
   * Whether the manager refused to take this console back (its operator was removed, or its key
   * forgotten), so that it no longer tries; attaching again needs a new token.
   */
  public boolean refused() {
    return attachment.refused();
  }

  /** Why the last session ended or the last attach failed, for the status bar. */
  public String lastSentence() {
    return attachment.lastSentence();
  }

  /** Bytes read from the manager in all sessions so far, before inflating. */
  public long receivedBytes() {
    return attachment.receivedBytes();
  }

  /** Sessions opened so far: 1, plus one per re-attach. */
  public int sessions() {
    return attachment.sessions();
  }

  @Override
  public boolean inProcess() {
    return false;
  }

  @Override
  public Role role() {
    return attachment.role(role);
  }

  // --- reading -------------------------------------------------------------------------------

  @Override
  public ManagerInfo info() {
    return calls.call(ApiCall.INFO, args(), ManagerInfo.class);
  }

  @Override
  public List<AgentSnapshot> agents() {
    return attachment.mirror().agents();
  }

  @Override
  public Optional<AgentSnapshot> agent(String agentId) {
    return attachment.mirror().agent(agentId);
  }

  @Override
  public Optional<AgentView> view(String agentId) {
    return Optional.ofNullable(calls.call(ApiCall.VIEW, args("agentId", agentId), AgentView.class));
  }

  @Override
  public List<MinuteAggregate> history(String agentId, Metric metric, Instant from, Instant to) {
    return calls.call(
        ApiCall.HISTORY,
        args("agentId", agentId, "metric", metric, "from", from, "to", to),
        new TypeToken<List<MinuteAggregate>>() {}.getType());
  }

  @Override
  public List<CheckMinute> checkHistory(
      String agentId, String check, String metric, Instant from, Instant to) {
    return calls.call(
        ApiCall.CHECK_HISTORY,
        args("agentId", agentId, "check", check, "metric", metric, "from", from, "to", to),
        new TypeToken<List<CheckMinute>>() {}.getType());
  }

  @Override
  public List<AlertEvent> recentAlerts() {
    return calls.call(
        ApiCall.RECENT_ALERTS, args(), new TypeToken<List<AlertEvent>>() {}.getType());
  }

  @Override
  public List<Problem> problems() {
    return attachment.mirror().problems();
  }

  @Override
  public List<AlertEvent> alertHistory(AlertQuery query) {
    return calls.call(
        ApiCall.ALERT_HISTORY,
        args("query", query),
        new TypeToken<List<AlertEvent>>() {}.getType());
  }

  @Override
  public Optional<Acknowledgement> acknowledgement(long alertId) {
    return Optional.ofNullable(
        calls.call(ApiCall.ACKNOWLEDGEMENT, args("alertId", alertId), Acknowledgement.class));
  }

  @Override
  public List<Snooze> snoozes() {
    return calls.call(ApiCall.SNOOZES, args(), new TypeToken<List<Snooze>>() {}.getType());
  }

  @Override
  public Subscription subscribe(FleetListener listener) {
    Runnable remove = attachment.listen(listener);
    return remove::run;
  }

  // --- commands ------------------------------------------------------------------------------

  @Override
  public Optional<String> refusal(String agentId, Command command) {
    return Optional.ofNullable(
        calls.call(ApiCall.REFUSAL, args("agentId", agentId, "command", command), String.class));
  }

  @Override
  public CompletableFuture<CommandOutcome> send(
      Operator who, String agentId, Command command, Map<String, String> arguments) {
    return calls.later(
        ApiCall.SEND,
        args("agentId", agentId, "command", command, "arguments", arguments),
        CommandOutcome.class);
  }

  // --- alerts --------------------------------------------------------------------------------

  @Override
  public boolean acknowledge(Operator who, long alertId, String note) {
    return calls.call(ApiCall.ACKNOWLEDGE, args("alertId", alertId, "note", note), Boolean.class);
  }

  @Override
  public void snooze(Operator who, String agentId, String rule, Instant until) {
    calls.call(
        ApiCall.SNOOZE, args("agentId", agentId, "rule", rule, "until", until), Object.class);
  }

  @Override
  public List<NotificationChannel> notificationChannels() {
    return calls.call(
        ApiCall.NOTIFICATION_CHANNELS,
        args(),
        new TypeToken<List<NotificationChannel>>() {}.getType());
  }

  @Override
  public CompletableFuture<NotificationTest> sendTestNotification(Operator who, String channel) {
    return CompletableFuture.completedFuture(
        calls.call(
            ApiCall.SEND_TEST_NOTIFICATION, args("channel", channel), NotificationTest.class));
  }

  @Override
  public AuditCheck verifyAudit(Operator who) {
    return calls.call(ApiCall.VERIFY_AUDIT, args(), AuditCheck.class);
  }

  /** Fetches the manager's own CSV in chunks and writes it here, by the local export's rules. */
  @Override
  public long exportAlerts(Operator who, Path file, boolean replace) throws IOException {
    return download().toFile(ApiCall.EXPORT_ALERTS, args(), file, replace);
  }

  @Override
  public long exportHistory(Operator who, Path file, Instant from, Instant to, boolean replace)
      throws IOException {
    return download().toFile(ApiCall.EXPORT_HISTORY, args("from", from, "to", to), file, replace);
  }

  /** An export's bytes as the manager wrote them, for a window that joins several managers'. */
  long exportInto(java.io.OutputStream sink, Instant from, Instant to) throws IOException {
    return from == null
        ? download().into(ApiCall.EXPORT_ALERTS, args(), sink)
        : download().into(ApiCall.EXPORT_HISTORY, args("from", from, "to", to), sink);
  }

  private ExportDownload download() {
    // Writing a year of history takes the manager a while; a chunk is quick.
    return new ExportDownload(
        (c, a) ->
            calls.call(
                c,
                a,
                JsonElement.class,
                c == ApiCall.EXPORT_ALERTS || c == ApiCall.EXPORT_HISTORY
                    ? EXPORT_TIMEOUT
                    : RemoteCalls.CALL_TIMEOUT),
        hostPort);
  }

  // --- enrollment and trust ------------------------------------------------------------------

  @Override
  public Enrollment enroll(Operator who, Duration validFor, int uses) {
    return calls.call(ApiCall.ENROLL, args("validFor", validFor, "uses", uses), Enrollment.class);
  }

  @Override
  public boolean approve(Operator who, String agentId, Fingerprint compared) {
    return calls.call(
        ApiCall.APPROVE, args("agentId", agentId, "compared", compared), Boolean.class);
  }

  @Override
  public boolean reject(Operator who, String agentId) {
    return calls.call(ApiCall.REJECT, args("agentId", agentId), Boolean.class);
  }

  @Override
  public boolean forget(Operator who, String agentId) {
    return calls.call(ApiCall.FORGET, args("agentId", agentId), Boolean.class);
  }

  @Override
  public boolean rekey(Operator who, String agentId, Fingerprint key) {
    return calls.call(ApiCall.REKEY, args("agentId", agentId, "key", key), Boolean.class);
  }

  @Override
  public Optional<Fingerprint> refusedKey(String agentId) {
    return Optional.ofNullable(
        calls.call(ApiCall.REFUSED_KEY, args("agentId", agentId), Fingerprint.class));
  }

  @Override
  public void connect(Operator who, String host, int port, Fingerprint expected) {
    calls.call(
        ApiCall.CONNECT, args("host", host, "port", port, "expected", expected), Object.class);
  }

  // --- operators -----------------------------------------------------------------------------

  @Override
  public Optional<OperatorAdmin> operatorAdmin() {
    return Optional.of(new RemoteOperatorAdmin(calls));
  }

  @Override
  public void close() {
    attachment.close();
  }
}
