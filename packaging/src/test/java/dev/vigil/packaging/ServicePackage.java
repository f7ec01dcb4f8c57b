package dev.vigil.packaging;

import static dev.vigil.packaging.Packages.built;
import static dev.vigil.packaging.Packages.contents;
import static dev.vigil.packaging.Packages.ok;
import static dev.vigil.packaging.Packages.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.Packages.Entry;
import dev.vigil.packaging.Packages.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the agent's and the manager's packages have in common, checked the same way for both: a .deb
 * with a systemd unit, a config in /etc/vigil, a postinst that makes a user, and a tarball whose
 * install.sh installs the .deb's files. For tests only; immutable.
 *
 * @param name the package, {@code vigil-agent} or {@code vigil-manager}
 * @param conf its config file's name in /etc/vigil
 * @param user the system user (and group) its unit runs as
 */
record ServicePackage(String name, String conf, String user) {
  static final ServicePackage AGENT = new ServicePackage("vigil-agent", "agent.conf", "vigil");
  static final ServicePackage MANAGER =
      new ServicePackage("vigil-manager", "manager.conf", "vigil-manager");

  /** The files of the tarball that are not the .deb's: the installer and what it sources. */
  static final Set<String> INSTALLERS = Set.of("install.sh", "install-lib.sh");

  /** Where the package's program lives, ending in "/". */
  String home() {
    return "usr/lib/" + name + "/";
  }

  /** The unit's path in the package. */
  String unitPath() {
    return "usr/lib/systemd/system/" + name + ".service";
  }

  /** The config's path in the package. */
  String confPath() {
    return "etc/vigil/" + conf;
  }

  /** What messages call it: {@code Vigil agent}. */
  String title() {
    return "Vigil " + name.substring("vigil-".length());
  }

  Path deb() throws Exception {
    return built(name + "_*.deb");
  }

  Path tarball() throws Exception {
    return built(name + "-*-linux-*.tar.gz");
  }

  /** The .deb unpacked into {@code scratch}/deb: its control files in DEBIAN/, its files below. */
  Path unpacked(Path scratch) throws Exception {
    return Packages.unpack(deb(), scratch.resolve("deb"));
  }

  /** The unit's settings by key; a key given twice has its values on separate lines. */
  Map<String, String> unit(Path unpacked) throws Exception {
    return Files.readAllLines(unpacked.resolve(unitPath())).stream()
        .filter(l -> !l.startsWith("#") && l.contains("="))
        .collect(
            Collectors.toMap(
                l -> l.substring(0, l.indexOf('=')),
                l -> l.substring(l.indexOf('=') + 1),
                (a, b) -> a + "\n" + b));
  }

  /** The config is the package's one conffile and every line of it a comment; its lines. */
  List<String> assertConfigIsTheOnlyConffileAndAllComments(Path unpacked) throws Exception {
    assertThat(Files.readAllLines(unpacked.resolve("DEBIAN/conffiles")))
        .containsExactly("/" + confPath());
    List<String> config = Files.readAllLines(unpacked.resolve(confPath()));
    assertThat(config).allMatch(line -> line.isBlank() || line.startsWith("#"));
    return config;
  }

  /**
   * The unit starts the packaged launcher with the config and the state directory, as the package's
   * user, hardened, logging to the journal, and not restarting on a bad config (exit code 2); its
   * settings, for what only this package's unit says.
   */
  Map<String, String> assertUnitRunsItHardenedAsItsUser(Path unpacked) throws Exception {
    Map<String, String> unit = unit(unpacked);
    String[] exec = unit.get("ExecStart").split(" ");
    assertThat(exec[0]).isEqualTo("/" + home() + "bin/" + name);
    assertThat(unpacked.resolve(exec[0].substring(1))).isExecutable();
    assertThat(unit.get("ExecStart"))
        .contains("--config /" + confPath(), "--data-dir /var/lib/" + name);
    assertThat(unit)
        .containsEntry("User", user)
        .containsEntry("StateDirectory", name)
        .containsEntry("StateDirectoryMode", "0700")
        .containsEntry("ProtectSystem", "strict")
        .containsEntry("ProtectHome", "yes")
        .containsEntry("NoNewPrivileges", "yes")
        .containsEntry("CapabilityBoundingSet", "")
        .containsEntry("RestartPreventExitStatus", "2")
        .containsEntry("WantedBy", "multi-user.target");
    // Standard output and error go to the journal: nothing redirects them.
    assertThat(unit).doesNotContainKeys("StandardOutput", "StandardError");
    return unit;
  }

  /**
   * The postinst, against stand-ins, makes the package's user and group and gives the config to the
   * group; a first install prints {@code says} and how to enable the unit, an upgrade prints
   * nothing of it; neither enables nor starts anything.
   */
  void assertPostinstMakesItsUserAndStartsNothing(Path unpacked, Path scratch, String says)
      throws Exception {
    Postinst install = postinst(unpacked, scratch, "");
    assertThat(install.calls())
        .contains("groupadd --system " + user)
        .containsPattern("useradd --system .*--home-dir /var/lib/" + name + " .* " + user)
        .contains("chgrp " + user + " " + unpacked.resolve(confPath()))
        .doesNotContain("enable")
        .doesNotContainPattern("systemctl .*\\bstart\\b");
    assertThat(install.run().output()).contains(says, "sudo systemctl enable --now " + name);

    Postinst upgrade = postinst(unpacked, scratch, "0.0.9");
    assertThat(upgrade.run().output()).doesNotContain(says);
    assertThat(upgrade.calls())
        .doesNotContain("enable")
        .doesNotContainPattern("systemctl .*\\bstart\\b");
  }

  /** The modules of the bundled runtime, by name, as its own java lists them. */
  Set<String> runtimeModules(Path unpacked) throws Exception {
    return Arrays.stream(
            ok(List.of(unpacked.resolve(home() + "runtime/bin/java").toString(), "--list-modules"))
                .split("\n"))
        .map(l -> l.replaceFirst("@.*", "").strip())
        .filter(l -> !l.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every entry is root's and, but for symlinks, not writable by others. */
  static void assertRootsAndNotWorldWritable(Collection<Entry> entries) {
    assertThat(entries)
        .allSatisfy(e -> assertThat(e.owner()).as(e.path()).isEqualTo("root/root"))
        .filteredOn(e -> !e.isSymlink())
        .allSatisfy(
            e -> assertThat(e.mode().charAt(8)).as(e.path() + " " + e.mode()).isEqualTo('-'));
  }

  /**
   * The unpacked package's postinst, prerm and postrm (build.sh fills them in from
   * packaging/debian/common) are shell that {@code sh -n} reads, name the package and have no
   * placeholder left.
   */
  void assertMaintainerScriptsAreFilledInShell(Path unpacked) throws Exception {
    for (String script : List.of("postinst", "prerm", "postrm")) {
      Path file = unpacked.resolve("DEBIAN/" + script);
      assertThat(run(List.of("sh", "-n", file.toString())).exitCode()).as(script).isZero();
      assertThat(Files.readString(file))
          .as(script)
          .startsWith("#!/bin/sh\n# " + name + " " + script + ": ")
          .doesNotContainPattern("@[A-Z_]+@");
    }
  }

  /**
   * What the unpacked package's postinst printed and asked of the system, run with stand-ins for
   * getent (nobody exists yet), groupadd, useradd, chgrp and systemctl.
   *
   * @param calls the stand-ins' calls, one line each: {@code useradd --system ...}
   */
  record Postinst(Run run, String calls) {}

  /** Runs {@code DEBIAN/postinst configure PREVIOUS} ("" for a first install) against stand-ins. */
  static Postinst postinst(Path unpacked, Path scratch, String previous) throws Exception {
    Path stubs = Files.createDirectories(scratch.resolve("stubs"));
    Path calls = scratch.resolve("calls.log");
    Files.deleteIfExists(calls);
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
    Map<String, String> env =
        Map.of("PATH", stubs + ":/usr/bin:/bin", "DPKG_ROOT", unpacked.toString());
    Run run =
        run(
            List.of("sh", unpacked.resolve("DEBIAN/postinst").toString(), "configure", previous),
            env);
    assertThat(run.exitCode()).as(run.output()).isZero();
    return new Postinst(run, Files.exists(calls) ? Files.readString(calls) : "");
  }

  /**
   * Unpacks the tarball into {@code scratch}, checks that its one directory is named after it and
   * holds exactly the .deb's files and the installers, and returns that directory.
   */
  Path unpackTarballHoldingTheDebsFiles(Path scratch) throws Exception {
    Path tarball = tarball();
    Path out = Files.createDirectories(scratch.resolve("tar"));
    ok(List.of("tar", "-xzf", tarball.toString(), "-C", out.toString()));
    Path top;
    try (Stream<Path> dirs = Files.list(out)) {
      top = dirs.findFirst().orElseThrow();
    }
    assertThat(top.getFileName().toString())
        .isEqualTo(tarball.getFileName().toString().replace(".tar.gz", ""));
    Set<String> inTarball;
    try (Stream<Path> all = Files.walk(top)) {
      inTarball =
          all.filter(p -> !Files.isDirectory(p))
              .map(p -> top.relativize(p).toString())
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(inTarball).containsAll(INSTALLERS);
    inTarball.removeAll(INSTALLERS);
    Set<String> inDeb =
        contents(deb()).values().stream()
            .filter(e -> !e.isDirectory())
            .map(Entry::path)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(inTarball).isEqualTo(inDeb);
    return top;
  }

  /**
   * Runs the tarball's {@code install.sh --root ROOT} twice with the config edited in between: the
   * first run installs the unit, the launcher and the config (mode 0640) and prints {@code says};
   * the second keeps the edited config and leaves the new defaults beside it.
   */
  void assertInstallsIntoARootKeepingAnEditedConfig(Path top, Path root, String says)
      throws Exception {
    Path installer = top.resolve("install.sh");
    Run first = run(List.of(installer.toString(), "--root", root.toString()));
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output())
        .contains(says, "installed in " + root)
        .contains("Without systemd: sudo -u ")
        .doesNotContain("@NEXT_STEPS@");
    assertThat(root.resolve(unitPath())).isRegularFile();
    assertThat(Files.getPosixFilePermissions(root.resolve(confPath())))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(ok(List.of(root.resolve("usr/bin/" + name).toString(), "--version")))
        .startsWith(title() + " ");

    Path config = root.resolve(confPath());
    Files.writeString(config, "# edited\n", StandardCharsets.UTF_8);
    Run again = run(List.of(installer.toString(), "--root", root.toString()));
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("Kept your " + config);
    assertThat(Files.readString(config)).isEqualTo("# edited\n");
    assertThat(root.resolve(confPath() + ".new")).isRegularFile();
  }

  /**
   * Runs the tarball's {@code install.sh --help}, then {@code --uninstall} on what it installed in
   * {@code root}: the program, its command and its unit go, the config stays.
   */
  void assertUninstallRemovesTheProgramAndKeepsTheConfig(Path top, Path root) throws Exception {
    Path installer = top.resolve("install.sh");
    Run help = run(List.of(installer.toString(), "--help"));
    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output()).contains("--uninstall", "/etc/vigil/" + conf, "/var/lib/" + name);
    Run wrong = run(List.of(installer.toString(), "--colour"));
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.output()).contains("install.sh: unknown option '--colour'");

    Run removed = run(List.of(installer.toString(), "--root", root.toString(), "--uninstall"));
    assertThat(removed.exitCode()).as(removed.output()).isZero();
    assertThat(removed.output()).contains("Removed the " + title() + ". Kept: ");
    assertThat(root.resolve(home())).doesNotExist();
    assertThat(root.resolve(unitPath())).doesNotExist();
    assertThat(Files.exists(root.resolve("usr/bin/" + name), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(root.resolve(confPath())).isRegularFile();
  }
}
