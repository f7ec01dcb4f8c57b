package dev.vigil.console.manager.remote;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.TlsContexts;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of an operator session: the TLS handshake in a turn of the handshake gate, within a
 * deadline; then {@code op_hello}, in at most 8 KiB; then the key is looked up, or enrolled with
 * the token the hello carries; then {@code op_welcome} and the session, or {@code op_error} and the
 * end. Thread-safe.
 */
final class Hello {
  private static final Logger LOG = LoggerFactory.getLogger(Hello.class);
  private static final long DEADLINE_MILLIS = 10_000;
  private static final long STRANGER_LOG_EVERY_MILLIS = 10_000;

  private final OperatorChannel channel;
  private final AtomicLong lastStrangerLine = new AtomicLong();
  private final AtomicLong strangers = new AtomicLong();

  Hello(OperatorChannel channel) {
    this.channel = channel;
  }

  /** Runs one connection until it ends; gives back its place among the unwelcomed once decided. */
  void serve(
      Socket raw, dev.vigil.console.manager.transport.TlsAcceptance tls, AtomicInteger unwelcomed) {
    String remote = String.valueOf(raw.getRemoteSocketAddress());
    AtomicBoolean counted = new AtomicBoolean(true);
    Runnable decided =
        () -> {
          if (counted.compareAndSet(true, false)) {
            unwelcomed.decrementAndGet();
          }
        };
    ScheduledFuture<?> deadline =
        channel
            .timers()
            .schedule(
                () -> OperatorChannel.closeQuietly(raw), DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    OperatorSession session = null;
    FrameWriter writer = null;
    // Closed in the finally, after the catches: they still tell the console why.
    try {
      raw.setTcpNoDelay(true);
      raw.setSoTimeout((int) DEADLINE_MILLIS);
      SSLSocket ssl = tls.secure(raw, remote);
      if (ssl == null) {
        return;
      }
      Fingerprint key =
          TlsContexts.peerFingerprint(ssl.getSession())
              .orElseThrow(() -> new SSLException("no client certificate by the deadline"));
      AtomicBoolean welcomed = new AtomicBoolean();
      FrameReader frames =
          new FrameReader(
              ssl.getInputStream(),
              () -> welcomed.get() ? OperatorWire.MAX_FRAME_BYTES : OperatorWire.MAX_HELLO_BYTES);
      writer = new FrameWriter(ssl.getOutputStream(), OperatorWire.MAX_FRAME_BYTES);
      JsonObject hello = OperatorWire.decode(frames.readFrame());
      if (!OperatorWire.HELLO.equals(OperatorWire.type(hello))) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME,
            "the first frame must be op_hello, not '" + OperatorWire.type(hello) + "'");
      }
      long version = OperatorWire.number(hello, "version");
      if (version != OperatorWire.VERSION) {
        stranger(
            writer,
            remote,
            "This manager speaks version "
                + OperatorWire.VERSION
                + " of the operator channel, not "
                + version
                + ": use a console of the same Vigil release.");
        return;
      }
      String name = OperatorWire.string(hello, "name");
      JsonElement tokenElement = hello.get("token");
      String token =
          tokenElement == null || tokenElement.isJsonNull()
              ? null
              : OperatorWire.string(hello, "token");
      Optional<OperatorAccount> known = channel.store().byKey(key.value());
      boolean enrolled = false;
      if (known.isEmpty() && token != null) {
        if (!OperatorStore.plainName(name)) {
          stranger(
              writer,
              remote,
              "'"
                  + LogText.of(name)
                  + "' is not an operator name: use letters, digits and . _ @ -"
                  + ", up to 64 characters (--name).");
          return;
        }
        known = channel.store().enroll(token.strip(), key.value(), name);
        enrolled = known.isPresent();
      }
      if (known.isEmpty()) {
        stranger(
            writer,
            remote,
            token == null
                ? "This console's key "
                    + key
                    + " is not known to this manager: attach the first"
                    + " time with --token (an admin makes one with 'invite')."
                : "The token was not accepted (unknown, used or expired): ask an admin for a new"
                    + " one ('invite').");
        return;
      }
      OperatorAccount account = known.get();
      welcomed.set(true);
      decided.run();
      deadline.cancel(false);
      ssl.setSoTimeout(channel.settings().heartbeatSeconds() * 3 * 1000);
      session = new OperatorSession(channel, ssl, account, remote, writer);
      JsonObject welcome = OperatorWire.frame(OperatorWire.WELCOME);
      welcome.addProperty("version", OperatorWire.VERSION);
      welcome.addProperty("name", account.name());
      welcome.addProperty("role", account.role().name());
      welcome.addProperty("heartbeatSeconds", channel.settings().heartbeatSeconds());
      writer.writeFrame(OperatorWire.encode(welcome));
      if (enrolled) {
        channel
            .audit()
            .trust(
                session.operator(),
                "operator-enrolled",
                "",
                "",
                account.name() + " attached for the first time as " + account.role().word());
      }
      LOG.info("Operator {} attached as {} from {}", account.name(), account.role().word(), remote);
      channel.opened(session);
      session.readLoop(frames);
    } catch (ProtocolException e) {
      if (session != null) {
        LOG.warn(
            "Closed the operator session of {}: {}", session.account().name(), LogText.message(e));
      } else {
        noteStranger(remote, LogText.message(e));
      }
      if (writer != null) {
        OperatorChannel.trySend(writer, "Closed: " + e.getMessage());
      }
    } catch (SocketTimeoutException e) {
      if (writer != null) {
        OperatorChannel.trySend(writer, "Closed: silent for too long.");
      }
    } catch (SSLException e) {
      noteStranger(remote, "TLS handshake failed: " + LogText.message(e));
    } catch (EOFException e) {
      LOG.debug("{} closed its operator connection", remote);
    } catch (IOException e) {
      LOG.debug("Operator session with {} ended: {}", remote, LogText.message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      decided.run();
      deadline.cancel(false);
      if (session != null) {
        channel.closed(session);
        session.detached();
      }
      OperatorChannel.closeQuietly(raw);
    }
  }

  private void stranger(FrameWriter writer, String remote, String sentence) {
    noteStranger(remote, sentence);
    OperatorChannel.trySend(writer, sentence);
  }

  /** At most one line per 10 s about consoles not welcomed: they choose how often they fail. */
  private void noteStranger(String remote, String why) {
    long n = strangers.incrementAndGet();
    long now = System.currentTimeMillis();
    long last = lastStrangerLine.get();
    if (now - last >= STRANGER_LOG_EVERY_MILLIS && lastStrangerLine.compareAndSet(last, now)) {
      strangers.set(0);
      LOG.warn(
          "Refused an operator console at {}: {} ({} refused since the last such line)",
          remote,
          why,
          n);
    }
  }
}
