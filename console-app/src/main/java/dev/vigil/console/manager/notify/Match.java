package dev.vigil.console.manager.notify;

import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which problems a route takes, as {@code route.NAME.match} wrote it: {@code severity>=warning
 * rule=cpu.* host=web-* tag=prod}, every term optional and every one must hold; a term's value may
 * list alternatives with commas. Globs take {@code *} and {@code ?}. Immutable.
 */
public final class Match {
  /** Every problem of warning and above. */
  public static final Match EVERYTHING =
      new Match("severity>=warning", Severity.WARNING, false, List.of(), List.of(), List.of());

  private final String text;

  private final Severity severity;
  private final boolean exactSeverity;
  private final List<Pattern> rules;
  private final List<Pattern> hosts;
  private final List<Pattern> tags;

  private Match(
      String text,
      Severity severity,
      boolean exactSeverity,
      List<Pattern> rules,
      List<Pattern> hosts,
      List<Pattern> tags) {
    this.text = text;
    this.severity = severity;
    this.exactSeverity = exactSeverity;
    this.rules = rules;
    this.hosts = hosts;
    this.tags = tags;
  }

  /**
   * Reads a match.
   *
   * @throws IllegalArgumentException with a sentence on the term that is wrong
   */
  public static Match parse(String text) {
    Severity severity = Severity.WARNING;
    boolean exact = false;
    List<Pattern> rules = new ArrayList<>();
    List<Pattern> hosts = new ArrayList<>();
    List<Pattern> tags = new ArrayList<>();
    for (String term : text.strip().split("\\s+")) {
      if (term.isEmpty()) {
        continue;
      }
      if (term.startsWith("severity>=") || term.startsWith("severity=")) {
        exact = !term.startsWith("severity>=");
        String name = term.substring(term.indexOf('=') + 1);
        try {
          severity = Severity.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "'" + term + "': the severity is warning or critical, not '" + name + "'");
        }
        continue;
      }
      int eq = term.indexOf('=');
      String key = eq < 0 ? term : term.substring(0, eq);
      List<Pattern> into =
          switch (key) {
            case "rule" -> rules;
            case "host" -> hosts;
            case "tag" -> tags;
            default -> null;
          };
      if (into == null || eq == term.length() - 1) {
        throw new IllegalArgumentException(
            "'"
                + term
                + "' is not a term: write severity>=warning, severity=critical, rule=GLOB,"
                + " host=GLOB or tag=GLOB");
      }
      for (String glob : term.substring(eq + 1).split(",")) {
        if (!glob.isEmpty()) {
          into.add(glob(glob));
        }
      }
    }
    String normal = String.join(" ", text.strip().split("\\s+"));
    return new Match(
        normal.isEmpty() ? EVERYTHING.text : normal,
        severity,
        exact,
        List.copyOf(rules),
        List.copyOf(hosts),
        List.copyOf(tags));
  }

  /** The match as the config wrote it, blanks folded: {@code severity>=warning rule=cpu.*}. */
  @Override
  public String toString() {
    return text;
  }

  /**
   * Whether a problem is taken.
   *
   * @param agentTags the tags of the problem's agent (none yet for agents without tags)
   */
  public boolean matches(Problem p, Set<String> agentTags) {
    boolean severe =
        exactSeverity ? p.severity() == severity : p.severity().compareTo(severity) >= 0;
    return severe
        && any(rules, p.rule())
        && any(hosts, p.hostname())
        && (tags.isEmpty() || agentTags.stream().anyMatch(t -> any(tags, t)));
  }

  private static boolean any(List<Pattern> globs, String value) {
    return globs.isEmpty() || globs.stream().anyMatch(g -> g.matcher(value).matches());
  }

  /** A glob as a pattern: {@code *} any run of characters, {@code ?} one; the rest literal. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}
