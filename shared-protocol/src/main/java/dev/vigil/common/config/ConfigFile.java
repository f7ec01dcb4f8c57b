package dev.vigil.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program's config file ({@code agent.conf}, {@code manager.conf}): one {@code key = value} per
 * line, {@code #} comments, blank lines ignored, every key at most once. A known key written {@code
 * prefix.*} takes any {@code prefix.NAME} (a repeatable {@code --prefix NAME=VALUE} option, such as
 * the agent's {@code check.web}). Each value remembers its line so that errors can name it.
 * Immutable.
 */
public final class ConfigFile {
  /**
   * One setting as written.
   *
   * @param key the key
   * @param value the value, trimmed
   * @param line the 1-based line number
   */
  public record Entry(String key, String value, int line) {}

  private final Path path;
  private final Map<String, Entry> entries;
  private final Collection<String> knownKeys;

  private ConfigFile(Path path, Map<String, Entry> entries, Collection<String> knownKeys) {
    this.path = path;
    this.entries = entries;
    this.knownKeys = knownKeys;
  }

  /** The prefix of a {@code prefix.NAME} key when {@code prefix.*} is known, else null. */
  private static String mapPrefix(String key, Collection<String> known) {
    int dot = key.indexOf('.');
    if (dot <= 0 || dot == key.length() - 1) {
      return null;
    }
    String prefix = key.substring(0, dot);
    return known.contains(prefix + ".*") ? prefix : null;
  }

  /**
   * Reads and checks the file against the keys the program knows.
   *
   * @param keysDocument where every key is documented, named when a key is unknown, for example
   *     {@code docs/agent.md}
   * @throws ConfigException naming the file, the line and the key, with what to do
   */
  public static ConfigFile read(Path path, Collection<String> knownKeys, String keysDocument)
      throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(path + ": no such file; give an existing file with --config");
    } catch (IOException e) {
      throw new ConfigException(path + ": cannot be read (" + e.getMessage() + ")");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            path + " line " + lineNo + ": expected 'key = value', got '" + abbreviate(line) + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (!knownKeys.contains(key) && mapPrefix(key, knownKeys) == null) {
        String hint = closest(key, knownKeys);
        throw new ConfigException(
            path
                + " line "
                + lineNo
                + ": unknown key '"
                + key
                + "'"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                + "; "
                + keysDocument
                + " lists every key");
      }
      if (value.isEmpty()) {
        throw new ConfigException(path + " line " + lineNo + ": '" + key + "' has no value");
      }
      Entry previous = entries.put(key, new Entry(key, value, lineNo));
      if (previous != null) {
        throw new ConfigException(
            path + " line " + lineNo + ": '" + key + "' is already set on line " + previous.line());
      }
    }
    return new ConfigFile(path, entries, List.copyOf(knownKeys));
  }

  /** The settings in file order. */
  public Collection<Entry> entries() {
    return entries.values();
  }

  /** Where a setting came from, for error messages: {@code manager.conf line 7 ('key')}. */
  public String origin(Entry entry) {
    return path + " line " + entry.line() + " ('" + entry.key() + "')";
  }

  /** The entry for a key, if set. */
  public Entry get(String key) {
    return entries.get(key);
  }

  /**
   * The known key nearest to a mistyped one, at most two edits away; an underscore for a dash is no
   * edit, and two letters swapped are one ({@code tcp_prot} is {@code tcp-port}).
   */
  private static String closest(String key, Collection<String> known) {
    String typed = key.replace('_', '-');
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      if (k.endsWith(".*")) {
        continue;
      }
      int d = distance(typed, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  /**
   * Lists the entries as command-line arguments, {@code --key=value}, and {@code prefix.NAME} as
   * {@code --prefix=NAME=value}.
   */
  public List<String> asArguments() {
    List<String> args = new ArrayList<>();
    for (Entry e : entries.values()) {
      String prefix = knownKeys.contains(e.key()) ? null : mapPrefix(e.key(), knownKeys);
      args.add(
          prefix == null
              ? "--" + e.key() + "=" + e.value()
              : "--" + prefix + "=" + e.key().substring(prefix.length() + 1) + "=" + e.value());
    }
    return args;
  }
}
