package dev.vigil.protocol.datagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Severity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertDatagramTest {
  private static final UUID AGENT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final AlertReport ALERT =
      new AlertReport(
          1, "cpu", Severity.WARNING, AlertState.FIRING, 93.5, 90, 1_700_000_000_000L, "CPU high");

  private final byte[] key = newKey();

  private static byte[] newKey() {
    byte[] k = new byte[AlertDatagram.KEY_BYTES];
    new SecureRandom().nextBytes(k);
    return k;
  }

  @Test
  void aSealedAlertOpensWithTheSameKey() throws Exception {
    byte[] d = AlertDatagram.seal(AGENT, 42, key, ALERT);
    assertThat(AlertDatagram.header(d, d.length)).isEqualTo(new AlertDatagram.Header(AGENT, 42));
    assertThat(AlertDatagram.open(d, d.length, key)).isEqualTo(ALERT);
  }

  @Test
  void anyFlippedBitIsDetectedAsForgedOrMalformed() {
    byte[] d = AlertDatagram.seal(AGENT, 42, key, ALERT);
    for (int i = 0; i < d.length; i++) {
      byte[] bad = d.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> AlertDatagram.open(bad, bad.length, key))
          .as("bit flipped in byte %d", i)
          .isInstanceOf(DatagramException.class);
    }
  }

  @Test
  void anotherKeyIsForged() {
    byte[] d = AlertDatagram.seal(AGENT, 1, key, ALERT);
    assertThatThrownBy(() -> AlertDatagram.open(d, d.length, newKey()))
        .isInstanceOf(DatagramException.class)
        .extracting(e -> ((DatagramException) e).reason())
        .isEqualTo(DatagramException.Reason.FORGED);
  }

  @Test
  void truncatedDatagramsAreRefused() {
    byte[] d = AlertDatagram.seal(AGENT, 1, key, ALERT);
    for (int len : new int[] {0, 10, AlertDatagram.HEADER_BYTES, d.length - 1}) {
      byte[] cut = Arrays.copyOf(d, len);
      assertThatThrownBy(() -> AlertDatagram.open(cut, cut.length, key))
          .isInstanceOf(DatagramException.class);
    }
  }

  @Test
  void counterZeroIsMalformedAndSaysCountersStartAtOne() {
    byte[] d = RawSeal.seal(RawSeal.header(1, 0, AGENT, 0), key, MessageCodec.encode(ALERT));
    assertMalformed(d, "counter 0; counters start at 1");
  }

  @Test
  void aCounterWithItsTopBitSetIsMalformedAndSaysSo() {
    byte[] d =
        RawSeal.seal(RawSeal.header(1, 0, AGENT, Long.MIN_VALUE), key, MessageCodec.encode(ALERT));
    assertMalformed(d, "counter 9223372036854775808 has its top bit set");
  }

  @Test
  void aWellSealedDatagramWithANonZeroReservedByteIsMalformed() {
    byte[] d = RawSeal.seal(RawSeal.header(1, 1, AGENT, 7), key, MessageCodec.encode(ALERT));
    assertMalformed(d, "reserved byte is 1; it must be 0");
  }

  @Test
  void aWellSealedMessageThatIsNotAnAlertIsMalformed() {
    byte[] d =
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 7), key, MessageCodec.encode(new Heartbeat(1)));
    assertMalformed(d, "the sealed message is not an alert");
  }

  @Test
  void aWellSealedAlertThatBreaksAFieldRuleIsMalformed() {
    byte[] plain =
        new String(MessageCodec.encode(ALERT), StandardCharsets.UTF_8)
            .replace("\"sequence\":1", "\"sequence\":\"1\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] d = RawSeal.seal(RawSeal.header(1, 0, AGENT, 7), key, plain);
    assertMalformed(d, "sequence must be an integer");
  }

  @Test
  void rawSealMakesWhatSealMakes() {
    assertThat(RawSeal.seal(RawSeal.header(1, 0, AGENT, 42), key, MessageCodec.encode(ALERT)))
        .isEqualTo(AlertDatagram.seal(AGENT, 42, key, ALERT));
  }

  private void assertMalformed(byte[] d, String expected) {
    assertThatThrownBy(() -> AlertDatagram.open(d, d.length, key))
        .isInstanceOfSatisfying(
            DatagramException.class,
            e -> assertThat(e.reason()).isEqualTo(DatagramException.Reason.MALFORMED))
        .hasMessageContaining(expected);
  }
}
