package dev.vigil.console.ui.table;

import dev.vigil.console.ui.model.AgentRow;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * How the agent table groups its rows: not at all, by an agent's plain tags ({@code web, prod}: the
 * group "prod, web"), or by the value of one {@code key:value} tag ({@code region:eu-west} grouped
 * by {@code region}: the group "eu-west"). Every agent falls in exactly one group, so that a row is
 * never shown twice. Immutable.
 *
 * @param key the tag key whose values are the groups; empty for plain tags, null for none
 */
record TagGrouping(String key) {
  /** No groups: the table as it always was. */
  static final TagGrouping NONE = new TagGrouping(null);

  /** Groups of the agents' plain tags. */
  static final TagGrouping TAGS = new TagGrouping("");

  /** Groups by the values of {@code key:value} tags with this key. */
  static TagGrouping byKey(String key) {
    return new TagGrouping(key);
  }

  /** Whether rows are grouped. */
  boolean on() {
    return key != null;
  }

  /** The choices a fleet offers: none, plain tags, and each key its agents' tags use, sorted. */
  static List<TagGrouping> choices(Collection<AgentRow> rows) {
    TreeSet<String> keys = new TreeSet<>();
    for (AgentRow r : rows) {
      for (String t : r.getTags()) {
        int colon = t.indexOf(':');
        if (colon > 0) {
          keys.add(t.substring(0, colon));
        }
      }
    }
    List<TagGrouping> out = new java.util.ArrayList<>(List.of(NONE, TAGS));
    keys.forEach(k -> out.add(byKey(k)));
    return out;
  }

  /** The group a row belongs to: "eu-west", "prod, web", or a "(no …)" label for none. */
  String label(List<String> tags) {
    if (key == null) {
      return "";
    }
    if (key.isEmpty()) {
      TreeSet<String> plain = new TreeSet<>();
      tags.stream().filter(t -> t.indexOf(':') < 0).forEach(plain::add);
      return plain.isEmpty() ? NO_TAGS : String.join(", ", plain);
    }
    String prefix = key + ":";
    return tags.stream()
        .filter(t -> t.startsWith(prefix))
        .map(t -> t.substring(prefix.length()))
        .sorted()
        .findFirst()
        .orElse("(no " + key + ")");
  }

  /** The label of agents without plain tags. */
  static final String NO_TAGS = "(no tags)";

  /** Groups in order of their labels, the "(no …)" group last. */
  static int compareLabels(String a, String b) {
    boolean noA = a.startsWith("(no ");
    boolean noB = b.startsWith("(no ");
    return noA != noB ? (noA ? 1 : -1) : a.compareTo(b);
  }

  /** The choice as a menu or a chooser shows it. */
  @Override
  public String toString() {
    return key == null ? "No groups" : key.isEmpty() ? "Group by tags" : "Group by " + key + ":";
  }
}
