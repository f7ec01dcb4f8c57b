package dev.vigil.protocol.session;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ConsoleMessage;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.Welcome;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The agent's half of one connection's dialogue after hello: waiting for welcome (showing life
 * while pending), then reading the console's messages until the connection ends. Not thread-safe:
 * one per connection, on the client's thread.
 */
final class Conversation {
  private final Socket socket;
  private final FrameReader reader;
  private final FrameWriter writer;
  private final SessionEvents events;
  private final BooleanSupplier running;

  Conversation(
      Socket socket,
      FrameReader reader,
      FrameWriter writer,
      SessionEvents events,
      BooleanSupplier running) {
    this.socket = socket;
    this.reader = reader;
    this.writer = writer;
    this.events = events;
    this.running = running;
  }

  /**
   * Reads until welcome; while the console's operator has not approved us, keeps the line alive.
   */
  Welcome awaitWelcome() throws IOException {
    boolean pending = false;
    try {
      long interval = TimeUnit.SECONDS.toNanos(Protocol.DEFAULT_HEARTBEAT_SECONDS);
      long lastReceived = System.nanoTime();
      long lastSent = System.nanoTime();
      while (running.getAsBoolean()) {
        Message message = null;
        try {
          message = reader.readMessage();
          lastReceived = System.nanoTime();
        } catch (SocketTimeoutException e) {
          if (System.nanoTime() - lastReceived >= 3 * interval) {
            throw new IOException("the console was silent for three heartbeat intervals");
          }
        }
        // While pending, this side must show life too, whatever the console sends.
        if (System.nanoTime() - lastSent >= interval) {
          writer.writeMessage(new Heartbeat(System.currentTimeMillis()));
          lastSent = System.nanoTime();
        }
        switch (message) {
          case null -> {}
          case Welcome w -> {
            return w;
          }
          case Pending p -> {
            pending = true;
            events.pending(p);
            // The console says how often it expects life; it closes a session silent for three.
            interval = TimeUnit.SECONDS.toNanos(p.heartbeatSecondsOrDefault());
            socket.setSoTimeout((int) Math.min(1000, p.heartbeatSecondsOrDefault() * 500L));
          }
          case Heartbeat h -> {
            // The console keeps the pending session alive.
          }
          case ErrorMessage err ->
              throw new IOException(
                  "the console refused this agent: " + err.detail() + " (" + err.code() + ")");
          default ->
              throw new ProtocolException(
                  ErrorCode.UNEXPECTED_MESSAGE,
                  "expected welcome, got " + message.getClass().getSimpleName());
        }
      }
      throw new IOException("the agent is stopping");
    } finally {
      if (pending) {
        events.pendingEnded();
      }
    }
  }

  /** Hands the console's messages to the handler until the connection ends. */
  void readLoop(ConsoleSession session, SessionHandler handler) throws IOException {
    while (running.getAsBoolean()) {
      Message message;
      try {
        message = reader.readMessage();
      } catch (SocketTimeoutException e) {
        throw new IOException("the console was silent for three heartbeat intervals");
      } catch (ProtocolException e) {
        handler.malformed(session, e.getMessage());
        writer.writeMessage(new ErrorMessage(e.code(), e.getMessage()));
        throw e;
      }
      switch (message) {
        case ConsoleMessage m -> handler.received(session, m);
        case Heartbeat h -> {
          // Its arrival reset the read timeout; nothing else to do.
        }
        case ErrorMessage err -> events.consoleError(err);
        default -> {
          handler.malformed(session, "unexpected " + message.getClass().getSimpleName());
          writer.writeMessage(
              new ErrorMessage(
                  ErrorCode.UNEXPECTED_MESSAGE,
                  "unexpected " + message.getClass().getSimpleName()));
          throw new ProtocolException(ErrorCode.UNEXPECTED_MESSAGE, "unexpected " + message);
        }
      }
    }
  }
}
