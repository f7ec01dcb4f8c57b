package dev.vigil.agent.link;

import dev.vigil.common.DataDirectories;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.PeerCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console key this agent trusts, kept in {@code console.pin} in its data directory, as SSH
 * keeps known hosts: given by the operator at enrollment, or else trusted on first use and pinned
 * from then on. A console whose key changed is refused with both fingerprints named. Thread-safe.
 */
public final class ConsolePin {
  private static final Logger LOG = LoggerFactory.getLogger(ConsolePin.class);

  private final Path file;
  private volatile Fingerprint pinned;

  /**
   * Opens the pin, replacing it with {@code fromOperator} when the operator gave one.
   *
   * @throws IOException when the pin file is damaged, with what to do
   */
  public ConsolePin(Path dataDir, Fingerprint fromOperator) throws IOException {
    this.file = dataDir.resolve("console.pin");
    Fingerprint stored = null;
    if (Files.exists(file)) {
      try {
        stored = Fingerprint.parse(Files.readString(file, StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new IOException(
            file
                + " is damaged ("
                + e.getMessage()
                + "); delete it, or start the agent with --console-fingerprint");
      }
    }
    if (fromOperator != null && !fromOperator.equals(stored)) {
      if (stored != null) {
        LOG.warn(
            "Replacing the pinned console key {} with {} as given by --console-fingerprint",
            stored,
            fromOperator);
      }
      write(fromOperator);
      stored = fromOperator;
    }
    this.pinned = stored;
  }

  /** The pinned key, if any. */
  public Optional<Fingerprint> pinned() {
    return Optional.ofNullable(pinned);
  }

  /** The handshake check: the pinned key, or any key on first use. */
  public PeerCheck check() {
    return presented -> {
      Fingerprint pin = pinned;
      if (pin != null) {
        PeerCheck.pinned(
                pin,
                "The console",
                "If the console was reinstalled on purpose, start this agent with"
                    + " --console-fingerprint "
                    + presented
                    + " (or delete "
                    + file
                    + "); otherwise"
                    + " something is impersonating it.")
            .check(presented);
      }
    };
  }

  /** Pins the key seen on the first successful connection. */
  void trustOnFirstUse(Fingerprint presented) {
    if (pinned == null) {
      LOG.warn(
          "Trusting the console's key {} on first use and pinning it in {}."
              + " Pass --console-fingerprint to check it instead.",
          presented,
          file);
      write(presented);
      pinned = presented;
    }
  }

  private void write(Fingerprint fingerprint) {
    try {
      DataDirectories.writePrivately(file, fingerprint.value() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the console's key in " + file, e);
    }
  }
}
