package dev.vigil.console.manager.transport;

import dev.vigil.protocol.tls.TlsContexts;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an accepted plain connection in TLS: waits for its client hello without holding anything,
 * then handshakes in a turn of the {@link HandshakeGate} (decision 9). Thread-safe.
 */
public final class TlsAcceptance {
  private static final Logger LOG = LoggerFactory.getLogger(TlsAcceptance.class);
  private static final byte TLS_HANDSHAKE_RECORD = 22;
  private static final int MAX_PLAINTEXT_RECORD = 1 << 14;

  private final SSLContext tls;
  private final ScheduledExecutorService timers;
  private final HandshakeGate gate =
      HandshakeGate.forProcessors(Runtime.getRuntime().availableProcessors());

  public TlsAcceptance(SSLContext tls, ScheduledExecutorService timers) {
    this.tls = tls;
    this.timers = timers;
  }

  /** Connections closed before their handshake because no turn came in time (reconnect storms). */
  public long turnedAway() {
    return gate.turnedAway();
  }

  /** How many handshakes may run at once. */
  int turns() {
    return gate.size();
  }

  /**
   * Waits for the client hello without a turn, then runs the TLS handshake in a turn of the gate.
   * Returns the connected TLS socket, or null when the gate turned the connection away.
   */
  public SSLSocket secure(Socket raw, String remote) throws IOException, InterruptedException {
    byte[] clientHello = firstRecord(raw.getInputStream());
    try (HandshakeGate.Turn turn = gate.enter()) {
      if (turn == null) {
        LOG.debug("Turned {} away: {} handshakes in progress", remote, gate.size());
        return null;
      }
      // A peer that stalls mid-handshake gives its turn back after the hold limit.
      ScheduledFuture<?> hold =
          timers.schedule(
              () -> TcpService.closeQuietly(raw),
              HandshakeGate.HOLD_LIMIT.toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        SSLSocket ssl =
            (SSLSocket)
                tls.getSocketFactory()
                    .createSocket(raw, new ByteArrayInputStream(clientHello), true);
        TlsContexts.configure(ssl);
        ssl.startHandshake();
        return ssl;
      } finally {
        hold.cancel(false);
      }
    }
  }

  /**
   * Reads the first TLS record (the client hello) in full. Anything that is not a handshake record
   * of a sane size is passed on as its five header bytes, for the TLS layer to refuse.
   */
  private static byte[] firstRecord(InputStream in) throws IOException {
    byte[] header = in.readNBytes(5);
    if (header.length < 5) {
      throw new EOFException("closed before its client hello");
    }
    int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
    if (header[0] != TLS_HANDSHAKE_RECORD || length > MAX_PLAINTEXT_RECORD) {
      return header;
    }
    byte[] body = in.readNBytes(length);
    byte[] record = new byte[5 + body.length];
    System.arraycopy(header, 0, record, 0, 5);
    System.arraycopy(body, 0, record, 5, body.length);
    return record;
  }
}
