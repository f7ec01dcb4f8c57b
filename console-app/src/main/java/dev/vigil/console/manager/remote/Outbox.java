package dev.vigil.console.manager.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.api.wire.CompressedFrames;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.console.manager.api.wire.RecordPatch;
import dev.vigil.protocol.frame.FrameWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What one operator session sends, in order, on a writer thread of its own: answers, the snapshot
 * and the numbered events. Agent changes are coalesced to the newest per agent and sent at most
 * once per {@link #AGENT_SPACING_MILLIS} per agent ({@link #flushAgents}), as patches against what
 * this console was sent last when it asked for them; every other event is queued as it comes.
 * Pushed frames are compressed when the console asked for that ({@link CompressedFrames}), answers
 * never. The queue is bounded in bytes: a console that falls that far behind is dropped with a
 * sentence instead of growing the manager's memory. Thread-safe.
 */
final class Outbox implements FleetListener {
  /** How far behind a console may fall, in encoded bytes, before it is dropped. */
  static final long MAX_QUEUED_BYTES = 16L << 20;

  /** How often {@link #flushAgents} runs. */
  static final long FLUSH_EVERY_MILLIS = 250;

  /**
   * The least time between two sends of one agent to one console. An agent reporting once a second
   * is sent once per report, at the first flush after it: consecutive flushes that carry its
   * reports can be as little as 750 ms apart (a report just after one flush, the next just before
   * one), and flushes run a little late or early, so a full second here held every other report
   * back a flush and let the lag grow by a flush each second until a report was skipped (p50 594 ms
   * at 5,000 agents). An agent reporting faster is coalesced to its newest, at most once per 700
   * ms.
   */
  static final long AGENT_SPACING_MILLIS = 700;

  /** Agents per snapshot part and per coalesced event, to stay far below the frame limit. */
  static final int AGENTS_PER_FRAME = 200;

  private static final byte[] END = new byte[0];

  private final FrameWriter writer;
  private final Consumer<String> drop;
  private final LongAdder written;
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final ReentrantLock order = new ReentrantLock();
  // Guarded by order: the newest snapshot per agent since the last flush, in first-change order.
  private final Map<String, AgentSnapshot> pendingAgents = new LinkedHashMap<>();
  // Guarded by order: with patches, the snapshot of each agent this console holds.
  private final Map<String, AgentSnapshot> sent = new HashMap<>();
  // Guarded by order: with patches, the session's number for each agent, and the next one.
  private final Map<String, Integer> numbers = new HashMap<>();
  private int nextNumber;
  // Guarded by order: when each agent was last sent.
  private final Map<String, Long> sentAtMillis = new HashMap<>();
  private boolean patches;
  private CompressedFrames.Compressor compressor;
  private long sequence;
  private boolean subscribed;
  private boolean holding;
  private final List<JsonObject> held = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param drop called once with a sentence when the console fell too far behind
   * @param written counts the bytes written, frame headers included
   */
  Outbox(FrameWriter writer, Consumer<String> drop, LongAdder written) {
    this.writer = writer;
    this.drop = drop;
    this.written = written;
  }

  /** Writes queued frames until {@link #close()}; runs on the session's writer thread. */
  void drain() {
    try {
      while (true) {
        byte[] frame = queue.take();
        if (frame == END) {
          return;
        }
        queuedBytes.addAndGet(-frame.length);
        writer.writeFrame(frame);
        written.add(frame.length + 4L);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The console is gone; its reader sees the closed socket and ends the session.
      closed = true;
    }
  }

  /** Queues a frame that is not an event (an answer, a pong). */
  void send(JsonObject frame) {
    enqueue(OperatorWire.encode(frame));
  }

  private void enqueue(byte[] bytes) {
    if (closed) {
      return;
    }
    long total = queuedBytes.addAndGet(bytes.length);
    if (total > MAX_QUEUED_BYTES) {
      closed = true;
      queue.clear();
      queuedBytes.set(0);
      drop.accept(
          "this console fell more than "
              + (MAX_QUEUED_BYTES >> 20)
              + " MiB behind the manager's events (a slow link?); attach again");
      return;
    }
    queue.add(bytes);
  }

  /**
   * Starts the events: until {@code snapshot} has queued the state, events are held, then sent
   * after it, so that the console misses none.
   *
   * @param withPatches send agents as patches against the snapshot this console holds
   * @param compressed compress the snapshot and the events
   */
  void subscribe(
      Runnable subscribeToManager, SnapshotSource source, boolean withPatches, boolean compressed) {
    order.lock();
    try {
      if (subscribed || closed) {
        return;
      }
      subscribed = true;
      holding = true;
      patches = withPatches;
      compressor = compressed ? new CompressedFrames.Compressor() : null;
    } finally {
      order.unlock();
    }
    subscribeToManager.run();
    List<AgentSnapshot> agents = source.agents();
    List<Problem> problems = source.problems();
    List<AlertEvent> alerts = source.alerts();
    order.lock();
    try {
      int parts = Math.max(1, (agents.size() + AGENTS_PER_FRAME - 1) / AGENTS_PER_FRAME);
      for (int part = 0; part < parts; part++) {
        JsonObject frame = OperatorWire.frame(OperatorWire.SNAPSHOT);
        frame.addProperty("sequence", sequence);
        frame.addProperty("part", part);
        frame.addProperty("last", part == parts - 1);
        List<AgentSnapshot> slice =
            agents.subList(
                part * AGENTS_PER_FRAME, Math.min(agents.size(), (part + 1) * AGENTS_PER_FRAME));
        frame.add("agents", OperatorWire.tree(slice));
        if (part == parts - 1) {
          frame.add("problems", OperatorWire.tree(problems));
          frame.add("alerts", OperatorWire.tree(alerts));
        }
        enqueuePushed(frame);
      }
      if (patches) {
        for (AgentSnapshot a : agents) {
          sent.put(a.agentId(), a);
          numbers.put(a.agentId(), nextNumber++);
        }
      }
      holding = false;
      held.forEach(this::numbered);
      held.clear();
    } finally {
      order.unlock();
    }
  }

  /** What a snapshot is made of, read after the subscription started. */
  interface SnapshotSource {
    List<AgentSnapshot> agents();

    List<Problem> problems();

    List<AlertEvent> alerts();
  }

  /**
   * Sends the agents changed since they were last sent, the newest snapshot of each, for those sent
   * at least {@link #AGENT_SPACING_MILLIS} ago; the others wait for a later flush. Called a few
   * times a second, so that a change waits at most a quarter of a second, and no agent is sent more
   * than once per {@link #AGENT_SPACING_MILLIS} however often it reports.
   */
  void flushAgents(long nowMillis) {
    order.lock();
    try {
      if (holding || pendingAgents.isEmpty()) {
        return;
      }
      List<AgentSnapshot> changed = new ArrayList<>();
      for (var it = pendingAgents.values().iterator(); it.hasNext(); ) {
        AgentSnapshot a = it.next();
        Long last = sentAtMillis.get(a.agentId());
        if (last == null || nowMillis - last >= AGENT_SPACING_MILLIS) {
          changed.add(a);
          sentAtMillis.put(a.agentId(), nowMillis);
          it.remove();
        }
      }
      if (changed.isEmpty()) {
        return;
      }
      if (patches) {
        flushPatches(changed);
        return;
      }
      for (int i = 0; i < changed.size(); i += AGENTS_PER_FRAME) {
        JsonObject event = event("agents");
        event.add(
            "value",
            OperatorWire.tree(changed.subList(i, Math.min(changed.size(), i + AGENTS_PER_FRAME))));
        numbered(event);
      }
    } finally {
      order.unlock();
    }
  }

  /**
   * An {@code agentPatches} event per {@link #AGENTS_PER_FRAME} agents: each entry the agent's
   * {@code patch} against what this console holds, under the session's number for the agent (its
   * place in the snapshot, or the number given with its first {@code full} snapshot), or its id, a
   * new number and its {@code full} snapshot when the console holds none.
   */
  private void flushPatches(List<AgentSnapshot> changed) {
    JsonArray entries = new JsonArray();
    for (AgentSnapshot now : changed) {
      AgentSnapshot before = sent.put(now.agentId(), now);
      JsonObject entry = new JsonObject();
      if (before == null) {
        int n = nextNumber++;
        numbers.put(now.agentId(), n);
        entry.addProperty("agentId", now.agentId());
        entry.addProperty("n", n);
        entry.add("full", OperatorWire.tree(now));
      } else {
        JsonObject patch = RecordPatch.diff(before, now);
        if (patch.isEmpty()) {
          continue;
        }
        entry.addProperty("n", numbers.get(now.agentId()));
        entry.add("patch", patch);
      }
      entries.add(entry);
      if (entries.size() == AGENTS_PER_FRAME) {
        patchEvent(entries);
        entries = new JsonArray();
      }
    }
    if (!entries.isEmpty()) {
      patchEvent(entries);
    }
  }

  private void patchEvent(JsonArray entries) {
    JsonObject event = event("agentPatches");
    event.add("value", entries);
    numbered(event);
  }

  @Override
  public void agentChanged(AgentSnapshot agent) {
    order.lock();
    try {
      if (subscribed) {
        pendingAgents.put(agent.agentId(), agent);
      }
    } finally {
      order.unlock();
    }
  }

  @Override
  public void agentRemoved(String agentId) {
    order.lock();
    try {
      pendingAgents.remove(agentId);
      sent.remove(agentId);
      numbers.remove(agentId);
      sentAtMillis.remove(agentId);
      JsonObject event = event("agentRemoved");
      event.addProperty("value", agentId);
      offerEvent(event);
    } finally {
      order.unlock();
    }
  }

  @Override
  public void alertReceived(AlertEvent alert) {
    JsonObject event = event("alert");
    event.add("value", OperatorWire.tree(alert));
    lockedOffer(event);
  }

  @Override
  public void problemChanged(ProblemChange change) {
    JsonObject event = event("problem");
    event.add("value", OperatorWire.tree(change));
    lockedOffer(event);
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    JsonObject event = event("command");
    event.add("value", OperatorWire.tree(outcome));
    lockedOffer(event);
  }

  private static JsonObject event(String kind) {
    JsonObject event = OperatorWire.frame(OperatorWire.EVENT);
    event.addProperty("kind", kind);
    return event;
  }

  private void lockedOffer(JsonObject event) {
    order.lock();
    try {
      offerEvent(event);
    } finally {
      order.unlock();
    }
  }

  /** Holds the event during the snapshot, else numbers and queues it; the caller holds order. */
  private void offerEvent(JsonObject event) {
    if (!subscribed) {
      return;
    }
    if (holding) {
      held.add(event);
    } else {
      numbered(event);
    }
  }

  private void numbered(JsonObject event) {
    sequence++;
    event.addProperty("sequence", sequence);
    enqueuePushed(event);
  }

  /** Queues a pushed frame, compressed when asked; the caller holds order. */
  private void enqueuePushed(JsonObject frame) {
    byte[] bytes = OperatorWire.encode(frame);
    if (compressor != null && !closed) {
      bytes = compressor.compress(bytes);
    }
    enqueue(bytes);
  }

  /** Stops the writer after what is queued (or at once, when the console fell behind). */
  void close() {
    queue.add(END);
    order.lock();
    try {
      closed = true;
      if (compressor != null) {
        compressor.close();
        compressor = null;
      }
      sent.clear();
    } finally {
      order.unlock();
    }
  }

  /** Bytes queued and not written yet. */
  long queuedBytes() {
    return queuedBytes.get();
  }
}
