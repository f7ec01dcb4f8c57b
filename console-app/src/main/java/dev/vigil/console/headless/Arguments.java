package dev.vigil.console.headless;

import dev.vigil.common.HostPort;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.protocol.tls.Fingerprint;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * How the words of a line become values: an agent by host name or id prefix, a metric, a whole
 * number, a fingerprint, a host and port. Each refusal is a sentence for the operator.
 */
final class Arguments {
  private Arguments() {}

  /** Teaches the command line, and every command on it, these conversions. */
  static void register(CommandLine commands, OperatorApi api) {
    commands
        .registerConverter(AgentSnapshot.class, key -> agent(api, key))
        .registerConverter(Metric.class, Arguments::metric)
        .registerConverter(Fingerprint.class, Arguments::fingerprint)
        .registerConverter(HostPort.class, Arguments::hostPort)
        .registerConverter(Integer.TYPE, w -> (int) whole(w, 9))
        .registerConverter(Long.TYPE, w -> whole(w, 18));
  }

  /**
   * The one agent whose host name is exactly {@code key} (case and all) or whose id it is; failing
   * that, the one whose host name matches ignoring case or whose id starts with it. An exact name
   * wins, so that a newcomer calling itself {@code WEB-01} cannot make {@code web-01} ambiguous.
   */
  static AgentSnapshot agent(OperatorApi api, String key) {
    List<AgentSnapshot> all = api.agents();
    List<AgentSnapshot> matches =
        all.stream().filter(a -> a.hostname().equals(key) || a.agentId().equals(key)).toList();
    if (matches.isEmpty()) {
      matches =
          all.stream()
              .filter(
                  a ->
                      a.hostname().equalsIgnoreCase(key)
                          || a.agentId().startsWith(key.toLowerCase(Locale.ROOT)))
              .toList();
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new TypeConversionException(
        matches.isEmpty()
            ? "No agent matches '" + key + "'; 'agents' lists them."
            : "'" + key + "' matches " + matches.size() + " agents; give more of the id.");
  }

  private static Metric metric(String key) {
    try {
      return Metric.ofKey(key.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "Unknown metric '"
              + key
              + "'; choose one of "
              + String.join(", ", Arrays.stream(Metric.values()).map(Metric::key).toList())
              + ".");
    }
  }

  /** A count or an id in at most {@code digits} ASCII digits: never negative, never overflowing. */
  private static long whole(String word, int digits) {
    if (!word.matches("[0-9]{1," + digits + "}")) {
      throw new TypeConversionException("'" + word + "' is not a whole number.");
    }
    return Long.parseLong(word);
  }

  private static Fingerprint fingerprint(String word) {
    try {
      return Fingerprint.parse(word);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("That is not a fingerprint: " + e.getMessage() + ".");
    }
  }

  private static HostPort hostPort(String word) {
    try {
      return HostPort.parse(word);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          e.getMessage().startsWith("port")
              ? "The port must be a number from 1 to 65535."
              : "Give the agent as HOST:PORT, for example 'connect web-01:7472'.");
    }
  }
}
