package dev.vigil.console.manager;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLSocket;

/** A hand-driven agent for protocol tests: TLS with its own key, then frames of our choosing. */
public final class TlsPeer implements AutoCloseable {
  final TlsIdentity identity;
  final UUID agentId;
  final SSLSocket socket;
  final FrameWriter writer;
  final FrameReader reader;

  public TlsPeer(ConsoleManager manager) throws IOException {
    this(manager, TlsIdentity.create("test-peer"), UUID.randomUUID());
  }

  public TlsPeer(ConsoleManager manager, TlsIdentity identity, UUID agentId) throws IOException {
    this.identity = identity;
    this.agentId = agentId;
    this.socket =
        (SSLSocket)
            TlsContexts.create(identity, PeerCheck.ANY)
                .getSocketFactory()
                .createSocket(
                    InetAddress.getLoopbackAddress(), manager.info().agentListener().getPort());
    TlsContexts.configure(socket);
    socket.setSoTimeout(15_000);
    socket.startHandshake();
    this.writer = new FrameWriter(socket.getOutputStream(), Protocol.MAX_FRAME_BYTES);
    this.reader = new FrameReader(socket.getInputStream(), Protocol.MAX_FRAME_BYTES);
  }

  Hello hello(String token) {
    return new Hello(
        Protocol.VERSION, agentId.toString(), "test-peer", "test", "0", List.of("restart"), token);
  }

  /** Says hello claiming another host name, and returns the console's first answer. */
  public Message greetAs(String hostname, String token) throws IOException {
    Hello h = hello(token);
    writer.writeMessage(
        new Hello(
            h.protocolVersion(),
            h.agentId(),
            hostname,
            h.os(),
            h.agentVersion(),
            h.allowedCommands(),
            h.enrollmentToken()));
    return reader.readMessage();
  }

  /** Says hello and returns the console's first answer. */
  public Message greet(String token) throws IOException {
    writer.writeMessage(hello(token));
    return reader.readMessage();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
