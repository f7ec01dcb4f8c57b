package dev.vigil.console.manager.transport;

import dev.vigil.common.Backoff;
import dev.vigil.common.LogText;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials one agent in server mode and keeps dialling: after every session or failure it waits with
 * exponential backoff and full jitter (1 s base, 60 s cap). The session itself is the same as for
 * agents that dial in. Runs on its own virtual thread until closed.
 */
public final class AgentDialer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentDialer.class);
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final Duration STABLE_SESSION = Duration.ofSeconds(30);

  private final TrustStore.DialTarget target;
  private final TcpService tcp;
  private final SSLContext tls;
  private final Backoff backoff = Backoff.reconnect(RandomGenerator.getDefault());
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Socket socket;

  public AgentDialer(TrustStore.DialTarget target, TcpService tcp, TlsIdentity identity) {
    this.target = target;
    this.tcp = tcp;
    Fingerprint expected =
        target.expectedFingerprint() == null
            ? null
            : Fingerprint.parse(target.expectedFingerprint());
    this.tls =
        identity == null
            ? null
            : TlsContexts.create(
                identity,
                expected == null
                    ? PeerCheck.ANY
                    : PeerCheck.pinned(
                        expected,
                        "The agent at " + target.host() + ":" + target.port(),
                        "If it was reinstalled, connect to it again with its new fingerprint."));
    this.thread = Thread.ofVirtual().name("vigil-dial-" + target.host()).unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      long started = System.nanoTime();
      try {
        Socket raw = new Socket();
        socket = raw;
        raw.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
        Socket s = raw;
        if (tls != null) {
          SSLSocket ssl =
              (SSLSocket)
                  tls.getSocketFactory().createSocket(raw, target.host(), target.port(), true);
          ssl.setUseClientMode(true);
          s = ssl;
          socket = ssl;
        }
        tcp.serve(s, target.expectedFingerprint() != null);
      } catch (IOException e) {
        if (running) {
          LOG.info(
              "Dialling the agent at {}:{} failed: {}",
              target.host(),
              target.port(),
              LogText.message(e));
        }
      }
      if (Duration.ofNanos(System.nanoTime() - started).compareTo(STABLE_SESSION) > 0) {
        backoff.reset();
      }
      try {
        Thread.sleep(backoff.next());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing the dialled connection", e);
      }
    }
  }
}
