package dev.vigil.console.ui.table;

import dev.vigil.console.ui.model.AgentRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What the agent table's filter box asks for: words {@code tag:NAME}, each a tag the agent must
 * carry exactly ({@code tag:web tag:eu-west}: both), and the rest as text that the host, address or
 * OS must contain or the agent id start with, ignoring case ({@code tag:prod db}). Immutable.
 *
 * @param tags the tags an agent must all carry, lower-case
 * @param text the rest of the filter, lower-case and trimmed; empty for none
 */
record AgentFilter(List<String> tags, String text) implements Predicate<AgentRow> {
  /** The word that starts a tag term. */
  static final String TAG = "tag:";

  AgentFilter {
    tags = List.copyOf(tags);
  }

  /** The filter a box's text asks for; blank text lets every agent through. */
  static AgentFilter parse(String typed) {
    List<String> tags = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String word : (typed == null ? "" : typed).trim().split("\\s+")) {
      String w = word.toLowerCase(Locale.ROOT);
      if (w.startsWith(TAG) && w.length() > TAG.length()) {
        tags.add(w.substring(TAG.length()));
      } else if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return new AgentFilter(tags, String.join(" ", words));
  }

  /** Whether it names a tag, so that an agent's new tags can change what it lets through. */
  boolean hasTags() {
    return !tags.isEmpty();
  }

  @Override
  public boolean test(AgentRow r) {
    if (!tags.isEmpty() && !r.getTags().containsAll(tags)) {
      return false;
    }
    return text.isEmpty()
        || r.getHostname().toLowerCase(Locale.ROOT).contains(text)
        || r.getAddress().toLowerCase(Locale.ROOT).contains(text)
        || r.osProperty().get().toLowerCase(Locale.ROOT).contains(text)
        || r.agentId().startsWith(text);
  }
}
