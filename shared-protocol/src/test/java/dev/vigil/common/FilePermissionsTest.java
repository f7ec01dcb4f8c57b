package dev.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only state (#16, findings 14 and 15): how it is written, and what is refused at load. */
class FilePermissionsTest {
  @TempDir Path dir;

  @Test
  void aDurableWriteIsOwnerOnlyCompleteAndLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("state");
    DataDirectories.writeDurably(file, "one".getBytes());
    DataDirectories.writePrivately(file, "two");
    assertThat(file).hasContent("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("state.tmp")).doesNotExist();
    assertThatCode(() -> FilePermissions.requirePrivateFile(file)).doesNotThrowAnyException();
  }

  @Test
  void aSecretOthersMayReadAndADirectoryOthersMayWriteAreRefusedWithTheFix() throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), "secret");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));
    assertThatThrownBy(() -> FilePermissions.requirePrivateFile(key))
        .isInstanceOf(UnsafePermissionsException.class)
        .hasMessageContaining("(mode 0604)")
        .hasMessageEndingWith("Run: chmod 600 " + key);

    Path data = Files.createDirectories(dir.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatCode(() -> DataDirectories.createPrivate(data)).doesNotThrowAnyException();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx-w----"));
    assertThatThrownBy(() -> DataDirectories.createPrivate(data))
        .isInstanceOf(UnsafePermissionsException.class)
        .hasMessageEndingWith("Run: chmod 700 " + data);

    Path fresh = DataDirectories.createPrivate(dir.resolve("a").resolve("b"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
        .isEqualTo("rwx------");
  }
}
