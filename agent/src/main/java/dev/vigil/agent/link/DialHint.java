package dev.vigil.agent.link;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an agent that keeps failing to reach its console should check, said once every {@link
 * #EVERY} failures in a row (not at each retry, which the log already shows): nothing listening,
 * the console's UDP port given instead of its TCP one, a key that is not the pinned one, a name
 * that does not resolve. Not thread safe; the link's one dialling thread uses it.
 */
final class DialHint {
  /** A hint is given at this many failures in a row, and at each multiple of it. */
  static final int EVERY = 5;

  private final String host;
  private final int port;
  private final Supplier<Optional<Fingerprint>> pinned;
  private int failures;

  DialHint(String host, int port, Supplier<Optional<Fingerprint>> pinned) {
    this.host = host;
    this.port = port;
    this.pinned = pinned;
  }

  /** A session started: the count starts again. */
  void connected() {
    failures = 0;
  }

  /** Counts one failure; at every {@link #EVERY}-th in a row, the sentence saying what to check. */
  Optional<String> failed(IOException e) {
    failures++;
    if (failures % EVERY != 0) {
      return Optional.empty();
    }
    return Optional.of(failures + " attempts in a row failed: " + advice(e));
  }

  private String advice(IOException e) {
    String where = host + ":" + port;
    if (has(e, ConnectException.class) && !has(e, NoRouteToHostException.class)) {
      String udp =
          port == Protocol.DEFAULT_UDP_PORT
              ? " Port "
                  + port
                  + " is the console's default UDP port, for alert datagrams: agents dial its TCP"
                  + " port (default "
                  + Protocol.DEFAULT_TCP_PORT
                  + ")."
              : " The console's agent port is the tcp one it prints, not the udp one.";
      return "nothing listens on "
          + where
          + ": is the console running, and on this port? (the console prints its ports at start:"
          + " 'Vigil console listening on tcp ...')."
          + udp;
    }
    if (has(e, CertificateException.class)) {
      return "the console at "
          + where
          + " presented a key this agent does not trust; "
          + pinned
              .get()
              .map(f -> "this agent expects " + f.value())
              .orElse("this agent has no console key pinned")
          + " (the console prints its key fingerprint at start). If the console's key changed on"
          + " purpose, start the agent with --console-fingerprint and the new one.";
    }
    if (has(e, UnknownHostException.class)) {
      return host + " is not a name this machine can resolve: check --manager.";
    }
    if (has(e, SocketTimeoutException.class) || has(e, NoRouteToHostException.class)) {
      return where
          + " does not answer: check the address in --manager, a firewall between the two machines,"
          + " and that the console binds an address this machine reaches (--bind).";
    }
    return "the console at "
        + where
        + " keeps ending the session; its log says why (for example an agent it rejected or"
        + " forgot, or a key it does not know).";
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
