package dev.vigil.packaging;

import static dev.vigil.packaging.Packages.built;
import static dev.vigil.packaging.Packages.contents;
import static dev.vigil.packaging.Packages.field;
import static dev.vigil.packaging.Packages.ok;
import static dev.vigil.packaging.Packages.run;
import static dev.vigil.packaging.Packages.target;
import static dev.vigil.packaging.Packages.unpack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.packaging.Packages.Entry;
import dev.vigil.packaging.Packages.Run;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the console's app-image as a user would and reads its .deb. */
class ConsolePackageIT {

  @TempDir Path tmp;

  static Path appImage() {
    Path image = target().resolve("console/vigil-console");
    assumeTrue(Files.isDirectory(image), "the console app-image was not built");
    return image;
  }

  @Test
  void appImageLauncherPrintsItsVersion() throws Exception {
    String version = ok(List.of(appImage().resolve("bin/vigil-console").toString(), "--version"));
    assertThat(version).startsWith("Vigil console ").contains("protocol");
  }

  @Test
  void headlessConsoleFromTheAppImageStartsOnFreePortsAndQuits() throws Exception {
    try (Launched console =
        new Launched(
            List.of(
                appImage().resolve("bin/vigil-console").toString(),
                "--headless",
                "--tcp-port",
                "0",
                "--udp-port",
                "0",
                "--data-dir",
                tmp.resolve("data").toString()),
            Map.of())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> console.output().contains("Type 'help' for commands.") || !console.isAlive());
      assertThat(console.output())
          .contains("listening on tcp 127.0.0.1:", "Console key fingerprint");
      console.send("quit");
      assertThat(console.awaitExit(30)).as(console.output()).isZero();
      assertThat(console.output()).contains("Bye.").doesNotContain("Exception", "WARNING");
    }
  }

  @Test
  void javaFxNativeLibrariesLiveInTheRuntimeAndTheClasspathHasNoJavaFxJars() throws Exception {
    Path image = appImage();
    assertThat(image.resolve("lib/runtime/lib"))
        .isDirectoryContaining("glob:**/libglass.so")
        .isDirectoryContaining("glob:**/libglassgtk3.so")
        .isDirectoryContaining("glob:**/libprism_sw.so")
        .isDirectoryContaining("glob:**/libjavafx_font.so")
        .isDirectoryContaining("glob:**/libsqlitejdbc.so");
    assertThat(image.resolve("lib/app/lib")).isDirectoryNotContaining("glob:**/javafx-*.jar");
    assertThat(Files.readString(image.resolve("lib/app/vigil-console.cfg")))
        .doesNotContain("javafx-")
        .contains("app.mainclass=dev.vigil.console.ConsoleMain")
        .containsPattern("java-options=-Djpackage.app-version=\\d+\\.\\d+\\.\\d+\\n");
  }

  @Test
  void windowLoadsNativeLibrariesFromTheRuntimeAndWritesNothingIntoHomeOrTmp() throws Exception {
    assumeTrue(
        run(List.of("sh", "-c", "command -v xvfb-run && ldconfig -p | grep -q libgtk-3.so.0"))
                .exitCode()
            == 0,
        "xvfb-run or GTK 3 is not installed (apt-get install xvfb libgtk-3-0)");
    Path image = appImage();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
    // The launcher's own configuration, run on the bundled runtime with properties added:
    // javafx.verbose names where each native library came from; user.home and java.io.tmpdir are
    // fresh directories that must stay empty (no ~/.openjfx, no unpacked SQLite library).
    List<String> command =
        new ArrayList<>(
            List.of(
                "xvfb-run",
                "-a",
                "-s",
                "-screen 0 1280x800x24",
                image.resolve("lib/runtime/bin/java").toString()));
    List<String> cfg = Files.readAllLines(image.resolve("lib/app/vigil-console.cfg"));
    String appDir = image.resolve("lib/app").toString();
    cfg.stream()
        .filter(l -> l.startsWith("java-options="))
        .map(l -> l.substring("java-options=".length()).replace("$APPDIR", appDir))
        .forEach(command::add);
    command.add("-Djavafx.verbose=true");
    command.add("-Duser.home=" + home);
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.add("-cp");
    command.add(
        cfg.stream()
            .filter(l -> l.startsWith("app.classpath="))
            .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", appDir))
            .collect(Collectors.joining(":")));
    command.addAll(
        List.of(
            "dev.vigil.console.ConsoleMain",
            "--tcp-port",
            "0",
            "--udp-port",
            "0",
            "--data-dir",
            tmp.resolve("data").toString()));
    try (Launched console = new Launched(command, Map.of())) {
      await()
          .atMost(Duration.ofSeconds(60))
          // The font library loads when the window's first text is laid out: the scene is built.
          .until(() -> console.output().contains("libjavafx_font.so") || !console.isAlive());
      assertThat(console.isAlive()).as(console.output()).isTrue();
      assertThat(console.output())
          .contains("Loaded " + image.resolve("lib/runtime/lib/libglassgtk3.so"))
          .doesNotContain("Exception");
      // The console opens its SQLite store before the window: the library came from the runtime.
      assertThat(tmp.resolve("data")).isDirectoryContaining("glob:**/*.db");
    }
    for (Path dir : List.of(home, tmpdir)) {
      try (var files = Files.walk(dir)) {
        assertThat(files.map(dir::relativize).map(Path::toString))
            .as(dir.toString())
            .containsExactly("");
      }
    }
  }

  @Test
  void debCarriesTheAppImageAMenuEntryAnIconAndACommand() throws Exception {
    Path deb = built("vigil-console_*.deb");
    assertThat(field(deb, "Package")).isEqualTo("vigil-console");
    assertThat(field(deb, "Version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(field(deb, "Depends")).contains("libgtk-3-0");
    Map<String, Entry> files = contents(deb);
    assertThat(files.values())
        .allSatisfy(e -> assertThat(e.owner()).as(e.path()).isEqualTo("root/root"))
        .filteredOn(e -> !e.isSymlink())
        .allSatisfy(e -> assertThat(e.mode().charAt(8)).as(e.path()).isEqualTo('-'));
    assertThat(files.get("opt/vigil-console/bin/vigil-console").mode()).isEqualTo("-rwxr-xr-x");
    assertThat(files.get("usr/bin/vigil-console").linkTarget())
        .isEqualTo("/opt/vigil-console/bin/vigil-console");
    assertThat(files)
        .containsKeys(
            "opt/vigil-console/lib/runtime/lib/libglassgtk3.so",
            "usr/share/icons/hicolor/256x256/apps/vigil-console.png",
            "usr/share/doc/vigil-console/copyright");

    Path dir = unpack(deb, tmp.resolve("deb"));
    Path desktop = dir.resolve("usr/share/applications/vigil-console.desktop");
    assertThat(Files.readAllLines(desktop))
        .contains("Categories=System;Monitor;", "Exec=vigil-console", "Icon=vigil-console");
    if (run(List.of("sh", "-c", "command -v desktop-file-validate")).exitCode() == 0) {
      Run validate = run(List.of("desktop-file-validate", desktop.toString()));
      assertThat(validate.exitCode()).as(validate.output()).isZero();
    }
    assertThat(pngSize(dir.resolve("usr/share/icons/hicolor/256x256/apps/vigil-console.png")))
        .containsExactly(256, 256);
  }

  /** Width and height from a PNG's header. */
  private static int[] pngSize(Path png) throws IOException {
    try (InputStream in = Files.newInputStream(png);
        DataInputStream data = new DataInputStream(in)) {
      byte[] signature = data.readNBytes(8);
      assertThat(signature).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      data.readInt(); // IHDR length
      assertThat(new String(data.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("IHDR");
      return new int[] {data.readInt(), data.readInt()};
    }
  }
}
