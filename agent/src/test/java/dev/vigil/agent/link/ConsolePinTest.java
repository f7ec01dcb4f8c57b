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
  void underTrustOnFirstUseTheFirstWelcomingKeyIsPinnedAndAChangedOneRefusedNamingBoth()
      throws Exception {
    ConsolePin pin = new ConsolePin(dir, null, true);
    assertThatCode(() -> pin.check().check(CONSOLE)).doesNotThrowAnyException();
    assertThat(dir.resolve(ConsolePin.FILE)).doesNotExist();
    pin.welcomed(CONSOLE);

    ConsolePin afterRestart = new ConsolePin(dir, null, false);
    assertThat(afterRestart.pinned()).contains(CONSOLE);
    assertThatThrownBy(() -> afterRestart.check().check(IMPOSTOR))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining(IMPOSTOR.value())
        .hasMessageContaining(CONSOLE.value())
        .hasMessageContaining("--console-fingerprint");
  }

  @Test
  void withoutAPinAndWithoutTrustOnFirstUseEveryConsoleIsRefusedSayingWhatToPass()
      throws Exception {
    ConsolePin pin = new ConsolePin(dir, null, false);
    assertThatThrownBy(() -> pin.check().check(IMPOSTOR))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("--console-fingerprint")
        .hasMessageContaining("--trust-on-first-use");
    pin.welcomed(IMPOSTOR);
    assertThat(pin.pinned()).isEmpty();
    assertThat(dir.resolve(ConsolePin.FILE)).doesNotExist();
  }

  @Test
  void theOperatorsFingerprintReplacesThePin() throws Exception {
    new ConsolePin(dir, null, true).welcomed(IMPOSTOR);
    ConsolePin pin = new ConsolePin(dir, CONSOLE, false);
    assertThat(pin.pinned()).contains(CONSOLE);
    assertThatCode(() -> pin.check().check(CONSOLE)).doesNotThrowAnyException();
  }

  @Test
  void aDamagedPinFileSaysWhatToDo() throws Exception {
    Files.writeString(dir.resolve("console.pin"), "not a fingerprint");
    assertThatThrownBy(() -> new ConsolePin(dir, null, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("delete it");
  }
}
