package dev.vigil.console.attach;

import com.google.gson.JsonObject;
import dev.vigil.common.HostPort;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLSocket;

/**
 * A hand-driven operator console for tests that must send what a real one never would: raw frames
 * over a TLS session with a key of its own.
 */
final class RawOperatorPeer implements AutoCloseable {
  private final SSLSocket socket;
  private final FrameReader reader;
  private final FrameWriter writer;

  RawOperatorPeer(HostPort channel) throws IOException {
    var tls = TlsContexts.create(TlsIdentity.create("raw-operator"), PeerCheck.ANY);
    socket = (SSLSocket) tls.getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress(channel.host(), channel.port()), 5_000);
    socket.setSoTimeout(10_000);
    TlsContexts.configure(socket);
    socket.startHandshake();
    reader = new FrameReader(socket.getInputStream(), OperatorWire.MAX_FRAME_BYTES);
    writer = new FrameWriter(socket.getOutputStream(), OperatorWire.MAX_FRAME_BYTES);
  }

  /** Says hello with a name and token; returns the manager's answer. */
  JsonObject hello(String name, String token) throws IOException {
    JsonObject hello = OperatorWire.frame(OperatorWire.HELLO);
    hello.addProperty("version", OperatorWire.VERSION);
    hello.addProperty("name", name);
    if (token != null) {
      hello.addProperty("token", token);
    }
    send(OperatorWire.encode(hello));
    return next();
  }

  void send(byte[] body) throws IOException {
    writer.writeFrame(body);
  }

  /** The next frame, skipping pushed events. */
  JsonObject next() throws IOException {
    return OperatorWire.decode(reader.readFrame());
  }

  /** Whether the manager closed the session: the next read ends. */
  boolean closedByManager() {
    try {
      while (true) {
        reader.readFrame();
      }
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
