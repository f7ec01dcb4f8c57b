package dev.vigil.agent.link;

import dev.vigil.common.DataDirectories;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.PeerCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console key this agent trusts, kept in {@code console.pin} in its data directory, as SSH
 * keeps known hosts: given by the operator at enrollment, or, only when the operator asked for
 * trust on first use, taken from the first console that welcomes this agent. Without a pin and
 * without that consent no console is accepted. A console whose key changed is refused with both
 * fingerprints named. Thread-safe.
 */
public final class ConsolePin {
  private static final Logger LOG = LoggerFactory.getLogger(ConsolePin.class);

  /** The pin's file name in the data directory. */
  public static final String FILE = "console.pin";

  private final Path file;
  private final boolean trustOnFirstUse;
  private volatile Fingerprint pinned;

  /**
   * Opens the pin, replacing it with {@code fromOperator} when the operator gave one.
   *
   * @param trustOnFirstUse with no pin at all, trust the first console that welcomes this agent
   * @throws IOException when the pin file is damaged, with what to do
   */
  public ConsolePin(Path dataDir, Fingerprint fromOperator, boolean trustOnFirstUse)
      throws IOException {
    this.file = dataDir.resolve(FILE);
    this.trustOnFirstUse = trustOnFirstUse;
    Fingerprint stored = stored(dataDir);
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
    if (stored == null && trustOnFirstUse) {
      LOG.warn(
          "TRUST ON FIRST USE: no console key is pinned, so this agent trusts whichever console"
              + " answers first and welcomes it, and runs its allowed commands for it. Pass"
              + " --console-fingerprint instead unless this network is yours alone.");
    }
  }

  /**
   * The pin kept in {@code dataDir}, or null when there is none.
   *
   * @throws IOException when the pin file is damaged, with what to do
   */
  public static Fingerprint stored(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Fingerprint.parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          file
              + " is damaged ("
              + e.getMessage()
              + "); delete it, or start the agent with --console-fingerprint");
    }
  }

  /** The pinned key, if any. */
  public Optional<Fingerprint> pinned() {
    return Optional.ofNullable(pinned);
  }

  /** The handshake check: the pinned key; with no pin, any key only under trust on first use. */
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
      } else if (!trustOnFirstUse) {
        throw new CertificateException(
            "This agent has no console key pinned, so it trusts no console (this one presented "
                + presented
                + "). Start it with --console-fingerprint SHA256:... as the console shows it"
                + " (Add agent..., headless: fingerprint), or with --trust-on-first-use to trust"
                + " whichever console answers first.");
      }
    };
  }

  /**
   * The console that presented {@code key} welcomed this agent: under trust on first use, with no
   * pin yet, its key is pinned now, and never before a welcome (a console that only shakes hands
   * leaves no pin).
   */
  void welcomed(Fingerprint key) {
    if (pinned == null && trustOnFirstUse) {
      LOG.warn(
          "Trusting the console's key {} on first use (it welcomed this agent) and pinning it in"
              + " {}. Pass --console-fingerprint to check it instead.",
          key,
          file);
      write(key);
      pinned = key;
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
