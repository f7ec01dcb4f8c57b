package dev.vigil.console.manager.transport;

import dev.vigil.common.LogText;
import dev.vigil.console.manager.alerts.AlertService;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.UdpCounters;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.datagram.DatagramException;
import dev.vigil.protocol.datagram.ReplayWindow;
import dev.vigil.protocol.message.AlertReport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path for alerts: receives sealed datagrams, drops forged, replayed, malformed and
 * unknown-agent ones without a reply (counting each), and hands the rest to the alert service. One
 * receiving thread; keys are added and removed by sessions.
 */
public final class UdpAlertService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpAlertService.class);

  private record SessionKey(byte[] key, String hostname, ReplayWindow window, ReentrantLock lock) {}

  private final DatagramSocket socket;
  private final AlertService alerts;
  private final Map<UUID, SessionKey> keys = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final Map<DatagramException.Reason, AtomicLong> dropped =
      new EnumMap<>(DatagramException.Reason.class);
  private final Thread thread;

  public UdpAlertService(InetSocketAddress bind, AlertService alerts) throws IOException {
    this.socket = new DatagramSocket(bind);
    this.alerts = alerts;
    for (DatagramException.Reason r : DatagramException.Reason.values()) {
      dropped.put(r, new AtomicLong());
    }
    this.thread =
        Thread.ofPlatform().name("vigil-udp-alerts").daemon().unstarted(this::receiveLoop);
  }

  public void start() {
    thread.start();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void addKey(UUID agentId, String hostname, byte[] key) {
    keys.put(agentId, new SessionKey(key, hostname, new ReplayWindow(), new ReentrantLock()));
  }

  void removeKey(UUID agentId, byte[] key) {
    keys.computeIfPresent(agentId, (id, k) -> k.key() == key ? null : k);
  }

  public UdpCounters counters() {
    return new UdpCounters(
        accepted.get(),
        dropped.get(DatagramException.Reason.MALFORMED).get(),
        dropped.get(DatagramException.Reason.UNKNOWN_AGENT).get(),
        dropped.get(DatagramException.Reason.FORGED).get(),
        dropped.get(DatagramException.Reason.REPLAYED).get());
  }

  private void receiveLoop() {
    byte[] buffer = new byte[AlertDatagram.MAX_BYTES + 1];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!socket.isClosed()) {
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
        handle(buffer, packet.getLength());
      } catch (DatagramException e) {
        dropped.get(e.reason()).incrementAndGet();
        LOG.debug(
            "Dropped alert datagram from {}: {} ({})",
            packet.getSocketAddress(),
            e.reason(),
            LogText.message(e));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.warn("Alert datagram listener: {}", e.getMessage());
        }
      } catch (ConsoleStore.StoreException e) {
        // The alert's TCP copy stays in the agent's outbox until the store takes it.
        LOG.warn(
            "Alert datagram from {} not stored: {}", packet.getSocketAddress(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.error(
            "Alert datagram from {} could not be handled; listening on",
            packet.getSocketAddress(),
            e);
      }
    }
  }

  private void handle(byte[] data, int length) throws DatagramException {
    AlertDatagram.Header header = AlertDatagram.header(data, length);
    SessionKey key = keys.get(header.agentId());
    if (key == null) {
      throw new DatagramException(
          DatagramException.Reason.UNKNOWN_AGENT, "agent " + header.agentId());
    }
    AlertReport alert;
    key.lock().lock();
    try {
      if (!key.window().isFresh(header.counter())) {
        throw new DatagramException(
            DatagramException.Reason.REPLAYED, "counter " + header.counter());
      }
      alert = AlertDatagram.open(data, length, key.key());
      key.window().accept(header.counter());
    } finally {
      key.lock().unlock();
    }
    accepted.incrementAndGet();
    alerts.ingest(header.agentId().toString(), key.hostname(), alert, AlertEvent.Channel.UDP);
  }

  @Override
  public void close() {
    socket.close();
  }
}
