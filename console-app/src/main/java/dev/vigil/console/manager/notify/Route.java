package dev.vigil.console.manager.notify;

import java.time.Duration;
import java.util.List;

/**
 * One route of the notifications config: the problems it takes, the channels it tells, and where a
 * critical problem goes when nobody acknowledged it in time. Immutable.
 *
 * @param name the route's name ({@code route.NAME.*})
 * @param match the problems it takes
 * @param to the channels it tells
 * @param escalateAfter how long a critical problem may stay unacknowledged, or null for never
 * @param escalateTo the channels told then
 */
public record Route(
    String name, Match match, List<String> to, Duration escalateAfter, List<String> escalateTo) {

  public Route {
    to = List.copyOf(to);
    escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
  }

  /** Whether it escalates. */
  public boolean escalates() {
    return escalateAfter != null && !escalateTo.isEmpty();
  }
}
