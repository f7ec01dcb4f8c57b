package dev.vigil.console.manager.remote;

import com.google.gson.JsonObject;
import dev.vigil.common.HashChain;
import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.Invitation;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.OperatorAdmin;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.console.manager.store.AuditWriter;
import dev.vigil.console.manager.transport.AcceptLoop;
import dev.vigil.console.manager.transport.TlsAcceptance;
import dev.vigil.protocol.frame.FrameWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator channel: a listener of its own for consoles attached over the network, mutual TLS
 * 1.3 through the same handshake gate as agents, each console known by its key ({@link
 * OperatorStore}) and served the manager's {@link OperatorApi} within its role. Also what admins
 * manage operators with. Thread-safe.
 */
public final class OperatorChannel implements OperatorAdmin, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorChannel.class);

  /**
   * How the channel is set up.
   *
   * @param heartbeatSeconds a console silent for three of these is closed
   * @param unadmittedLimit connections open and not welcomed yet, at most
   * @param advertiseHost the host named in the command lines invitations print
   * @param managerFingerprint the manager's key, named in those command lines
   */
  public record Settings(
      int heartbeatSeconds, int unadmittedLimit, String advertiseHost, String managerFingerprint) {}

  private final ServerSocket server;
  private final TlsAcceptance acceptance;
  private final OperatorApi api;
  private final OperatorStore store;
  private final AuditWriter audit;
  private final ScheduledExecutorService timers;
  private final Settings settings;
  private final Calls calls;
  private final Hello hello;
  private final Set<OperatorSession> sessions = ConcurrentHashMap.newKeySet();
  private final LongAdder written = new LongAdder();
  private final AtomicInteger unwelcomed = new AtomicInteger();
  private final Thread acceptor;
  private ScheduledFuture<?> flusher;

  /** Binds the listener; {@link #start()} starts accepting. */
  public OperatorChannel(
      InetSocketAddress bind,
      SSLContext tls,
      OperatorApi api,
      OperatorStore store,
      AuditWriter audit,
      ScheduledExecutorService timers,
      Settings settings)
      throws IOException {
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(bind, 128);
    this.acceptance = new TlsAcceptance(tls, timers);
    this.api = api;
    this.store = store;
    this.audit = audit;
    this.timers = timers;
    this.settings = settings;
    this.calls = new Calls(api, this);
    this.hello = new Hello(this);
    SessionExports.clearLeftovers(exportDirectory());
    this.acceptor =
        Thread.ofPlatform()
            .name("vigil-operator-acceptor")
            .daemon()
            .unstarted(new AcceptLoop(server, this::accepted));
  }

  /**
   * Starts accepting; when no admin exists yet, writes the one-time admin token and logs its file.
   */
  public void start() {
    store
        .adminTokenIfNoAdmin()
        .ifPresent(
            file ->
                LOG.warn(
                    "No admin yet: the first admin attaches once with the token in {} ({})",
                    file,
                    attachCommand("--token-file " + file)));
    flusher =
        timers.scheduleAtFixedRate(
            this::flush,
            Outbox.FLUSH_EVERY_MILLIS,
            Outbox.FLUSH_EVERY_MILLIS,
            TimeUnit.MILLISECONDS);
    acceptor.start();
  }

  private void flush() {
    long now = System.currentTimeMillis();
    for (OperatorSession s : sessions) {
      s.outbox().flushAgents(now);
    }
  }

  /** The address the listener bound. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** The admin token's file while no admin has attached, for the start's output. */
  public Optional<Path> adminTokenFile() {
    return store.adminTokenIfNoAdmin();
  }

  OperatorApi api() {
    return api;
  }

  AuditWriter audit() {
    return audit;
  }

  /** Where sessions spool the exports their consoles fetch. */
  Path exportDirectory() {
    return store.directory().resolve(SessionExports.DIRECTORY);
  }

  Calls calls() {
    return calls;
  }

  OperatorStore store() {
    return store;
  }

  Settings settings() {
    return settings;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  void opened(OperatorSession session) {
    sessions.add(session);
  }

  void closed(OperatorSession session) {
    sessions.remove(session);
  }

  LongAdder writtenBytes() {
    return written;
  }

  /** Bytes written to consoles since the start, frame headers included (TLS records not). */
  public long bytesWritten() {
    return written.sum();
  }

  /** Sessions open and welcomed now. */
  public int sessions() {
    return sessions.size();
  }

  private void accepted(Socket socket) {
    if (unwelcomed.get() >= settings.unadmittedLimit()) {
      closeQuietly(socket);
      return;
    }
    unwelcomed.incrementAndGet();
    Thread.ofVirtual()
        .name("vigil-operator-session")
        .start(() -> hello.serve(socket, acceptance, unwelcomed));
  }

  // --- OperatorAdmin -------------------------------------------------------------------------

  @Override
  public List<OperatorAccount> operators() {
    return store.all();
  }

  @Override
  public List<dev.vigil.console.manager.api.PendingInvitation> invitations() {
    return store.pending();
  }

  @Override
  public Invitation invite(Operator who, String name, Role role, Duration validFor) {
    String token = store.invite(name, role, validFor, who.name());
    audit.trust(
        who,
        "invite",
        "",
        "",
        "invited "
            + name
            + " as "
            + role.word()
            + ", valid for "
            + validFor
            + ", sha256 "
            + HashChain.sha256(token).substring(0, 8)
            + "…");
    LOG.info("{} invited {} as {}", who, name, role.word());
    return new Invitation(
        name, role, token, OperatorStore.expiry(validFor), attachCommand("--token " + token));
  }

  @Override
  public boolean remove(Operator who, String name) {
    // Refused for the only admin, in the store's own step, before anything changes.
    Optional<OperatorAccount> removed = store.remove(name);
    // An invitation not used yet goes too: its token must not outlive the admin's decision.
    boolean withdrawn = store.withdraw(name);
    if (withdrawn) {
      audit.trust(who, "withdraw-invitation", "", "", "withdrew the invitation of " + name);
      LOG.info("{} withdrew the invitation of {}", who, LogText.of(name));
    }
    if (removed.isEmpty()) {
      return withdrawn;
    }
    OperatorAccount gone = removed.get();
    audit.trust(
        who,
        "remove-operator",
        "",
        "",
        "removed " + gone.name() + " (" + gone.role().word() + ", " + gone.fingerprint() + ")");
    LOG.info("{} removed the operator {}", who, gone.name());
    for (OperatorSession s : sessions) {
      if (s.account().fingerprint().equals(gone.fingerprint())) {
        s.end("Your operator account was removed by " + who.name() + ".");
      }
    }
    return true;
  }

  private String attachCommand(String token) {
    String host = settings.advertiseHost();
    String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + address().getPort();
    return "./vigil console --connect "
        + hostPort
        + " "
        + token
        + " --manager-fingerprint "
        + settings.managerFingerprint();
  }

  static void trySend(FrameWriter writer, String sentence) {
    JsonObject error = OperatorWire.frame(OperatorWire.ERROR);
    error.addProperty("sentence", sentence);
    try {
      writer.writeFrame(OperatorWire.encode(error));
    } catch (IOException e) {
      // The console is gone already; the close that follows is all that is left.
    }
  }

  static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.debug("closing: {}", LogText.message(e));
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    if (flusher != null) {
      flusher.cancel(false);
    }
    for (OperatorSession s : sessions) {
      s.end("The manager is stopping; this console attaches again when it is back.");
    }
  }
}
