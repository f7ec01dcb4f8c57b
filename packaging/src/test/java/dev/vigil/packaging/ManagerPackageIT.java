package dev.vigil.packaging;

import static dev.vigil.packaging.Packages.built;
import static dev.vigil.packaging.Packages.contents;
import static dev.vigil.packaging.Packages.field;
import static dev.vigil.packaging.Packages.ok;
import static dev.vigil.packaging.Packages.run;
import static dev.vigil.packaging.Packages.unpack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packaging.Packages.Entry;
import dev.vigil.packaging.Packages.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the manager's .deb and tarball as an administrator's machine would, and runs it. */
class ManagerPackageIT {

  private static final String HOME = "usr/lib/vigil-manager/";
  private static final String UNIT = "usr/lib/systemd/system/vigil-manager.service";

  @TempDir Path tmp;

  private Path unpacked() throws Exception {
    return unpack(built("vigil-manager_*.deb"), tmp.resolve("deb"));
  }

  private static Map<String, String> unit(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve(UNIT)).stream()
        .filter(l -> !l.startsWith("#") && l.contains("="))
        .collect(
            Collectors.toMap(
                l -> l.substring(0, l.indexOf('=')),
                l -> l.substring(l.indexOf('=') + 1),
                (a, b) -> a + "\n" + b));
  }

  @Test
  void debIsVigilManagerWithAReleaseVersionAndEveryFileRootsAndNotWorldWritable() throws Exception {
    Path deb = built("vigil-manager_*.deb");
    assertThat(field(deb, "Package")).isEqualTo("vigil-manager");
    assertThat(field(deb, "Version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(field(deb, "Depends")).contains("passwd");
    assertThat(contents(deb).values())
        .allSatisfy(e -> assertThat(e.owner()).as(e.path()).isEqualTo("root/root"))
        .filteredOn(e -> !e.isSymlink())
        .allSatisfy(
            e -> assertThat(e.mode().charAt(8)).as(e.path() + " " + e.mode()).isEqualTo('-'));
  }

  @Test
  void debHoldsTheLauncherRuntimeJarsUnitConfigAndDocsButNoJavaFx() throws Exception {
    Map<String, Entry> files = contents(built("vigil-manager_*.deb"));
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
    Path dir = unpacked();
    assertThat(Files.readAllLines(dir.resolve("DEBIAN/conffiles")))
        .containsExactly("/etc/vigil/manager.conf");
    List<String> config = Files.readAllLines(dir.resolve("etc/vigil/manager.conf"));
    assertThat(config).allMatch(line -> line.isBlank() || line.startsWith("#"));
    assertThat(config).contains("#bind = 127.0.0.1", "#tcp-port = 7470", "#operator-port = 7472");
  }

  @Test
  void unitRunsTheManagerHardenedAsItsOwnUserWithItsStateDirectory() throws Exception {
    Path dir = unpacked();
    Map<String, String> unit = unit(dir);
    String[] exec = unit.get("ExecStart").split(" ");
    assertThat(exec[0]).isEqualTo("/" + HOME + "bin/vigil-manager");
    assertThat(dir.resolve(exec[0].substring(1))).isExecutable();
    assertThat(unit.get("ExecStart"))
        .contains("--config /etc/vigil/manager.conf", "--data-dir /var/lib/vigil-manager");
    assertThat(unit)
        .containsEntry("User", "vigil-manager")
        .containsEntry("Group", "vigil-manager")
        .containsEntry("StateDirectory", "vigil-manager")
        .containsEntry("StateDirectoryMode", "0700")
        .containsEntry("ProtectSystem", "strict")
        .containsEntry("ProtectHome", "yes")
        .containsEntry("PrivateTmp", "yes")
        .containsEntry("NoNewPrivileges", "yes")
        .containsEntry("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX")
        .containsEntry("CapabilityBoundingSet", "")
        .containsEntry("RestartPreventExitStatus", "2")
        .containsEntry("WantedBy", "multi-user.target");
    assertThat(unit).doesNotContainKeys("StandardOutput", "StandardError");
  }

  @Test
  void postinstCreatesTheManagersUserAndStartsNothing() throws Exception {
    Path dir = unpacked();
    Path postinst = dir.resolve("DEBIAN/postinst");
    for (String script : List.of("postinst", "prerm", "postrm")) {
      assertThat(run(List.of("sh", "-n", dir.resolve("DEBIAN/" + script).toString())).exitCode())
          .as(script)
          .isZero();
    }
    Path stubs = Files.createDirectories(tmp.resolve("stubs"));
    Path calls = tmp.resolve("calls.log");
    for (String tool : List.of("getent", "groupadd", "useradd", "chgrp", "systemctl")) {
      Path stub = stubs.resolve(tool);
      Files.writeString(
          stub,
          "#!/bin/sh\necho \""
              + tool
              + " $*\" >> '"
              + calls
              + "'\n"
              + (tool.equals("getent") ? "exit 2\n" : "exit 0\n"));
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Map<String, String> env = Map.of("PATH", stubs + ":/usr/bin:/bin", "DPKG_ROOT", dir.toString());

    Run install = run(List.of("sh", postinst.toString(), "configure", ""), env);
    assertThat(install.exitCode()).as(install.output()).isZero();
    String made = Files.readString(calls);
    assertThat(made)
        .contains("groupadd --system vigil-manager")
        .containsPattern("useradd --system .*--home-dir /var/lib/vigil-manager .* vigil-manager")
        .contains("chgrp vigil-manager " + dir.resolve("etc/vigil/manager.conf"));
    assertThat(made).doesNotContain("enable").doesNotContainPattern("systemctl .*\\bstart\\b");
    assertThat(install.output())
        .contains(
            "listens nowhere until you configure it", "sudo systemctl enable --now vigil-manager");

    Files.delete(calls);
    Run upgrade = run(List.of("sh", postinst.toString(), "configure", "0.0.9"), env);
    assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
    assertThat(upgrade.output()).doesNotContain("listens nowhere");
    assertThat(Files.readString(calls)).doesNotContain("enable");
  }

  @Test
  void runtimeHasNoJavaFxAndNoDesktopModule() throws Exception {
    Path dir = unpacked();
    Set<String> modules =
        Arrays.stream(
                ok(List.of(dir.resolve(HOME + "runtime/bin/java").toString(), "--list-modules"))
                    .split("\n"))
            .map(l -> l.replaceFirst("@.*", "").strip())
            .filter(l -> !l.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
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
    Path dir = unpacked();
    List<String> command = new ArrayList<>();
    for (String word : unit(dir).get("ExecStart").split(" ")) {
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
    Path dir = unpacked();
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
    Path tarball = built("vigil-manager-*-linux-*.tar.gz");
    Path deb = built("vigil-manager_*.deb");
    Path out = Files.createDirectories(tmp.resolve("tar"));
    ok(List.of("tar", "-xzf", tarball.toString(), "-C", out.toString()));
    Path top;
    try (Stream<Path> dirs = Files.list(out)) {
      top = dirs.findFirst().orElseThrow();
    }
    Set<String> inTarball;
    try (Stream<Path> all = Files.walk(top)) {
      inTarball =
          all.filter(p -> !Files.isDirectory(p))
              .map(p -> top.relativize(p).toString())
              .filter(p -> !p.equals("install.sh"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> inDeb =
        contents(deb).values().stream()
            .filter(e -> !e.isDirectory())
            .map(Entry::path)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(inTarball).isEqualTo(inDeb);

    Path root = tmp.resolve("root");
    Run first = run(List.of(top.resolve("install.sh").toString(), "--root", root.toString()));
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("listens nowhere until you configure it");
    assertThat(root.resolve(UNIT)).isRegularFile();
    assertThat(Files.getPosixFilePermissions(root.resolve("etc/vigil/manager.conf")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    Path conf = root.resolve("etc/vigil/manager.conf");
    Files.writeString(conf, "bind = 0.0.0.0\n", StandardCharsets.UTF_8);
    Run again = run(List.of(top.resolve("install.sh").toString(), "--root", root.toString()));
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(Files.readString(conf)).isEqualTo("bind = 0.0.0.0\n");
    assertThat(root.resolve("etc/vigil/manager.conf.new")).isRegularFile();
  }
}
