package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.message.Welcome;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nobody gets in where they do not belong; each case also checks that real agents still can. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();
  private ConsoleManager manager;
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    manager = console.manager();
  }

  private String token() {
    return manager.enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
  }

  private void aRealAgentStillGetsIn() throws Exception {
    Agent other = console.quietAgent("other-agent");
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(manager.agent(other.id().toString()))
                      .hasValueSatisfying(a -> assertThat(a.stats()).isNotNull()));
    } finally {
      other.close();
    }
  }

  @Test
  void anAgentWithAValidTokenIsOnlineAtOnce() throws Exception {
    agent = console.quietAgent("agent");
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(agent.id().toString()))
                    .hasValueSatisfying(
                        a -> {
                          assertThat(a.status()).isEqualTo(AgentStatus.ONLINE);
                          assertThat(a.fingerprint())
                              .isEqualTo(agent.fingerprint().orElseThrow().value());
                        }));
  }

  @Test
  void anAgentWithoutATokenIsPendingAndItsDataRefusedUntilApproved() throws Exception {
    agent = console.unenrolledAgent("agent");
    String id = agent.id().toString();
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(id))
                    .hasValueSatisfying(
                        a -> assertThat(a.status()).isEqualTo(AgentStatus.PENDING)));
    assertThat(manager.agent(id).orElseThrow().fingerprint())
        .isEqualTo(agent.fingerprint().orElseThrow().value());
    assertThat(
            manager
                .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
                .get(5, TimeUnit.SECONDS)
                .status())
        .isEqualTo(CommandOutcome.Status.NOT_CONNECTED);

    assertThat(manager.approve(Operator.local(), id, keyOf(manager, id))).isTrue();
    TestAgents.awaitReporting(manager, id);
    assertThat(
            manager
                .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
                .get(15, TimeUnit.SECONDS)
                .status())
        .isEqualTo(CommandOutcome.Status.SUCCEEDED);
  }

  @Test
  void aPendingAgentStaysConnectedForLongerThanThreeHeartbeats() throws Exception {
    agent = console.unenrolledAgent("agent");
    String id = agent.id().toString();
    await().atMost(Duration.ofSeconds(15)).until(() -> manager.agent(id).isPresent());
    await()
        .during(Duration.ofSeconds(17))
        .atMost(Duration.ofSeconds(20))
        .until(() -> manager.info().sessions().silent() == 0);
    manager.approve(Operator.local(), id, keyOf(manager, id));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(id))
                    .hasValueSatisfying(a -> assertThat(a.stats()).isNotNull()));
  }

  @Test
  void aPendingPeerThatSendsStatsAnywayHasThemDropped() throws Exception {
    try (TlsPeer peer = new TlsPeer(manager)) {
      assertThat(peer.greet(null)).isInstanceOf(Pending.class);
      peer.writer.writeMessage(new StatsReport(1, 50, 1, 2, 3));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> manager.info().sessions().unapprovedFrames() == 1);
      assertThat(manager.agent(peer.agentId.toString()))
          .hasValueSatisfying(a -> assertThat(a.stats()).isNull());
    }
  }

  @Test
  void aRejectedAgentIsClosedAndRefusedFromThenOn() throws Exception {
    try (TlsPeer peer = new TlsPeer(manager)) {
      assertThat(peer.greet(null)).isInstanceOf(Pending.class);
      manager.reject(Operator.local(), peer.agentId.toString());
      assertThat(peer.reader.readMessage())
          .isInstanceOfSatisfying(
              ErrorMessage.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED));
    }
    try (TlsPeer again =
        new TlsPeer(manager, TlsIdentity.create("x"), java.util.UUID.randomUUID())) {
      // a different agent: unaffected
      assertThat(again.greet(null)).isInstanceOf(Pending.class);
    }
  }

  @Test
  void aKnownAgentWhoseKeyChangedIsRefusedNamingBothKeys() throws Exception {
    TlsIdentity original = TlsIdentity.create("original");
    java.util.UUID id = java.util.UUID.randomUUID();
    try (TlsPeer peer = new TlsPeer(manager, original, id)) {
      assertThat(peer.greet(token())).isInstanceOf(Welcome.class);
    }
    TlsIdentity impostor = TlsIdentity.create("impostor");
    try (TlsPeer peer = new TlsPeer(manager, impostor, id)) {
      Message answer = peer.greet(token());
      assertThat(answer)
          .isInstanceOfSatisfying(
              ErrorMessage.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
                assertThat(e.detail())
                    .contains(impostor.fingerprint().value())
                    .contains(original.fingerprint().value())
                    .contains("rekey");
              });
    }
    aRealAgentStillGetsIn();
  }

  @Test
  void aUsedUpTokenIsRefused() throws Exception {
    String once = token();
    try (TlsPeer first = new TlsPeer(manager)) {
      assertThat(first.greet(once)).isInstanceOf(Welcome.class);
    }
    try (TlsPeer second = new TlsPeer(manager)) {
      assertThat(second.greet(once))
          .isInstanceOfSatisfying(
              ErrorMessage.class, e -> assertThat(e.detail()).contains("expired or used up"));
    }
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String expired = manager.enroll(Operator.local(), Duration.ofMillis(-1), 5).token();
    try (TlsPeer peer = new TlsPeer(manager)) {
      assertThat(peer.greet(expired))
          .isInstanceOfSatisfying(
              ErrorMessage.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED));
    }
  }

  @Test
  void aMultiUseTokenAdmitsThatManyAgents() throws Exception {
    String three = manager.enroll(Operator.local(), Duration.ofHours(1), 3).token();
    for (int i = 0; i < 3; i++) {
      try (TlsPeer peer = new TlsPeer(manager)) {
        assertThat(peer.greet(three)).isInstanceOf(Welcome.class);
      }
    }
    try (TlsPeer peer = new TlsPeer(manager)) {
      assertThat(peer.greet(three)).isInstanceOf(ErrorMessage.class);
    }
  }

  @Test
  void aClientWithoutACertificateIsRefused() throws Exception {
    SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
    anonymous.init(null, new TrustManager[] {trustAll()}, null);
    try (SSLSocket s =
        (SSLSocket)
            anonymous
                .getSocketFactory()
                .createSocket(
                    InetAddress.getLoopbackAddress(), manager.info().agentListener().getPort())) {
      s.setSoTimeout(10_000);
      assertThatThrownBy(
              () -> {
                s.startHandshake();
                s.getOutputStream().write(new byte[] {0, 0, 0, 1, '{'});
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                  throw new IOException("closed");
                }
              })
          .isInstanceOf(IOException.class);
    }
    aRealAgentStillGetsIn();
  }

  @Test
  void aTls12OnlyClientIsRefused() throws Exception {
    try (Socket s = new TlsPeerFactory(manager).tls12Only()) {
      assertThatThrownBy(() -> ((SSLSocket) s).startHandshake()).isInstanceOf(IOException.class);
    }
    aRealAgentStillGetsIn();
  }

  @Test
  void plaintextAndRandomBytesInsteadOfTlsAreClosed() throws Exception {
    try (Socket s =
        new Socket(InetAddress.getLoopbackAddress(), manager.info().agentListener().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(new byte[] {0, 0, 0, 20, '{', '"', 't', 'y', 'p', 'e', '"'});
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[1024];
      while (in.read(buf) >= 0) {
        // drain the TLS alert until the console closes
      }
    } catch (java.net.SocketException reset) {
      // closed by the console
    }
    aRealAgentStillGetsIn();
  }

  @Test
  void aHandshakeThatNeverFinishesIsClosedWithinTheDeadline() throws Exception {
    try (Socket s =
        new Socket(InetAddress.getLoopbackAddress(), manager.info().agentListener().getPort())) {
      s.setSoTimeout(20_000);
      aRealAgentStillGetsIn();
      // The console gives up after 10 s: TLS alert records (type 21) at most, then end of stream.
      byte[] rest = s.getInputStream().readAllBytes();
      assertThat(rest.length).isLessThanOrEqualTo(32);
      if (rest.length > 0) {
        assertThat(rest[0]).isEqualTo((byte) 21);
      }
    }
  }

  @Test
  void knownAgentsAndTheirKeysSurviveAConsoleRestart() throws Exception {
    agent = console.quietAgent("agent");
    String id = agent.id().toString();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> manager.agent(id).map(a -> a.stats() != null).orElse(false));
    String consoleKey =
        manager.info().keyFingerprint().map(Fingerprint::parse).orElseThrow().value();
    int port = manager.info().agentListener().getPort();
    manager.close();
    manager =
        console.closeAfter(
            new ConsoleManager(
                ManagerConfig.loopbackAnyPort(console.dir("console")).withPorts(port, 0)));
    manager.start();
    assertThat(manager.info().keyFingerprint().map(Fingerprint::parse).orElseThrow().value())
        .isEqualTo(consoleKey);
    assertThat(manager.agent(id))
        .hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AgentStatus.OFFLINE));
    TestAgents.awaitStatus(manager, id, AgentStatus.ONLINE);
  }

  @Test
  void inServerModeTheConsoleDialsTheAgentAndAnAgentWithTheGivenKeyIsApproved() throws Exception {
    agent = console.listeningAgent("agent");
    String id = agent.id().toString();
    manager.connect(
        Operator.local(), "127.0.0.1", agent.listenPort(), agent.fingerprint().orElseThrow());
    TestAgents.awaitReporting(manager, id);
    assertThat(
            manager
                .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
                .get(15, TimeUnit.SECONDS)
                .status())
        .isEqualTo(CommandOutcome.Status.SUCCEEDED);
  }

  @Test
  void inServerModeAnAgentWithoutAGivenKeyWaitsForApproval() throws Exception {
    agent = console.listeningAgent("agent");
    String id = agent.id().toString();
    manager.connect(Operator.local(), "127.0.0.1", agent.listenPort(), null);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(id))
                    .hasValueSatisfying(
                        a -> assertThat(a.status()).isEqualTo(AgentStatus.PENDING)));
    manager.approve(Operator.local(), id, keyOf(manager, id));
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(id))
                    .hasValueSatisfying(a -> assertThat(a.stats()).isNotNull()));
  }

  @Test
  void inServerModeAnAgentWithAnotherKeyThanGivenIsNeverAdmitted() throws Exception {
    agent = console.listeningAgent("agent");
    manager.connect(
        Operator.local(),
        "127.0.0.1",
        agent.listenPort(),
        TlsIdentity.create("someone else").fingerprint());
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> manager.agent(agent.id().toString()).isEmpty());
    aRealAgentStillGetsIn();
  }

  @Test
  void inServerModeTheAgentRefusesAConsoleWithAnotherKey() throws Exception {
    agent = console.listeningAgent("agent");
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(dev.vigil.console.manager.transport.TcpService.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
        new ch.qos.logback.core.read.ListAppender<>();
    said.start();
    log.addAppender(said);
    try (ConsoleManager impostor =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(console.dir("impostor-console")))) {
      impostor.start();
      impostor.connect(
          Operator.local(), "127.0.0.1", agent.listenPort(), agent.fingerprint().orElseThrow());
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> impostor.agent(agent.id().toString()).isEmpty());
    } finally {
      log.detachAppender(said);
    }
    // The impostor's operator is told what happened, not only a TLS alert's name.
    assertThat(said.list)
        .anySatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("refused this console's key")
                    .contains("pinned to another console"));
  }

  private static X509TrustManager trustAll() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

      @Override
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

      @Override
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    };
  }

  /** Sockets that offer only what an outdated client would. */
  private record TlsPeerFactory(ConsoleManager manager) {
    Socket tls12Only() throws Exception {
      SSLContext context =
          dev.vigil.protocol.tls.TlsContexts.create(
              TlsIdentity.create("old-client"), dev.vigil.protocol.tls.PeerCheck.ANY);
      SSLSocket s =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(
                      InetAddress.getLoopbackAddress(), manager.info().agentListener().getPort());
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.setSoTimeout(10_000);
      return s;
    }
  }

  /** The key a pending agent presents, as an operator compares it before approving. */
  private static Fingerprint keyOf(ConsoleManager manager, String agentId) {
    return Fingerprint.parse(manager.agent(agentId).orElseThrow().fingerprint());
  }
}
