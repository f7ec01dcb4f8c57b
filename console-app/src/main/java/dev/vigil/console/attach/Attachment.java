package dev.vigil.console.attach;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import dev.vigil.common.Backoff;
import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.console.manager.api.wire.RecordPatch;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a console attached to a manager: one session at a time, and after it ends a new one after
 * an exponential backoff with full jitter; each session starts with a snapshot, which the {@link
 * Mirror} turns into only the differences, then numbered events (a gap ends the session, so the
 * next snapshot fills it). Listeners are called on its reading thread. Thread-safe.
 */
final class Attachment implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Attachment.class);
  private static final Type AGENTS = new TypeToken<List<AgentSnapshot>>() {}.getType();
  private static final Type PROBLEMS = new TypeToken<List<Problem>>() {}.getType();
  private static final Type ALERTS = new TypeToken<List<AlertEvent>>() {}.getType();

  private final InetSocketAddress address;
  private final SSLContext tls;
  private final String name;
  private final Mirror mirror = new Mirror();
  private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Boolean>> states = new CopyOnWriteArrayList<>();
  private final Backoff backoff = Backoff.reconnect(RandomGenerator.getDefault());
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final CountDownLatch firstSnapshot = new CountDownLatch(1);
  private volatile ChannelConnection current;
  private volatile boolean refused;
  private volatile boolean closed;
  private volatile String lastSentence = "not attached yet";
  private final List<AgentSnapshot> snapshotAgents = new ArrayList<>();
  // On the reading thread: each agent as the manager last sent it, what its patches apply to.
  private final Map<String, AgentSnapshot> held = new HashMap<>();
  // On the reading thread: the session's numbers for agents, as the manager gave them.
  private final Map<Long, String> numbers = new HashMap<>();
  private long sequence;
  private volatile int sessions;
  private volatile long endedSessionsBytes;
  private Thread loop;

  Attachment(InetSocketAddress address, SSLContext tls, String name) {
    this.address = address;
    this.tls = tls;
    this.name = name;
  }

  /**
   * Opens the first session with {@code token} (a new console's first attach) and waits for its
   * snapshot; then keeps attached in the background.
   *
   * @throws IOException with the manager's sentence when it refuses this console, or what broke
   */
  ChannelConnection start(String token) throws IOException {
    ChannelConnection first = ChannelConnection.open(address, tls, name, token);
    current = first;
    loop = Thread.ofPlatform().name("vigil-attach").daemon().start(() -> run(first));
    try {
      if (!firstSnapshot.await(30, TimeUnit.SECONDS)) {
        throw new IOException("the manager at " + address + " sent no snapshot within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while attaching", e);
    }
    return first;
  }

  /** Whether the manager refused to take this console back, so that it stopped trying. */
  boolean refused() {
    return refused;
  }

  private void run(ChannelConnection first) {
    ChannelConnection c = first;
    while (!closed) {
      if (c != null) {
        sessions++;
        backoff.reset();
        String why = session(c);
        endedSessionsBytes += c.receivedBytes();
        lastSentence = why;
        if (!closed) {
          tellState(false);
        }
        if (!closed) {
          LOG.warn(
              "Detached from the manager at {}: {}; attaching again",
              address,
              why.endsWith(".") ? why.substring(0, why.length() - 1) : why);
        }
        c = null;
        current = null;
      }
      if (!pause(backoff.next())) {
        return;
      }
      try {
        c = ChannelConnection.open(address, tls, name, null);
        current = c;
        LOG.info("Attached to the manager at {} again", address);
      } catch (ChannelConnection.Ended e) {
        if (e.fromManager()) {
          // The manager refused this console itself (removed, or its key forgotten): asking again
          // unchanged only fills its log, until someone attaches with a new token.
          lastSentence =
              "The manager refused this console: "
                  + LogText.message(e)
                  + " Not attaching again: this console needs a new token from an admin.";
          LOG.warn("{} ({})", lastSentence, address);
          refused = true;
          tellState(false);
          return;
        }
        lastSentence = LogText.message(e);
        LOG.debug("Attaching to {} failed: {}", address, lastSentence);
      } catch (IOException e) {
        lastSentence = LogText.message(e);
        LOG.debug("Attaching to {} failed: {}", address, lastSentence);
      }
    }
  }

  private boolean pause(Duration wait) {
    lock.lock();
    try {
      long left = wait.toNanos();
      while (!closed && left > 0) {
        left = changed.awaitNanos(left);
      }
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private String session(ChannelConnection c) {
    snapshotAgents.clear();
    held.clear();
    numbers.clear();
    var pings =
        Thread.ofVirtual()
            .name("vigil-attach-ping")
            .start(
                () -> {
                  while (c.isOpen() && !closed) {
                    if (!pauseWhileOpen(c, Duration.ofSeconds(c.heartbeatSeconds()))) {
                      return;
                    }
                    c.ping();
                  }
                });
    try {
      c.subscribe();
    } catch (IOException e) {
      c.close();
      return "the connection broke: " + e.getMessage();
    }
    String why = c.readLoop(this::pushed);
    pings.interrupt();
    return why;
  }

  private boolean pauseWhileOpen(ChannelConnection c, Duration wait) {
    try {
      Thread.sleep(wait); // a heartbeat's cadence, not synchronisation: interrupted at the end
      return c.isOpen();
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void pushed(JsonObject frame) {
    try {
      switch (OperatorWire.type(frame)) {
        case OperatorWire.SNAPSHOT -> snapshot(frame);
        case OperatorWire.EVENT -> event(frame);
        default -> LOG.debug("Ignored a '{}' frame", OperatorWire.type(frame));
      }
    } catch (ProtocolException e) {
      LOG.warn(
          "The manager at {} sent a frame this console cannot read: {}", address, e.getMessage());
      ChannelConnection c = current;
      if (c != null) {
        c.close();
      }
    }
  }

  private void snapshot(JsonObject frame) throws ProtocolException {
    List<AgentSnapshot> part = OperatorWire.value(frame.get("agents"), AGENTS, "snapshot agents");
    snapshotAgents.addAll(part);
    if (!frame.get("last").getAsBoolean()) {
      return;
    }
    List<Problem> problems = OperatorWire.value(frame.get("problems"), PROBLEMS, "problems");
    List<AlertEvent> alerts = OperatorWire.value(frame.get("alerts"), ALERTS, "alerts");
    sequence = OperatorWire.number(frame, "sequence");
    for (AgentSnapshot a : snapshotAgents) {
      held.put(a.agentId(), a);
      numbers.put((long) numbers.size(), a.agentId());
    }
    mirror.snapshot(List.copyOf(snapshotAgents), problems, alerts, fanOut());
    snapshotAgents.clear();
    firstSnapshot.countDown();
    tellState(true);
  }

  private void event(JsonObject frame) throws ProtocolException {
    long n = OperatorWire.number(frame, "sequence");
    if (n != sequence + 1) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          "event " + n + " came after " + sequence + "; attaching again to resynchronise");
    }
    sequence = n;
    JsonElement value = frame.get("value");
    FleetListener to = fanOut();
    switch (OperatorWire.string(frame, "kind")) {
      case "agents" -> {
        List<AgentSnapshot> agents = OperatorWire.value(value, AGENTS, "agents");
        agents.forEach(a -> held.put(a.agentId(), a));
        agents.stream().filter(mirror::agentChanged).forEach(to::agentChanged);
      }
      case "agentPatches" -> {
        for (AgentSnapshot a : patched(value)) {
          if (mirror.agentChanged(a)) {
            to.agentChanged(a);
          }
        }
      }
      case "agentRemoved" -> {
        String id = value.getAsString();
        held.remove(id);
        numbers.values().remove(id);
        if (mirror.agentRemoved(id)) {
          to.agentRemoved(id);
        }
      }
      case "alert" -> {
        AlertEvent e = OperatorWire.value(value, AlertEvent.class, "alert");
        if (mirror.alertReceived(e)) {
          to.alertReceived(e);
        }
      }
      case "problem" -> {
        ProblemChange c = OperatorWire.value(value, ProblemChange.class, "problem");
        if (mirror.problemChanged(c)) {
          to.problemChanged(c);
        }
      }
      case "command" ->
          to.commandUpdated(OperatorWire.value(value, CommandOutcome.class, "command"));
      default -> LOG.debug("Ignored an event of kind {}", OperatorWire.string(frame, "kind"));
    }
  }

  /**
   * The agents an {@code agentPatches} event changes: each entry's {@code full} snapshot, or its
   * {@code patch} applied to the one held (a patch for an agent not held is a gap: attach again).
   */
  private List<AgentSnapshot> patched(JsonElement value) throws ProtocolException {
    if (value == null || !value.isJsonArray()) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "agentPatches needs an array");
    }
    List<AgentSnapshot> out = new ArrayList<>();
    for (JsonElement e : value.getAsJsonArray()) {
      if (!e.isJsonObject()) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME, "an agentPatches entry must be an object");
      }
      JsonObject entry = e.getAsJsonObject();
      long n = OperatorWire.number(entry, "n");
      String id;
      AgentSnapshot now;
      if (entry.has("full")) {
        id = OperatorWire.string(entry, "agentId");
        if (numbers.putIfAbsent(n, id) != null) {
          throw new ProtocolException(
              ErrorCode.MALFORMED_FRAME, "agent number " + n + " was given twice");
        }
        now = OperatorWire.value(entry.get("full"), AgentSnapshot.class, "agent");
      } else {
        id = numbers.getOrDefault(n, "");
        AgentSnapshot before = held.get(id);
        JsonElement patch = entry.get("patch");
        if (before == null || patch == null || !patch.isJsonObject()) {
          throw new ProtocolException(
              ErrorCode.MALFORMED_FRAME,
              "a patch for an agent this console does not hold; attaching again to resynchronise");
        }
        now = RecordPatch.apply(before, patch.getAsJsonObject(), "agent patch");
      }
      if (!now.agentId().equals(id)) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME, "an agentPatches entry names one agent and carries another");
      }
      held.put(id, now);
      out.add(now);
    }
    return out;
  }

  /** One listener that calls every registered one; a faulty one never stops the others. */
  private FleetListener fanOut() {
    return new FanOut(listeners);
  }

  Mirror mirror() {
    return mirror;
  }

  private void tellState(boolean attached) {
    for (Consumer<Boolean> s : states) {
      try {
        s.accept(attached);
      } catch (RuntimeException e) {
        LOG.warn("A listener of the attachment to {} failed: {}", address, LogText.message(e));
      }
    }
  }

  /**
   * Registers a listener told {@code true} once a session's snapshot is in and {@code false} when
   * the session ends (not when the console closes); the returned action removes it.
   */
  Runnable listenToState(Consumer<Boolean> listener) {
    states.add(listener);
    return () -> states.remove(listener);
  }

  /** What happened last: why the last session ended, or why attaching again failed. */
  String lastSentence() {
    return lastSentence;
  }

  /** Registers a listener; the returned action removes it. */
  Runnable listen(FleetListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The role of the session now, or of the last one. */
  Role role(Role last) {
    ChannelConnection c = current;
    return c == null ? last : c.role();
  }

  /** Bytes read in ended sessions and the current one. */
  long receivedBytes() {
    ChannelConnection c = current;
    return endedSessionsBytes + (c == null ? 0 : c.receivedBytes());
  }

  /** Sessions opened so far (1 until the first re-attach). */
  int sessions() {
    return sessions;
  }

  /** Makes a call in the current session. */
  CompletableFuture<JsonElement> call(ApiCall call, JsonObject args) {
    ChannelConnection c = current;
    if (c == null || !c.isOpen()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "Not attached to the manager at "
                  + address
                  + " ("
                  + lastSentence
                  + "); attaching again"));
    }
    return c.call(call, args);
  }

  boolean attached() {
    ChannelConnection c = current;
    return c != null && c.isOpen();
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    ChannelConnection c = current;
    if (c != null) {
      c.close();
    }
    if (loop != null) {
      try {
        loop.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
