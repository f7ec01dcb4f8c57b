package dev.vigil.packaging;

import static dev.vigil.packaging.Packages.contents;
import static dev.vigil.packaging.Packages.field;
import static dev.vigil.packaging.Packages.ok;
import static dev.vigil.packaging.Packages.run;
import static dev.vigil.packaging.Packages.unpack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.Packages.Entry;
import dev.vigil.packaging.Packages.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the agent's .deb and tarball as an administrator's machine would see them. */
class AgentPackageIT {
  private static final ServicePackage AGENT = ServicePackage.AGENT;
  private static final String HOME = AGENT.home();

  @TempDir Path tmp;

  @Test
  void debCarriesAReleaseVersionWithoutSnapshot() throws Exception {
    Path deb = AGENT.deb();
    assertThat(field(deb, "Package")).isEqualTo("vigil-agent");
    assertThat(field(deb, "Version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(deb.getFileName().toString())
        .isEqualTo(
            "vigil-agent_" + field(deb, "Version") + "_" + field(deb, "Architecture") + ".deb");
    assertThat(field(deb, "Depends")).contains("passwd");
  }

  @Test
  void everyFileBelongsToRootAndNoneIsWritableByOthers() throws Exception {
    ServicePackage.assertRootsAndNotWorldWritable(contents(AGENT.deb()).values());
  }

  @Test
  void debHoldsTheRuntimeLauncherUnitAndConfigWhereTheUnitExpectsThem() throws Exception {
    Map<String, Entry> files = contents(AGENT.deb());
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
    Path deb = AGENT.deb();
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
    Path dir = AGENT.unpacked(tmp);
    List<String> config = AGENT.assertConfigIsTheOnlyConffileAndAllComments(dir);
    assertThat(config).contains("#manager = console.example.org:7470", "#token = vgt_...");
  }

  @Test
  void unitRunsTheAgentHardenedAsVigilWithItsStateDirectoryAndTheJournal() throws Exception {
    Path dir = AGENT.unpacked(tmp);
    Map<String, String> unit = AGENT.assertUnitRunsItHardenedAsItsUser(dir);
    assertThat(unit.get("Environment")).contains("JAVA_OPTS=-Xmx32m");
  }

  @Test
  void postinstCreatesTheVigilUserAndStartsNothing() throws Exception {
    Path dir = AGENT.unpacked(tmp);
    AGENT.assertMaintainerScriptsAreFilledInShell(dir);
    AGENT.assertPostinstMakesItsUserAndStartsNothing(
        dir, tmp, "sends nothing until you configure it");
  }

  @Test
  void runtimeHoldsOnlyTheModulesTheAgentNeeds() throws Exception {
    Path dir = AGENT.unpacked(tmp);
    Set<String> modules = AGENT.runtimeModules(dir);
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
    Path dir = AGENT.unpacked(tmp);
    String version = ok(List.of(dir.resolve("usr/bin/vigil-agent").toString(), "--version"));
    assertThat(version).startsWith("Vigil agent ").contains("protocol");
  }

  @Test
  void unconfiguredAgentSendsNothingAndSaysWhatIsMissing() throws Exception {
    Path dir = AGENT.unpacked(tmp);
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
    Path top = AGENT.unpackTarballHoldingTheDebsFiles(tmp);
    Path root = tmp.resolve("root");
    AGENT.assertInstallsIntoARootKeepingAnEditedConfig(
        top, root, "sends nothing until you configure it");
    AGENT.assertUninstallRemovesTheProgramAndKeepsTheConfig(top, root);
  }
}
