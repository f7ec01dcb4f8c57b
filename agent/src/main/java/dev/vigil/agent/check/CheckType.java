package dev.vigil.agent.check;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds of service check an agent runs, each with the options its line may carry. */
public enum CheckType {
  /** A systemd unit's active and sub state. */
  SYSTEMD("systemd UNIT", Set.of()),
  /** Processes whose name or command line matches, at least {@code min} of them. */
  PROCESS("process PATTERN [min N]", Set.of("min")),
  /** A TCP connection and its connect time. */
  TCP("tcp HOST:PORT", Set.of()),
  /** An HTTP answer's status and latency, and an HTTPS certificate's validity. */
  HTTP("http URL [expect CODE] [within 2s]", Set.of("expect", "within")),
  /** The days until a certificate (a PEM file or a TLS server's) expires. */
  CERT("cert FILE|HOST:PORT [warn 21d] [critical 7d]", Set.of("warn", "critical")),
  /** Any Nagios-compatible plugin, run without a shell. */
  PLUGIN("plugin PATH ARGS...", Set.of());

  private final String usage;
  private final Set<String> options;

  CheckType(String usage, Set<String> options) {
    this.usage = usage;
    this.options = options;
  }

  /** How a line of this type is written. */
  public String usage() {
    return usage;
  }

  /** The option words this type takes after its target. */
  public Set<String> options() {
    return options;
  }

  /** The name a line and the protocol use: {@code http}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type a line names, if any. */
  public static Optional<CheckType> byName(String word) {
    for (CheckType t : values()) {
      if (t.wireName().equals(word)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
