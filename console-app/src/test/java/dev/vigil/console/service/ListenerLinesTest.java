package dev.vigil.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.UdpCounters;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenerLinesTest {
  private static ManagerInfo info(
      String fingerprint, InetSocketAddress metrics, InetSocketAddress operator) {
    return new ManagerInfo(
        "test",
        fingerprint,
        new InetSocketAddress("127.0.0.1", 40001),
        new InetSocketAddress("::1", 40002),
        metrics,
        new UdpCounters(0, 0, 0, 0, 0),
        new ManagerInfo.SessionCounters(0, 0, 0, 0, 4, 0),
        operator);
  }

  @Test
  void oneLinePerListenerThatRunsThenTheKey() {
    assertThat(ListenerLines.of(info("SHA256:abc", null, null)))
        .containsExactly(
            "Vigil manager listening on tcp 127.0.0.1:40001 (agents)",
            "Vigil manager listening on udp [0:0:0:0:0:0:0:1]:40002 (alert datagrams)",
            "Manager key fingerprint SHA256:abc");
    assertThat(
            ListenerLines.of(
                info(
                    "SHA256:abc",
                    new InetSocketAddress("127.0.0.1", 40004),
                    new InetSocketAddress("0.0.0.0", 40003))))
        .containsExactly(
            "Vigil manager listening on tcp 127.0.0.1:40001 (agents)",
            "Vigil manager listening on udp [0:0:0:0:0:0:0:1]:40002 (alert datagrams)",
            "Vigil manager listening on tcp 0.0.0.0:40003 (operator channel)",
            "Vigil manager listening on http 127.0.0.1:40004 (/metrics)",
            "Manager key fingerprint SHA256:abc");
  }

  @Test
  void insecureModeWarnsInsteadOfAKey() {
    assertThat(ListenerLines.of(info(null, null, null)))
        .last()
        .asString()
        .startsWith("WARNING: insecure: agent sessions are plain TCP without keys");
  }
}
