package dev.vigil.agent.config;

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
 * The agent's config file: one {@code key = value} per line, {@code #} comments, blank lines
 * ignored, every key at most once. Each value remembers its line so that errors can name it.
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

  private ConfigFile(Path path, Map<String, Entry> entries) {
    this.path = path;
    this.entries = entries;
  }

  /**
   * Reads and checks the file against the keys the agent knows.
   *
   * @throws ConfigException naming the file, the line and the key, with what to do
   */
  public static ConfigFile read(Path path, Collection<String> knownKeys) throws ConfigException {
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
      if (!knownKeys.contains(key)) {
        String hint = closest(key, knownKeys);
        throw new ConfigException(
            path
                + " line "
                + lineNo
                + ": unknown key '"
                + key
                + "'"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                + "; docs/agent.md lists every key");
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
    return new ConfigFile(path, entries);
  }

  /** The settings in file order. */
  public Collection<Entry> entries() {
    return entries.values();
  }

  /** Where a setting came from, for error messages: {@code agent.conf line 7 ('key')}. */
  public String origin(Entry entry) {
    return path + " line " + entry.line() + " ('" + entry.key() + "')";
  }

  /** The entry for a key, if set. */
  public Entry get(String key) {
    return entries.get(key);
  }

  private static String closest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  /** Lists the entries as command-line arguments, {@code --key=value}. */
  public List<String> asArguments() {
    List<String> args = new ArrayList<>();
    for (Entry e : entries.values()) {
      args.add("--" + e.key() + "=" + e.value());
    }
    return args;
  }
}
