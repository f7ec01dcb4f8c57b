package dev.vigil.agent.check;

import dev.vigil.common.Durations;
import dev.vigil.common.HostPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one check line, {@code TYPE ARGS... [every 30s] [timeout 10s] [for 3]}, into a {@link
 * CheckSpec}. Words may be quoted with {@code '} or {@code "} to hold spaces. A mistake is an
 * {@link IllegalArgumentException} with a sentence the caller prefixes with the file, line and key.
 * Stateless.
 */
public final class CheckLine {
  /** A check's name: lower-case, so that {@code check.NAME} is a protocol rule name. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,57}");

  private static final List<String> COMMON = List.of("every", "timeout", "for");

  private CheckLine() {}

  /**
   * The check {@code name} as {@code text} describes it.
   *
   * @throws IllegalArgumentException saying what is wrong and how it is written
   */
  public static CheckSpec parse(String name, String text) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "the check's name '"
              + name
              + "' must start with a lower-case letter and hold only a-z, 0-9, '_' and '-' (at"
              + " most 58)");
    }
    List<String> words = new ArrayList<>(words(text));
    if (words.isEmpty()) {
      throw new IllegalArgumentException("give a type and its arguments: " + types());
    }
    String typeWord = words.removeFirst().toLowerCase(Locale.ROOT);
    CheckType type =
        CheckType.byName(typeWord)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown check type '" + typeWord + "'; choose from " + types()));
    Map<String, String> common = new LinkedHashMap<>();
    // The common options come last, so a plugin's own arguments may use the same words.
    while (words.size() >= 3 && COMMON.contains(words.get(words.size() - 2))) {
      String key = words.get(words.size() - 2);
      if (common.putIfAbsent(key, words.getLast()) != null) {
        throw new IllegalArgumentException("'" + key + "' is given twice");
      }
      words.removeLast();
      words.removeLast();
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("missing its target; write " + type.usage());
    }
    String target = words.removeFirst();
    List<String> arguments = List.of();
    Map<String, String> options = new LinkedHashMap<>();
    if (type == CheckType.PLUGIN) {
      arguments = List.copyOf(words);
    } else {
      if (words.size() % 2 != 0) {
        throw new IllegalArgumentException(
            "'" + words.getLast() + "' has no value; write " + type.usage() + usageTail());
      }
      for (int i = 0; i < words.size(); i += 2) {
        String key = words.get(i).toLowerCase(Locale.ROOT);
        if (!type.options().contains(key)) {
          throw new IllegalArgumentException(
              "'"
                  + words.get(i)
                  + "' is not an option of "
                  + type.wireName()
                  + "; write "
                  + type.usage()
                  + usageTail());
        }
        if (options.put(key, words.get(i + 1)) != null) {
          throw new IllegalArgumentException("'" + key + "' is given twice");
        }
      }
    }
    Duration every = duration(common, "every", Duration.ofSeconds(CheckSpec.DEFAULT_EVERY_SECONDS));
    Duration timeout =
        duration(common, "timeout", Duration.ofSeconds(CheckSpec.DEFAULT_TIMEOUT_SECONDS));
    if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "'every' must be from 1s to 1d, got " + common.get("every"));
    }
    if (timeout.compareTo(Duration.ofMillis(100)) < 0
        || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException(
          "'timeout' must be from 100ms to 5m, got " + common.get("timeout"));
    }
    int runs =
        count(common.getOrDefault("for", String.valueOf(CheckSpec.DEFAULT_RUNS)), "for", 100);
    CheckSpec spec = new CheckSpec(name, type, target, arguments, options, every, timeout, runs);
    checkTarget(spec);
    return spec;
  }

  private static void checkTarget(CheckSpec spec) {
    switch (spec.type()) {
      case TCP -> HostPort.parse(spec.target());
      case HTTP -> {
        URI uri = uri(spec.target());
        if (spec.options().containsKey("expect")) {
          int code = count(spec.options().get("expect"), "expect", 599);
          if (code < 100) {
            throw new IllegalArgumentException("'expect' must be an HTTP status from 100 to 599");
          }
        }
        if (spec.options().containsKey("within")) {
          duration(spec.options(), "within", Duration.ZERO);
        }
        if (!List.of("http", "https").contains(uri.getScheme())) {
          throw new IllegalArgumentException(
              "the URL must start with http:// or https://, got '" + spec.target() + "'");
        }
      }
      case CERT -> {
        Duration warn = duration(spec.options(), "warn", CertProbe.DEFAULT_WARN);
        Duration critical = duration(spec.options(), "critical", CertProbe.DEFAULT_CRITICAL);
        if (critical.compareTo(warn) > 0) {
          throw new IllegalArgumentException("'critical' must not be longer than 'warn'");
        }
      }
      case PROCESS -> {
        count(spec.options().getOrDefault("min", "1"), "min", 100_000);
        ProcessProbe.pattern(spec.target());
      }
      case PLUGIN -> {
        if (!spec.target().startsWith("/")) {
          throw new IllegalArgumentException(
              "the plugin must be given by its absolute path, got '" + spec.target() + "'");
        }
      }
      case SYSTEMD -> {
        if (!spec.target().matches("[A-Za-z0-9@._:\\\\-]{1,256}")) {
          throw new IllegalArgumentException("'" + spec.target() + "' is not a systemd unit name");
        }
      }
    }
  }

  static URI uri(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getHost() == null) {
        throw new URISyntaxException(text, "no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL like http://host:port/path");
    }
  }

  static Duration duration(Map<String, String> options, String key, Duration otherwise) {
    String text = options.get(key);
    if (text == null) {
      return otherwise;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + key + "': " + e.getMessage());
    }
  }

  static int count(String text, String key, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(
        "'" + key + "' must be a whole number from 1 to " + max + ", got '" + text + "'");
  }

  private static String types() {
    return Arrays.stream(CheckType.values())
        .map(CheckType::usage)
        .collect(Collectors.joining(", "));
  }

  private static String usageTail() {
    return " [every 30s] [timeout 10s] [for 3]";
  }

  /** Splits on spaces, keeping quoted words whole. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("a quote (" + quote + ") is not closed");
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
