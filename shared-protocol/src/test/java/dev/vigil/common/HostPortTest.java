package dev.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void hostsAndPortsReadAsAnOperatorWritesThem() {
    assertThat(HostPort.parse("console.example.org:7470"))
        .isEqualTo(new HostPort("console.example.org", 7470));
    assertThat(HostPort.parse("[::1]:7470")).isEqualTo(new HostPort("::1", 7470));
    assertThat(HostPort.parse("fe80::1:7470")).isEqualTo(new HostPort("fe80::1", 7470));
    assertThat(HostPort.parse("[::1]:7470")).hasToString("[::1]:7470");
    assertThat(HostPort.parseListen("7000", "0.0.0.0")).isEqualTo(new HostPort("0.0.0.0", 7000));
    assertThat(HostPort.parseListen("127.0.0.1:0", "0.0.0.0"))
        .isEqualTo(new HostPort("127.0.0.1", 0));
  }

  @Test
  void whatIsWrongIsSaidInASentence() {
    assertThatThrownBy(() -> HostPort.parse("nohost"))
        .hasMessage("must be HOST:PORT, for example 127.0.0.1:7470, got 'nohost'");
    assertThatThrownBy(() -> HostPort.parse(":7470")).hasMessageContaining("must be HOST:PORT");
    assertThatThrownBy(() -> HostPort.parse("host:")).hasMessageContaining("must be HOST:PORT");
    assertThatThrownBy(() -> HostPort.parse("host:0"))
        .hasMessage("port must be a number from 1 to 65535, got '0'");
    assertThatThrownBy(() -> HostPort.parse("host:abc"))
        .hasMessage("port must be a number from 1 to 65535, got 'abc'");
    assertThatThrownBy(() -> HostPort.parseListen("70000", "0.0.0.0"))
        .hasMessage("port must be a number from 0 to 65535, got '70000'");
  }
}
