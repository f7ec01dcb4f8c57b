package dev.vigil.console.attach;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vigil.console.manager.api.RefusedException;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.console.manager.api.wire.CompressedFrames;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.tls.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One session with a manager's operator channel: TLS, {@code op_hello}, {@code op_welcome}, then
 * calls by id and the frames the manager pushes (snapshots and events), handed to a consumer on the
 * reading thread. Ends on the first error; a new session is a new object. Thread-safe.
 */
final class ChannelConnection implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** Why a session could not start or ended: the manager's sentence, or what went wrong here. */
  static final class Ended extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean fromManager;

    Ended(String sentence, boolean fromManager) {
      super(sentence);
      this.fromManager = fromManager;
    }

    /** Whether the manager said it (then trying again unchanged will not help at once). */
    boolean fromManager() {
      return fromManager;
    }
  }

  private final SSLSocket socket;
  private final FrameReader reader;
  private final FrameWriter writer;
  private final String name;
  private final Role role;
  private final int heartbeatSeconds;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonElement>> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong receivedBytes = new AtomicLong();
  private final CompressedFrames.Decompressor decompressor =
      new CompressedFrames.Decompressor(OperatorWire.MAX_FRAME_BYTES);
  private volatile String endSentence = "the manager closed the session";

  private ChannelConnection(SSLSocket socket, JsonObject welcome) throws IOException {
    this.socket = socket;
    this.reader = new FrameReader(socket.getInputStream(), OperatorWire.MAX_FRAME_BYTES);
    this.writer = new FrameWriter(socket.getOutputStream(), OperatorWire.MAX_FRAME_BYTES);
    this.name = OperatorWire.string(welcome, "name");
    this.role = Role.valueOf(OperatorWire.string(welcome, "role"));
    this.heartbeatSeconds = (int) OperatorWire.number(welcome, "heartbeatSeconds");
  }

  /**
   * Dials, handshakes (the manager's key must pass {@code tls}'s pin) and says hello.
   *
   * @throws Ended with the manager's sentence when it refused this console
   */
  static ChannelConnection open(
      InetSocketAddress address, SSLContext tls, String name, String token) throws IOException {
    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket();
    try {
      ssl.connect(address, CONNECT_TIMEOUT_MILLIS);
      ssl.setTcpNoDelay(true);
      ssl.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
      TlsContexts.configure(ssl);
      ssl.startHandshake();
      FrameWriter w = new FrameWriter(ssl.getOutputStream(), OperatorWire.MAX_HELLO_BYTES);
      JsonObject hello = OperatorWire.frame(OperatorWire.HELLO);
      hello.addProperty("version", OperatorWire.VERSION);
      hello.addProperty("name", name);
      if (token != null) {
        hello.addProperty("token", token);
      }
      w.writeFrame(OperatorWire.encode(hello));
      JsonObject answer =
          OperatorWire.decode(
              new FrameReader(ssl.getInputStream(), OperatorWire.MAX_FRAME_BYTES).readFrame());
      String type = OperatorWire.type(answer);
      if (OperatorWire.ERROR.equals(type)) {
        throw new Ended(OperatorWire.string(answer, "sentence"), true);
      }
      if (!OperatorWire.WELCOME.equals(type)) {
        throw new Ended("the manager answered the hello with '" + type + "'", false);
      }
      ChannelConnection c = new ChannelConnection(ssl, answer);
      ssl.setSoTimeout(c.heartbeatSeconds * 3 * 1000);
      return c;
    } catch (IOException | RuntimeException e) {
      closeQuietly(ssl);
      throw e;
    }
  }

  String name() {
    return name;
  }

  Role role() {
    return role;
  }

  int heartbeatSeconds() {
    return heartbeatSeconds;
  }

  /**
   * Reads until the session ends, handing pushed frames to {@code pushed}; answers complete their
   * calls. Runs on the caller's thread; returns the sentence the session ended with.
   */
  String readLoop(Consumer<JsonObject> pushed) {
    try {
      while (!closed.get()) {
        byte[] body = reader.readFrame();
        receivedBytes.addAndGet(body.length + 4L);
        if (CompressedFrames.compressed(body)) {
          body = decompressor.decompress(body);
        }
        JsonObject frame = OperatorWire.decode(body);
        switch (OperatorWire.type(frame)) {
          case OperatorWire.RESULT -> complete(frame, null);
          case OperatorWire.REFUSED ->
              complete(frame, new RefusedException(OperatorWire.string(frame, "sentence")));
          case OperatorWire.FAILED ->
              complete(frame, new IllegalStateException(OperatorWire.string(frame, "sentence")));
          case OperatorWire.PING -> send(OperatorWire.frame(OperatorWire.PONG));
          case OperatorWire.PONG -> {}
          case OperatorWire.ERROR -> {
            endSentence = OperatorWire.string(frame, "sentence");
            return endSentence;
          }
          default -> pushed.accept(frame);
        }
      }
    } catch (ProtocolException e) {
      endSentence = "the manager sent a frame this console does not understand: " + e.getMessage();
    } catch (IOException e) {
      if (!closed.get()) {
        endSentence = "the connection to the manager broke: " + e.getMessage();
      }
    } finally {
      close();
      decompressor.close();
    }
    return endSentence;
  }

  /** Makes a call; the future completes with its value, or a {@link RefusedException}. */
  CompletableFuture<JsonElement> call(ApiCall call, JsonObject args) {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonElement> answer = new CompletableFuture<>();
    pending.put(id, answer);
    JsonObject frame = OperatorWire.frame(OperatorWire.CALL);
    frame.addProperty("id", id);
    frame.addProperty("method", call.wireName());
    frame.add("args", args);
    try {
      writer.writeFrame(OperatorWire.encode(frame));
    } catch (IOException e) {
      pending.remove(id);
      answer.completeExceptionally(new IllegalStateException("not attached: " + e.getMessage()));
    }
    if (closed.get()) {
      fail(id);
    }
    return answer;
  }

  /** Bytes read from the manager in this session, frame headers included, before inflating. */
  long receivedBytes() {
    return receivedBytes.get();
  }

  /** Asks for the snapshot and the events after it, agents as patches, compressed. */
  void subscribe() throws IOException {
    JsonObject subscribe = OperatorWire.frame(OperatorWire.SUBSCRIBE);
    subscribe.addProperty("agentChanges", "patch");
    subscribe.addProperty(CompressedFrames.MEMBER, CompressedFrames.DEFLATE);
    writer.writeFrame(OperatorWire.encode(subscribe));
  }

  /** Sends a ping; the manager's pong keeps the read timeout from firing. */
  void ping() {
    send(OperatorWire.frame(OperatorWire.PING));
  }

  private void send(JsonObject frame) {
    try {
      writer.writeFrame(OperatorWire.encode(frame));
    } catch (IOException e) {
      close();
    }
  }

  private void complete(JsonObject frame, RuntimeException error) throws ProtocolException {
    long id = OperatorWire.number(frame, "id");
    CompletableFuture<JsonElement> answer = pending.remove(id);
    if (answer == null) {
      return;
    }
    if (error != null) {
      answer.completeExceptionally(error);
    } else {
      answer.complete(frame.get("value"));
    }
  }

  private void fail(long id) {
    CompletableFuture<JsonElement> answer = pending.remove(id);
    if (answer != null) {
      answer.completeExceptionally(new IllegalStateException("not attached: " + endSentence));
    }
  }

  boolean isOpen() {
    return !closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(socket);
      pending.keySet().forEach(this::fail);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing left to do with a socket that will not close.
    }
  }
}
