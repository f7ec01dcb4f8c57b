package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.link.ConsolePin;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How the agent's command line keeps trust explicit (#16, findings 4, 15 and 16): no client mode
 * without a pin or an explicit trust on first use, the token off the command line, and no start on
 * keys others can read.
 */
class TrustOptionsTest {
  private static final String FINGERPRINT = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine() {
    CommandLine cl = AgentMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return cl;
  }

  private AgentConfig resolve(String... args) throws Exception {
    CommandLine cl = commandLine();
    cl.parseArgs(args);
    return ((AgentMain) cl.getCommand()).resolve();
  }

  @Test
  void clientModeWithoutAPinRefusesToStartNamingBothWaysOut() {
    int code = commandLine().execute("--manager", "127.0.0.1:9", "--data-dir", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--manager needs --console-fingerprint SHA256:")
        .contains("--trust-on-first-use")
        .doesNotContain("Exception");
    assertThat(dir.resolve(ConsolePin.FILE)).doesNotExist();
  }

  @Test
  void aPinKeptFromAnEarlierStartOrAnExplicitTrustOnFirstUseIsEnough() throws Exception {
    AgentConfig tofu =
        resolve("--manager", "console:7470", "--data-dir", dir.toString(), "--trust-on-first-use");
    assertThat(tofu.trustOnFirstUse()).isTrue();
    assertThat(tofu.consoleFingerprint()).isNull();

    Files.writeString(dir.resolve(ConsolePin.FILE), FINGERPRINT + "\n");
    AgentConfig pinned = resolve("--manager", "console:7470", "--data-dir", dir.toString());
    assertThat(pinned.trustOnFirstUse()).isFalse();
  }

  @Test
  void theTokenComesFromAFileSoThatNoCommandLineCarriesIt() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "vgt_secret123\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    AgentConfig config =
        resolve(
            "--manager",
            "console:7470",
            "--console-fingerprint",
            FINGERPRINT,
            "--token-file",
            token.toString());
    assertThat(config.enrollmentToken()).isEqualTo("vgt_secret123");
    assertThat(err.toString()).isEmpty();

    Path conf = dir.resolve("agent.conf");
    Files.writeString(
        conf,
        "manager = console:7470\nconsole-fingerprint = " + FINGERPRINT + "\ntoken-file = " + token);
    assertThat(resolve("--config", conf.toString()).enrollmentToken()).isEqualTo("vgt_secret123");
  }

  @Test
  void aTokenFileOthersCanReadGetsAWarningAndBothTokenOptionsAreRefused() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "vgt_secret123\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    resolve(
        "--manager",
        "console:7470",
        "--console-fingerprint",
        FINGERPRINT,
        "--token-file",
        token.toString());
    assertThat(err.toString())
        .contains(token + " can be read by other users")
        .contains("chmod 600 " + token);

    int code =
        commandLine()
            .execute(
                "--manager",
                "console:7470",
                "--console-fingerprint",
                FINGERPRINT,
                "--token",
                "vgt_a",
                "--token-file",
                token.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("either --token or --token-file");
  }

  @Test
  @Timeout(60)
  void aPrivateKeyOthersCanReadStopsTheStartWithTheFileAndTheFix() throws Exception {
    Path data = dir.resolve("agent");
    AgentIdentityTestSupport.createIdentity(data);
    Path key = data.resolve(TlsIdentity.KEY_FILE);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    int code =
        commandLine()
            .execute(
                "--manager",
                "127.0.0.1:9",
                "--console-fingerprint",
                FINGERPRINT,
                "--data-dir",
                data.toString(),
                "--initial-delay",
                "0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(key + " can be read by other users (mode 0644)")
        .contains("chmod 600 " + key)
        .doesNotContain("\tat ");
  }

  @Test
  @Timeout(60)
  void aDataDirectoryOthersCanWriteStopsTheStartWithTheFix() throws Exception {
    Path data = dir.resolve("agent");
    Files.createDirectories(data);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
    int code =
        commandLine()
            .execute(
                "--manager",
                "127.0.0.1:9",
                "--console-fingerprint",
                FINGERPRINT,
                "--data-dir",
                data.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(data + " can be written by other users (mode 0777)")
        .contains("chmod 700 " + data);
  }

  @Test
  void aNewDataDirectoryAndItsFilesAreTheOwnersOnlyEvenInsecure() throws Exception {
    Path data = dir.resolve("fresh").resolve("agent");
    AgentIdentity.loadOrCreate(data);
    new dev.vigil.agent.outbox.Outbox(data, 10);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("outbox"))))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("agent-id"))))
        .isEqualTo("rw-------");
  }

  /** Makes a data directory with an identity in it, as a first start would. */
  private static final class AgentIdentityTestSupport {
    static void createIdentity(Path data) throws Exception {
      AgentIdentity.loadOrCreate(data);
      TlsIdentity.loadOrCreate(data, "test");
    }
  }
}
