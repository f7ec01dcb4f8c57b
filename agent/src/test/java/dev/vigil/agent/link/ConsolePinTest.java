package dev.vigil.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePinTest {
  private static final Fingerprint CONSOLE = TlsIdentity.create("console").fingerprint();
  private static final Fingerprint IMPOSTOR = TlsIdentity.create("impostor").fingerprint();

  @TempDir Path dir;

  @Test
  void theFirstKeySeenIsPinnedAndAChangedOneRefusedNamingBoth() throws Exception {
    ConsolePin pin = new ConsolePin(dir, null);
    assertThatCode(() -> pin.check().check(CONSOLE)).doesNotThrowAnyException();
    pin.trustOnFirstUse(CONSOLE);

    ConsolePin afterRestart = new ConsolePin(dir, null);
    assertThat(afterRestart.pinned()).contains(CONSOLE);
    assertThatThrownBy(() -> afterRestart.check().check(IMPOSTOR))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining(IMPOSTOR.value())
        .hasMessageContaining(CONSOLE.value())
        .hasMessageContaining("--console-fingerprint");
  }

  @Test
  void theOperatorsFingerprintReplacesThePin() throws Exception {
    new ConsolePin(dir, null).trustOnFirstUse(IMPOSTOR);
    ConsolePin pin = new ConsolePin(dir, CONSOLE);
    assertThat(pin.pinned()).contains(CONSOLE);
    assertThatCode(() -> pin.check().check(CONSOLE)).doesNotThrowAnyException();
  }

  @Test
  void aDamagedPinFileSaysWhatToDo() throws Exception {
    Files.writeString(dir.resolve("console.pin"), "not a fingerprint");
    assertThatThrownBy(() -> new ConsolePin(dir, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("delete it");
  }
}
