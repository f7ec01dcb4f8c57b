package dev.vigil.protocol.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule for an agent's tags ({@code tags = web, eu-west, prod}): lower-case letters, digits and
 * {@code -_.:}, starting with a letter or digit, at most {@value #MAX_LENGTH} characters each and
 * {@value #MAX_TAGS} per agent. Pure functions.
 */
public final class Tags {
  /** The most tags one agent carries. */
  public static final int MAX_TAGS = 32;

  /** The longest tag. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");

  private Tags() {}

  /**
   * One tag, checked.
   *
   * @throws IllegalArgumentException with a sentence naming the tag and the rule
   */
  public static String check(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      String shown = tag == null ? "" : tag.length() > 70 ? tag.substring(0, 70) + "…" : tag;
      throw new IllegalArgumentException(
          "'"
              + shown
              + "' is not a tag: use at most "
              + MAX_LENGTH
              + " lower-case letters, digits and -_.: starting with a letter or digit");
    }
    return tag;
  }

  /**
   * A list of tags, each checked, duplicates dropped, in the order given.
   *
   * @throws IllegalArgumentException for a bad tag or more than {@value #MAX_TAGS}
   */
  public static List<String> checkAll(Collection<String> tags) {
    List<String> out = new ArrayList<>();
    for (String t : new LinkedHashSet<>(tags)) {
      out.add(check(t));
    }
    if (out.size() > MAX_TAGS) {
      throw new IllegalArgumentException("at most " + MAX_TAGS + " tags, got " + out.size());
    }
    return List.copyOf(out);
  }
}
