package dev.vigil.console.manager.notify;

import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.store.NotificationTable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notifier's side of the store's outbox: writes each notice (once, by its key) and remembers
 * which channels were told of each active problem, since when, so that its resolution, its
 * acknowledgement and its reminders go to them. Thread-safe.
 */
final class Outbox {
  /**
   * One problem as told.
   *
   * @param firstMillis when its first firing or escalation notice was written
   * @param channels the channels told
   */
  record Told(long firstMillis, Set<String> channels) {}

  private final NotificationTable table;
  private final Set<String> channels;
  private final Map<Long, Told> told = new ConcurrentHashMap<>();

  Outbox(NotificationTable table, Set<String> channels) {
    this.table = table;
    this.channels = Set.copyOf(channels);
  }

  /** Who was told of a problem, or null. */
  Told told(long problemId) {
    return told.get(problemId);
  }

  /** Remembers that a channel was told of a problem (read back from the store at a start). */
  void told(long problemId, long atMillis, String channel) {
    told.compute(problemId, (id, was) -> with(was, atMillis, channel));
  }

  /** Forgets a problem that is over; returns who was told of it, or null. */
  Told forget(long problemId) {
    return told.remove(problemId);
  }

  void notice(String channel, Problem p, Notice.Transition t, String tag, String note, long now) {
    if (!channels.contains(channel)) {
      return;
    }
    table.addNotice(channel, p.id(), t.name(), tag, now, NoticeCodec.write(new Notice(p, t, note)));
    if (t == Notice.Transition.FIRING || t == Notice.Transition.ESCALATED) {
      told(p.id(), now, channel);
    }
  }

  private static Told with(Told was, long at, String channel) {
    Set<String> channels = ConcurrentHashMap.newKeySet();
    if (was != null) {
      channels.addAll(was.channels());
    }
    channels.add(channel);
    return new Told(was == null ? at : Math.min(was.firstMillis(), at), channels);
  }
}
