package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.common.UnsafePermissionsException;
import dev.vigil.protocol.tls.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console checks its key and data directory when it loads them (#16, finding 15): others who
 * may read the key or write the directory stop the start with the file and the fix, and a new data
 * directory, even an insecure console's, is the owner's only.
 */
class FilePermissionsAtStartTest {
  @TempDir Path dir;

  private static ConsoleManager console(Path data, boolean insecure) {
    return new ConsoleManager(ManagerConfig.builder(data).insecure(insecure).build());
  }

  @Test
  void aKeyOthersCanReadStopsTheStartNamingTheFileAndTheChmod() throws Exception {
    Path data = dir.resolve("console");
    try (ConsoleManager first = console(data, false)) {
      first.start();
    }
    Path key = data.resolve(TlsIdentity.KEY_FILE);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    try (ConsoleManager again = console(data, false)) {
      assertThatThrownBy(again::start)
          .isInstanceOf(UnsafePermissionsException.class)
          .hasMessage(
              key
                  + " can be read by other users (mode 0640); it holds a secret. Run: chmod 600 "
                  + key);
    }
  }

  @Test
  void aDataDirectoryOthersCanWriteStopsTheStart() throws Exception {
    Path data = Files.createDirectories(dir.resolve("console"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxr-x"));
    try (ConsoleManager console = console(data, true)) {
      assertThatThrownBy(console::start)
          .isInstanceOf(UnsafePermissionsException.class)
          .hasMessageContaining(data + " can be written by other users (mode 0775)")
          .hasMessageContaining("chmod 700 " + data);
    }
  }

  @Test
  void anInsecureConsolesNewDataDirectoryIsTheOwnersOnly() throws Exception {
    Path data = dir.resolve("lab").resolve("console");
    try (ConsoleManager console = console(data, true)) {
      console.start();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
    }
  }
}
