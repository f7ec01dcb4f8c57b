package dev.vigil.agent.check;

import dev.vigil.common.HostPort;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Connects to HOST:PORT and measures the connect time; a refusal or a timeout is critical. */
final class TcpProbe implements Probe {
  private final HostPort target;

  TcpProbe(String target) {
    this.target = HostPort.parse(target);
  }

  @Override
  public Outcome run(Duration timeout) {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(target.host(), target.port()), (int) timeout.toMillis());
      double seconds = (System.nanoTime() - start) / 1e9;
      return Outcome.of(
          CheckStatus.OK,
          String.format("TCP %s connected in %.3f s", target, seconds),
          new CheckMetric("time", seconds, "s"));
    } catch (SocketTimeoutException e) {
      return Outcome.of(
          CheckStatus.CRITICAL,
          "TCP " + target + ": no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return Outcome.of(CheckStatus.CRITICAL, "TCP " + target + ": " + e.getMessage());
    }
  }
}
