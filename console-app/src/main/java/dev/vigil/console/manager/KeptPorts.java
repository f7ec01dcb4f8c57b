package dev.vigil.console.manager;

import dev.vigil.common.DataDirectories;
import dev.vigil.common.WholeNumbers;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ports a console keeps from one start to the next when the operator did not name them: the
 * ones it bound last time (remembered in {@code DATA_DIR/ports}), else the defaults, else free
 * ones, so that agents and swarms attached to it reconnect after a restart. A port it cannot take
 * is logged with what holds it. Not thread safe; the manager uses it once, while starting.
 */
final class KeptPorts {
  /** The file in the data directory that remembers the ports bound last time. */
  static final String FILE = "ports";

  private static final Logger LOG = LoggerFactory.getLogger(KeptPorts.class);

  private final Path file;
  private final Properties remembered = new Properties();

  /** A binder of one listener on one address, as the manager's services are opened. */
  interface Binder<T> {
    T bind(InetSocketAddress address) throws IOException;
  }

  KeptPorts(Path dataDir) {
    this.file = dataDir.resolve(FILE);
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      remembered.load(reader);
    } catch (NoSuchFileException e) {
      // the first start in this data directory
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Ignoring {}: it cannot be read ({}); it is rewritten once listening", file, e);
    }
  }

  /**
   * The ports to try for {@code what} ("TCP" or "UDP"), in order: the one bound last time, {@code
   * preferred}, and 0 (any free port).
   */
  List<Integer> candidates(String what, int preferred) {
    LinkedHashSet<Integer> ports = new LinkedHashSet<>();
    last(what).ifPresent(ports::add);
    ports.add(preferred);
    ports.add(0);
    return new ArrayList<>(ports);
  }

  /**
   * Binds {@code what} on the first of its candidates that is free, logging each port it could not
   * take with what holds it.
   */
  <T> T bind(String what, String address, int preferred, Binder<T> binder) throws IOException {
    List<Integer> ports = candidates(what, preferred);
    BindException last = null;
    for (int i = 0; i < ports.size(); i++) {
      int port = ports.get(i);
      try {
        return binder.bind(new InetSocketAddress(address, port));
      } catch (BindException e) {
        last = e;
        int next = i + 1 < ports.size() ? ports.get(i + 1) : -1;
        LOG.warn(
            "{} port {} on {} is {}; {}",
            what,
            port,
            address,
            holder(what, port),
            next == 0
                ? "the console takes a free port instead, prints it, and keeps it for the next start"
                : "trying port " + next);
      }
    }
    throw PortInUseException.of(what, address, preferred, "--" + lower(what) + "-port", last);
  }

  /** Remembers the ports bound, for the next start. */
  void remember(int tcp, int udp) {
    String text = "# The ports this console bound last; it takes them again at the next start.\n";
    text += "tcp=" + tcp + "\nudp=" + udp + "\n";
    try {
      DataDirectories.writePrivately(file, text);
    } catch (IOException e) {
      LOG.warn("Cannot remember the ports in {} ({}); the next start may take others", file, e);
    }
  }

  private Optional<Integer> last(String what) {
    String v = remembered.getProperty(lower(what));
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of((int) WholeNumbers.parse(v.trim(), 1, 65535));
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring {}={} in {}: not a port number", lower(what), v, file);
      return Optional.empty();
    }
  }

  private static String holder(String what, int port) {
    return PortGuard.holder(what, port)
        .map(h -> "held by " + h + (h.isVigilConsole() ? ", another Vigil console" : ""))
        .orElse("in use by a process this user cannot see");
  }

  private static String lower(String what) {
    return what.toLowerCase(Locale.ROOT);
  }
}
