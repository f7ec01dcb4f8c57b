package dev.vigil.console.manager.transport;

import dev.vigil.common.LogText;
import dev.vigil.console.manager.alerts.AlertService;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an open session's messages and hands each to the part of the manager it is for: reports to
 * the registry, alerts to the alert service (acknowledged once stored), command results to the
 * commands. Anything an agent may not send after the handshake ends the session. Thread-safe.
 */
final class SessionReader {
  private static final Logger LOG = LoggerFactory.getLogger(SessionReader.class);

  private final AgentRegistry registry;
  private final AlertService alerts;
  private final BiConsumer<AgentConnection, CommandResult> commandResults;
  private final TransportCounters counters;

  SessionReader(TcpService.Parts parts, TransportCounters counters) {
    this.registry = parts.registry();
    this.alerts = parts.alerts();
    this.commandResults = parts.commandResults();
    this.counters = counters;
  }

  /** Reads until the session ends; returns only by an exception. */
  void readLoop(AgentConnection connection, FrameReader reader) throws IOException {
    String agentId = connection.agentId().toString();
    while (true) {
      Message message = reader.readMessage();
      if (message instanceof AgentMessage && !connection.admitted()) {
        // Unknown, pending and rejected agents' data and alerts are not accepted.
        counters.unapprovedFrames.incrementAndGet();
        continue;
      }
      switch (message) {
        case StatsReport stats -> registry.stats(agentId, stats, System.currentTimeMillis());
        case SlowReport slow -> registry.slow(agentId, slow, System.currentTimeMillis());
        case Inventory inventory -> registry.inventory(agentId, inventory);
        case AlertReport alert -> {
          alerts.ingest(agentId, connection.hostname(), alert, AlertEvent.Channel.TCP);
          connection.send(new Ack(alert.sequence()));
        }
        case CommandResult result -> {
          commandResults.accept(connection, result);
          connection.send(new Ack(result.sequence()));
        }
        case Heartbeat h -> {
          // Arrival reset the read timeout.
        }
        case ErrorMessage err ->
            LOG.warn(
                "{} reported an error: {}: {}",
                LogText.of(connection.hostname()),
                err.code(),
                LogText.of(err.detail()));
        default ->
            throw new ProtocolException(
                ErrorCode.UNEXPECTED_MESSAGE,
                "agents may not send "
                    + message.getClass().getSimpleName()
                    + " after the handshake");
      }
    }
  }
}
