package dev.vigil.console.manager.remote;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.RefusedException;
import dev.vigil.console.manager.api.Subscription;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.console.manager.api.wire.CompressedFrames;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One welcomed operator's session: reads their calls (each on a virtual thread of its own, at most
 * {@link #MAX_CALLS} at once), checks each against their role, and answers through the {@link
 * Outbox}. A frame that breaks the rules gets a sentence and ends this session only. Thread-safe.
 */
final class OperatorSession {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorSession.class);

  /** Calls one session may have running at once; one more is answered as failed. */
  static final int MAX_CALLS = 32;

  private final OperatorChannel channel;
  private final Socket socket;
  private final OperatorAccount account;
  private final Operator who;
  private final Outbox outbox;
  private final FrameWriter writer;
  private final Semaphore calls = new Semaphore(MAX_CALLS);
  private final SessionExports exports;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Subscription subscription;

  OperatorSession(
      OperatorChannel channel,
      Socket socket,
      OperatorAccount account,
      String remote,
      FrameWriter writer) {
    this.channel = channel;
    this.socket = socket;
    this.account = account;
    this.who = new Operator(account.name(), account.fingerprint() + " at " + remote);
    this.writer = writer;
    this.outbox = new Outbox(writer, this::end, channel.writtenBytes());
    this.exports = new SessionExports(channel.api(), channel.audit(), channel.exportDirectory());
  }

  OperatorAccount account() {
    return account;
  }

  Operator operator() {
    return who;
  }

  Outbox outbox() {
    return outbox;
  }

  /** Reads frames until the console goes or breaks a rule; runs on the session's thread. */
  void readLoop(FrameReader frames) throws IOException {
    Thread drainer = Thread.ofVirtual().name("vigil-operator-writer").start(outbox::drain);
    try {
      while (!closed.get()) {
        JsonObject frame = OperatorWire.decode(frames.readFrame());
        switch (OperatorWire.type(frame)) {
          case OperatorWire.CALL -> call(frame);
          case OperatorWire.SUBSCRIBE -> subscribe(frame);
          case OperatorWire.PING -> outbox.send(OperatorWire.frame(OperatorWire.PONG));
          case OperatorWire.PONG -> {}
          default ->
              throw new ProtocolException(
                  ErrorCode.MALFORMED_FRAME,
                  "a welcomed console may send call, subscribe, ping and pong, not '"
                      + OperatorWire.type(frame)
                      + "'");
        }
      }
    } finally {
      stopEvents();
      exports.close();
      outbox.close();
      try {
        drainer.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts the snapshot and events; the frame may ask for agent patches ({@code "agentChanges":
   * "patch"}) and compression ({@code "compress": "deflate"}), each ignored when absent.
   */
  private void subscribe(JsonObject frame) throws ProtocolException {
    boolean patches = wants(frame, "agentChanges", "patch");
    boolean compressed = wants(frame, CompressedFrames.MEMBER, CompressedFrames.DEFLATE);
    outbox.subscribe(
        () -> subscription = channel.api().subscribe(outbox),
        new Outbox.SnapshotSource() {
          @Override
          public java.util.List<dev.vigil.console.manager.api.AgentSnapshot> agents() {
            return channel.api().agents();
          }

          @Override
          public java.util.List<dev.vigil.console.manager.api.Problem> problems() {
            return channel.api().problems();
          }

          @Override
          public java.util.List<dev.vigil.console.manager.api.AlertEvent> alerts() {
            return channel.api().recentAlerts();
          }
        },
        patches,
        compressed);
  }

  private static boolean wants(JsonObject frame, String member, String value)
      throws ProtocolException {
    if (!frame.has(member)) {
      return false;
    }
    if (!OperatorWire.string(frame, member).equals(value)) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "subscribe's '" + member + "' may only be '" + value + "'");
    }
    return true;
  }

  private void call(JsonObject frame) throws ProtocolException {
    long id = OperatorWire.number(frame, "id");
    String method = OperatorWire.string(frame, "method");
    JsonElement argsElement = frame.get("args");
    if (argsElement != null && !argsElement.isJsonObject()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "a call's 'args' must be an object of named arguments");
    }
    JsonObject args = argsElement == null ? new JsonObject() : argsElement.getAsJsonObject();
    Optional<ApiCall> known = ApiCall.byWireName(method);
    if (known.isEmpty()) {
      answer(
          OperatorWire.FAILED, id, "The manager has no call named '" + LogText.of(method) + "'.");
      return;
    }
    ApiCall c = known.get();
    if (!account.role().includes(c.needs())) {
      String sentence =
          account.name()
              + " is "
              + article(account.role().word())
              + ": "
              + c.doing()
              + " needs the "
              + c.needs().word()
              + " role.";
      channel.audit().refused(who, c.wireName(), Calls.agentOf(args), sentence);
      LOG.info("Refused {} to {}: {}", c.wireName(), who, sentence);
      answer(OperatorWire.REFUSED, id, sentence);
      return;
    }
    if (!calls.tryAcquire()) {
      answer(OperatorWire.FAILED, id, "Too many calls at once: wait for some answers first.");
      return;
    }
    Thread.ofVirtual().name("vigil-operator-call").start(() -> run(c, id, args));
  }

  private void run(ApiCall c, long id, JsonObject args) {
    try {
      (c.export()
              ? exports.call(c, new Calls.Args(c, args), who)
              : channel.calls().call(c, args, who))
          .whenComplete(
              (value, error) -> {
                if (error == null) {
                  JsonObject result = OperatorWire.frame(OperatorWire.RESULT);
                  result.addProperty("id", id);
                  result.add("value", value);
                  outbox.send(result);
                } else {
                  answer(OperatorWire.FAILED, id, sentence(error));
                }
              });
    } catch (ProtocolException | IllegalArgumentException | IllegalStateException e) {
      answer(OperatorWire.FAILED, id, sentence(e));
    } catch (RefusedException e) {
      answer(OperatorWire.REFUSED, id, e.getMessage());
    } catch (RuntimeException e) {
      // One sentence to the operator; the log keeps the cause, once, here where it is decided.
      LOG.warn("The call {} from {} failed", c.wireName(), who, e);
      answer(OperatorWire.FAILED, id, "The manager could not do that: " + LogText.message(e));
    } finally {
      calls.release();
    }
  }

  private static String sentence(Throwable e) {
    Throwable cause =
        e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause()
            : e;
    String m = LogText.message(cause);
    return m.isEmpty() ? "The manager could not do that." : capitalised(m);
  }

  private static String capitalised(String s) {
    String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return t.endsWith(".") ? t : t + ".";
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private void answer(String type, long id, String sentence) {
    JsonObject frame = OperatorWire.frame(type);
    frame.addProperty("id", id);
    frame.addProperty("sentence", sentence);
    outbox.send(frame);
  }

  /** The console went or broke a rule (said already): only the socket is left to close. */
  void detached() {
    if (closed.compareAndSet(false, true)) {
      stopEvents();
      LOG.info("Operator {} detached", account.name());
      OperatorChannel.closeQuietly(socket);
    }
  }

  /** Ends the session with a sentence the console shows (removed, fell behind, stopping). */
  void end(String sentence) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopEvents();
    LOG.info("Closed the operator session of {}: {}", account.name(), sentence);
    // Past the outbox, which may be the reason; the writer's lock keeps frames whole.
    OperatorChannel.trySend(writer, sentence);
    OperatorChannel.closeQuietly(socket);
  }

  private void stopEvents() {
    Subscription s = subscription;
    if (s != null) {
      s.close();
    }
  }
}
