package dev.vigil.console.manager;

import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.console.manager.remote.OperatorChannel;
import dev.vigil.console.manager.store.AuditWriter;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the operator channel when the configuration names its port: wiring only. */
final class OperatorChannels {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorChannels.class);

  private OperatorChannels() {}

  /**
   * The running channel, or null when none is configured or the manager runs insecure (the channel
   * is TLS only).
   *
   * @param opened the parts to close if the start fails later; the channel joins them
   */
  static OperatorChannel start(
      ManagerConfig config,
      OperatorApi api,
      SSLContext tls,
      TlsIdentity identity,
      AuditWriter audit,
      Housekeeping housekeeping,
      List<AutoCloseable> opened)
      throws IOException {
    if (config.operatorPort() < 0) {
      return null;
    }
    if (identity == null) {
      LOG.warn(
          "No operator channel: it needs TLS, and this manager runs --insecure; drop --insecure or"
              + " --operator-port");
      return null;
    }
    OperatorChannel channel;
    try {
      channel =
          new OperatorChannel(
              new InetSocketAddress(config.bindAddress(), config.operatorPort()),
              tls,
              api,
              new OperatorStore(config.dataDir()),
              audit,
              housekeeping.executor(),
              new OperatorChannel.Settings(
                  config.heartbeatSeconds(),
                  config.unauthenticated().unadmittedSessions(),
                  config.advertiseHost(),
                  identity.fingerprint().value()));
    } catch (BindException e) {
      throw PortInUseException.of(
          "operator TCP", config.bindAddress(), config.operatorPort(), "--operator-port", e);
    }
    opened.add(0, channel);
    channel.start();
    return channel;
  }
}
