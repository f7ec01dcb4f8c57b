package dev.vigil.protocol.message;

import java.util.List;

/**
 * The agent's first message on a new connection: who it is, which protocol version it speaks and
 * which commands its own configuration allows.
 *
 * @param protocolVersion the highest protocol version the agent speaks
 * @param agentId the agent's stable identity, a lower-case UUID kept in its data directory
 * @param hostname the machine's host name
 * @param os the operating system, for example {@code "Debian GNU/Linux 12"}
 * @param agentVersion the agent's software version
 * @param allowedCommands the commands this agent will run, by name
 * @param enrollmentToken a token from the console's operator, or null; a valid one admits an agent
 *     the console does not know yet without manual approval
 * @param statsIntervalMillis how often the agent sends {@code stats}, 100 ms to 1 h, by which the
 *     console judges it stale; optional (null: agents from before it was added, taken as 1 s)
 */
public record Hello(
    int protocolVersion,
    String agentId,
    String hostname,
    String os,
    String agentVersion,
    List<String> allowedCommands,
    String enrollmentToken,
    Long statsIntervalMillis)
    implements ControlMessage {
  /** The stats interval assumed for an agent whose hello does not say. */
  public static final long DEFAULT_STATS_INTERVAL_MILLIS = 1_000;

  /** A hello without the stats interval, as agents before it was added send it. */
  public Hello(
      int protocolVersion,
      String agentId,
      String hostname,
      String os,
      String agentVersion,
      List<String> allowedCommands,
      String enrollmentToken) {
    this(
        protocolVersion,
        agentId,
        hostname,
        os,
        agentVersion,
        allowedCommands,
        enrollmentToken,
        null);
  }

  public Hello {
    if (protocolVersion < 1) {
      throw new IllegalArgumentException("protocolVersion must be at least 1");
    }
    Checks.uuid("agentId", agentId);
    Checks.printable("hostname", hostname, 255);
    Checks.printable("os", os, 255);
    Checks.printable("agentVersion", agentVersion, 64);
    Checks.present("allowedCommands", allowedCommands);
    if (allowedCommands.size() > 64) {
      throw new IllegalArgumentException("allowedCommands lists more than 64 commands");
    }
    allowedCommands.forEach(c -> Checks.name("allowedCommands[]", c));
    allowedCommands = List.copyOf(allowedCommands);
    if (enrollmentToken != null) {
      Checks.text("enrollmentToken", enrollmentToken, 128);
    }
    if (statsIntervalMillis != null
        && (statsIntervalMillis < 100 || statsIntervalMillis > 3_600_000)) {
      throw new IllegalArgumentException(
          "statsIntervalMillis must be between 100 and 3600000, got " + statsIntervalMillis);
    }
  }

  /** How often this agent reports, as it said or as assumed for an agent that did not say. */
  public long statsIntervalOrDefault() {
    return statsIntervalMillis == null ? DEFAULT_STATS_INTERVAL_MILLIS : statsIntervalMillis;
  }
}
