package dev.vigil.packaging;

import static dev.vigil.packaging.Packages.built;
import static dev.vigil.packaging.Packages.contents;
import static dev.vigil.packaging.Packages.field;
import static dev.vigil.packaging.Packages.ok;
import static dev.vigil.packaging.Packages.run;
import static dev.vigil.packaging.Packages.unpack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.Packages.Entry;
import dev.vigil.packaging.Packages.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the agent's .deb and tarball as an administrator's machine would see them. */
class AgentPackageIT {

  private static final String HOME = "usr/lib/vigil-agent/";

  @TempDir Path tmp;

  @Test
  void debCarriesAReleaseVersionWithoutSnapshot() throws Exception {
    Path deb = built("vigil-agent_*.deb");
    assertThat(field(deb, "Package")).isEqualTo("vigil-agent");
    assertThat(field(deb, "Version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(deb.getFileName().toString())
        .isEqualTo(
            "vigil-agent_" + field(deb, "Version") + "_" + field(deb, "Architecture") + ".deb");
    assertThat(field(deb, "Depends")).contains("passwd");
  }

  @Test
  void everyFileBelongsToRootAndNoneIsWritableByOthers() throws Exception {
    Map<String, Entry> files = contents(built("vigil-agent_*.deb"));
    assertThat(files.values())
        .allSatisfy(e -> assertThat(e.owner()).as(e.path()).isEqualTo("root/root"))
        .filteredOn(e -> !e.isSymlink())
        .allSatisfy(
            e -> assertThat(e.mode().charAt(8)).as(e.path() + " " + e.mode()).isEqualTo('-'));
  }

  @Test
  void debHoldsTheRuntimeLauncherUnitAndConfigWhereTheUnitExpectsThem() throws Exception {
    Map<String, Entry> files = contents(built("vigil-agent_*.deb"));
    assertThat(files.get(HOME + "bin/vigil-agent").mode()).isEqualTo("-rwxr-xr-x");
    assertThat(files.get(HOME + "runtime/bin/java").mode()).isEqualTo("-rwxr-xr-x");
    // The JVM starts restart/shutdown commands through it.
    assertThat(files.get(HOME + "runtime/lib/jspawnhelper").mode()).isEqualTo("-rwxr-xr-x");
    assertThat(files).containsKeys(HOME + "vigil-agent.jar", HOME + "lib/native/libjnidispatch.so");
    assertThat(files.get("usr/bin/vigil-agent").isSymlink()).isTrue();
    assertThat(files.get("usr/bin/vigil-agent").linkTarget())
        .isEqualTo("../lib/vigil-agent/bin/vigil-agent");
    assertThat(files.get("usr/lib/systemd/system/vigil-agent.service").mode())
        .isEqualTo("-rw-r--r--");
    // The config may hold an enrollment token: not readable by every user.
    assertThat(files.get("etc/vigil/agent.conf").mode()).isEqualTo("-rw-r-----");
    assertThat(files)
        .containsKeys(
            "usr/share/doc/vigil-agent/copyright",
            "usr/share/doc/vigil-agent/agent.md",
            "usr/share/doc/vigil-agent/examples/50-vigil-agent.rules");
    // Power actions stay off: the polkit rule is an example, never active on install.
    assertThat(files.keySet()).noneMatch(p -> p.contains("polkit-1/"));
    assertThat(files.keySet()).noneMatch(p -> p.contains("javafx"));
  }

  @Test
  void md5sumsListEveryFileAndTheDocsHaveAChangelog() throws Exception {
    Path deb = built("vigil-agent_*.deb");
    Set<String> files =
        contents(deb).values().stream()
            .filter(e -> !e.isDirectory() && !e.isSymlink())
            .map(Entry::path)
            .collect(Collectors.toCollection(TreeSet::new));
    Path dir = unpack(deb, tmp.resolve("deb"));
    Set<String> summed =
        Files.readAllLines(dir.resolve("DEBIAN/md5sums")).stream()
            .map(l -> l.substring(l.indexOf("  ") + 2))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(summed).isEqualTo(files).contains("usr/share/doc/vigil-agent/changelog.gz");
    // Native code ships stripped (where build.sh found binutils' strip) and libraries are not
    // executable, as Debian wants.
    if (run(List.of("sh", "-c", "command -v strip && command -v file")).exitCode() == 0) {
      assertThat(
              ok(
                  List.of(
                      "file", "-L", dir.resolve(HOME + "runtime/lib/server/libjvm.so").toString())))
          .contains(", stripped");
    }
    assertThat(contents(deb).get(HOME + "runtime/lib/server/libjvm.so").mode())
        .isEqualTo("-rw-r--r--");
  }

  @Test
  void configIsAConffileWithEveryDefaultCommentedOut() throws Exception {
    Path dir = unpack(built("vigil-agent_*.deb"), tmp.resolve("deb"));
    assertThat(Files.readAllLines(dir.resolve("DEBIAN/conffiles")))
        .containsExactly("/etc/vigil/agent.conf");
    List<String> config = Files.readAllLines(dir.resolve("etc/vigil/agent.conf"));
    assertThat(config).allMatch(line -> line.isBlank() || line.startsWith("#"));
    assertThat(config).contains("#manager = console.example.org:7470", "#token = vgt_...");
  }

  @Test
  void unitRunsTheAgentHardenedAsVigilWithItsStateDirectoryAndTheJournal() throws Exception {
    Path dir = unpack(built("vigil-agent_*.deb"), tmp.resolve("deb"));
    Map<String, String> unit =
        Files.readAllLines(dir.resolve("usr/lib/systemd/system/vigil-agent.service")).stream()
            .filter(l -> !l.startsWith("#") && l.contains("="))
            .collect(
                Collectors.toMap(
                    l -> l.substring(0, l.indexOf('=')),
                    l -> l.substring(l.indexOf('=') + 1),
                    (a, b) -> a + "\n" + b));
    String[] exec = unit.get("ExecStart").split(" ");
    assertThat(exec[0]).isEqualTo("/" + HOME + "bin/vigil-agent");
    assertThat(dir.resolve(exec[0].substring(1))).isExecutable();
    assertThat(unit.get("ExecStart"))
        .contains("--config /etc/vigil/agent.conf", "--data-dir /var/lib/vigil-agent");
    assertThat(unit)
        .containsEntry("User", "vigil")
        .containsEntry("StateDirectory", "vigil-agent")
        .containsEntry("StateDirectoryMode", "0700")
        .containsEntry("ProtectSystem", "strict")
        .containsEntry("ProtectHome", "yes")
        .containsEntry("NoNewPrivileges", "yes")
        .containsEntry("CapabilityBoundingSet", "")
        .containsEntry("RestartPreventExitStatus", "2")
        .containsEntry("WantedBy", "multi-user.target");
    // Standard output and error go to the journal: nothing redirects them.
    assertThat(unit).doesNotContainKeys("StandardOutput", "StandardError");
    assertThat(unit.get("Environment")).contains("JAVA_OPTS=-Xmx32m");
  }

  @Test
  void postinstCreatesTheVigilUserAndStartsNothing() throws Exception {
    Path dir = unpack(built("vigil-agent_*.deb"), tmp.resolve("deb"));
    Path postinst = dir.resolve("DEBIAN/postinst");
    assertThat(run(List.of("sh", "-n", postinst.toString())).exitCode()).isZero();

    // Stand-ins record what postinst asks of the system; /etc is the unpacked package's.
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
        .contains("groupadd --system vigil")
        .containsPattern("useradd --system .* vigil");
    assertThat(made).contains("chgrp vigil " + dir.resolve("etc/vigil/agent.conf"));
    assertThat(made).doesNotContain("enable").doesNotContainPattern("systemctl .*\\bstart\\b");
    assertThat(install.output())
        .contains(
            "sends nothing until you configure it", "sudo systemctl enable --now vigil-agent");

    Files.delete(calls);
    Run upgrade = run(List.of("sh", postinst.toString(), "configure", "0.0.9"), env);
    assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
    assertThat(upgrade.output()).doesNotContain("sends nothing");
    assertThat(Files.readString(calls))
        .doesNotContain("enable")
        .doesNotContainPattern("systemctl .*\\bstart\\b");
  }

  @Test
  void runtimeHoldsOnlyTheModulesTheAgentNeeds() throws Exception {
    Path dir = unpack(built("vigil-agent_*.deb"), tmp.resolve("deb"));
    Set<String> modules =
        Arrays.stream(
                ok(List.of(dir.resolve(HOME + "runtime/bin/java").toString(), "--list-modules"))
                    .split("\n"))
            .map(l -> l.replaceFirst("@.*", "").strip())
            .filter(l -> !l.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
    modules.remove("jdk.crypto.ec"); // only a module of its own before JDK 22
    assertThat(modules)
        .containsExactly(
            "java.base",
            "java.logging",
            "java.management",
            "java.naming",
            "java.security.sasl",
            "java.xml",
            "jdk.unsupported");
  }

  @Test
  void installedLauncherRunsOnTheBundledRuntime() throws Exception {
    Path dir = unpack(built("vigil-agent_*.deb"), tmp.resolve("deb"));
    String version = ok(List.of(dir.resolve("usr/bin/vigil-agent").toString(), "--version"));
    assertThat(version).startsWith("Vigil agent ").contains("protocol");
  }

  @Test
  void unconfiguredAgentSendsNothingAndSaysWhatIsMissing() throws Exception {
    Path dir = unpack(built("vigil-agent_*.deb"), tmp.resolve("deb"));
    Run run =
        run(
            List.of(
                dir.resolve(HOME + "bin/vigil-agent").toString(),
                "--config",
                dir.resolve("etc/vigil/agent.conf").toString(),
                "--data-dir",
                tmp.resolve("state").toString()));
    // Exit code 2 is the unit's RestartPreventExitStatus: one failure in the journal, no loop.
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output())
        .contains("--manager HOST:PORT", "Run 'vigil-agent --help'")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void tarballHasTheDebsLayoutAndInstallsIntoARootKeepingAnEditedConfig() throws Exception {
    Path tarball = built("vigil-agent-*-linux-*.tar.gz");
    Path deb = built("vigil-agent_*.deb");
    Path unpacked = Files.createDirectories(tmp.resolve("tar"));
    ok(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()));
    Path top;
    try (Stream<Path> dirs = Files.list(unpacked)) {
      top = dirs.findFirst().orElseThrow();
    }
    assertThat(top.getFileName().toString())
        .isEqualTo(tarball.getFileName().toString().replace(".tar.gz", ""));
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
    assertThat(first.output()).contains("sends nothing until you configure it");
    assertThat(root.resolve("usr/lib/systemd/system/vigil-agent.service")).isRegularFile();
    assertThat(Files.getPosixFilePermissions(root.resolve("etc/vigil/agent.conf")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(ok(List.of(root.resolve("usr/bin/vigil-agent").toString(), "--version")))
        .startsWith("Vigil agent ");

    Path conf = root.resolve("etc/vigil/agent.conf");
    Files.writeString(conf, "manager = console.example.org:7470\n", StandardCharsets.UTF_8);
    Run again = run(List.of(top.resolve("install.sh").toString(), "--root", root.toString()));
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(Files.readString(conf)).isEqualTo("manager = console.example.org:7470\n");
    assertThat(root.resolve("etc/vigil/agent.conf.new")).isRegularFile();
  }
}
