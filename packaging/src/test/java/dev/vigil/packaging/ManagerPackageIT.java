package dev.vigil.packaging;

import static dev.vigil.packaging.Packages.contents;
import static dev.vigil.packaging.Packages.field;
import static dev.vigil.packaging.Packages.ok;
import static dev.vigil.packaging.Packages.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packaging.Packages.Entry;
import dev.vigil.packaging.Packages.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the manager's .deb and tarball as an administrator's machine would, and runs it. */
class ManagerPackageIT {

  private static final ServicePackage MANAGER = ServicePackage.MANAGER;
  private static final String HOME = MANAGER.home();
  private static final String UNIT = MANAGER.unitPath();

  @TempDir Path tmp;

  @Test
  void debIsVigilManagerWithAReleaseVersionAndEveryFileRootsAndNotWorldWritable() throws Exception {
    Path deb = MANAGER.deb();
    assertThat(field(deb, "Package")).isEqualTo("vigil-manager");
    assertThat(field(deb, "Version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(field(deb, "Depends")).contains("passwd");
    ServicePackage.assertRootsAndNotWorldWritable(contents(deb).values());
  }

  @Test
  void debHoldsTheLauncherRuntimeJarsUnitConfigAndDocsButNoJavaFx() throws Exception {
    Map<String, Entry> files = contents(MANAGER.deb());
    assertThat(files.get(HOME + "bin/vigil-manager").mode()).isEqualTo("-rwxr-xr-x");
    assertThat(files.get(HOME + "runtime/bin/java").mode()).isEqualTo("-rwxr-xr-x");
    assertThat(files)
        .containsKeys(
            HOME + "vigil-console.jar",
            HOME + "runtime/lib/libsqlitejdbc.so",
            "usr/share/doc/vigil-manager/manager.md",
            "usr/share/doc/vigil-manager/copyright",
            "usr/share/doc/vigil-manager/changelog.gz");
    assertThat(files.get("usr/bin/vigil-manager").linkTarget())
        .isEqualTo("../lib/vigil-manager/bin/vigil-manager");
    assertThat(files.get(UNIT).mode()).isEqualTo("-rw-r--r--");
    assertThat(files.get("etc/vigil/manager.conf").mode()).isEqualTo("-rw-r-----");
    assertThat(files.keySet())
        .noneMatch(
            p -> p.contains("javafx") || p.contains("controlsfx") || p.contains("atlantafx"));
  }

  @Test
  void configIsAConffileWithEveryKeyCommentedOut() throws Exception {
    Path dir = MANAGER.unpacked(tmp);
    List<String> config = MANAGER.assertConfigIsTheOnlyConffileAndAllComments(dir);
    assertThat(config).contains("#bind = 127.0.0.1", "#tcp-port = 7470", "#operator-port = 7472");
  }

  @Test
  void unitRunsTheManagerHardenedAsItsOwnUserWithItsStateDirectory() throws Exception {
    Path dir = MANAGER.unpacked(tmp);
    assertThat(MANAGER.assertUnitRunsItHardenedAsItsUser(dir))
        .containsEntry("Group", "vigil-manager")
        .containsEntry("PrivateTmp", "yes")
        .containsEntry("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX");
  }

  @Test
  void postinstCreatesTheManagersUserAndStartsNothing() throws Exception {
    Path dir = MANAGER.unpacked(tmp);
    MANAGER.assertMaintainerScriptsAreFilledInShell(dir);
    MANAGER.assertPostinstMakesItsUserAndStartsNothing(
        dir, tmp, "listens nowhere until you configure it");
  }

  @Test
  void runtimeHasNoJavaFxAndNoDesktopModule() throws Exception {
    Path dir = MANAGER.unpacked(tmp);
    Set<String> modules = MANAGER.runtimeModules(dir);
    assertThat(modules)
        .contains("java.base", "java.net.http", "java.sql", "jdk.httpserver")
        .doesNotContain("java.desktop")
        .noneMatch(m -> m.startsWith("javafx"));
  }

  /**
   * The unit's own ExecStart, pointed at the unpacked package and a scratch state directory, on
   * free ports: the manager starts on the bundled runtime from the shipped (all commented) config,
   * prints its listeners and stops cleanly on SIGTERM with exit code 0. (Not as the unit's user:
   * that needs a real install; see packaging/README.md.)
   */
  @Test
  void theUnitsExecStartRunsTheManagerWhichStopsCleanlyOnSigterm() throws Exception {
    Path dir = MANAGER.unpacked(tmp);
    List<String> command = new ArrayList<>();
    for (String word : MANAGER.unit(dir).get("ExecStart").split(" ")) {
      command.add(
          word.replace("/usr/lib/vigil-manager", dir.resolve("usr/lib/vigil-manager").toString())
              .replace("/etc/vigil", dir.resolve("etc/vigil").toString())
              .replace("/var/lib/vigil-manager", tmp.resolve("state").toString()));
    }
    command.addAll(List.of("--tcp-port", "0", "--udp-port", "0", "--metrics-port", "0"));
    // Output to a file, not a pipe: Process.destroy() closes its pipes, losing what follows
    // SIGTERM.
    Path log = tmp.resolve("manager.out");
    Process manager =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> Files.readString(log).contains("Running until stopped") || !manager.isAlive());
      assertThat(Files.readString(log))
          .containsPattern("Vigil manager listening on tcp 127\\.0\\.0\\.1:\\d+ \\(agents\\)")
          .containsPattern("listening on udp 127\\.0\\.0\\.1:\\d+ \\(alert datagrams\\)")
          .containsPattern("listening on http 127\\.0\\.0\\.1:\\d+ \\(/metrics\\)")
          .contains("Manager key fingerprint SHA256:", "[manager]");
      manager.destroy(); // SIGTERM
      assertThat(manager.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String said = Files.readString(log);
      assertThat(manager.exitValue()).as(said).isZero();
      assertThat(said)
          .contains("Stopped")
          .doesNotContain("Exception", "\tat ", "WARNING: A restricted method");
    } finally {
      manager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(tmp.resolve("state")).isDirectory();
    try (Stream<Path> state = Files.list(tmp.resolve("state"))) {
      assertThat(state.map(p -> p.getFileName().toString())).isNotEmpty();
    }
  }

  @Test
  void aConfigMistakeIsOneSentenceWithTheFileLineAndKeyAndExitCode2() throws Exception {
    Path dir = MANAGER.unpacked(tmp);
    Path conf = tmp.resolve("manager.conf");
    Files.writeString(conf, "# edited\ntcp_prot = 7470\n", StandardCharsets.UTF_8);
    Run run =
        run(
            List.of(
                dir.resolve(HOME + "bin/vigil-manager").toString(),
                "--config",
                conf.toString(),
                "--data-dir",
                tmp.resolve("state").toString()));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output())
        .contains(conf + " line 2: unknown key 'tcp_prot' (did you mean 'tcp-port'?)")
        .doesNotContain("Exception", "\tat ");
    assertThat(ok(List.of(dir.resolve("usr/bin/vigil-manager").toString(), "--version")))
        .startsWith("Vigil manager ");
  }

  @Test
  void tarballHasTheDebsLayoutAndInstallsIntoARootKeepingAnEditedConfig() throws Exception {
    Path top = MANAGER.unpackTarballHoldingTheDebsFiles(tmp);
    Path root = tmp.resolve("root");
    MANAGER.assertInstallsIntoARootKeepingAnEditedConfig(
        top, root, "listens nowhere until you configure it");
    MANAGER.assertUninstallRemovesTheProgramAndKeepsTheConfig(top, root);
  }
}
