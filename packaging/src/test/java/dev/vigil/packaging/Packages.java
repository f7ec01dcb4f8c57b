package dev.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds what packaging/build.sh built and reads .deb files through dpkg-deb; for tests only. */
final class Packages {

  private Packages() {}

  /** One line of {@code dpkg-deb -c}: a path in the package with its mode, owner and target. */
  record Entry(String mode, String owner, long size, String path, String linkTarget) {
    boolean isDirectory() {
      return mode.startsWith("d");
    }

    boolean isSymlink() {
      return mode.startsWith("l");
    }
  }

  /** The result of a command that ran to its end. */
  record Run(int exitCode, String output) {}

  static Path target() {
    String dir = System.getProperty("vigil.packages");
    assertThat(dir).as("system property vigil.packages (set by packaging/pom.xml)").isNotNull();
    return Path.of(dir);
  }

  /** The one file in target/ whose name matches, or the test is skipped as "not built". */
  static Path built(String glob) throws IOException {
    List<Path> found;
    try (Stream<Path> files = Files.list(target())) {
      var matcher = target().getFileSystem().getPathMatcher("glob:" + glob);
      found = files.filter(p -> matcher.matches(p.getFileName())).toList();
    }
    assumeTrue(!found.isEmpty(), glob + " was not built (see vigil.package.targets)");
    assertThat(found).as("packages matching " + glob).hasSize(1);
    return found.getFirst();
  }

  static Run run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  static Run run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static String ok(List<String> command) throws IOException, InterruptedException {
    Run run = run(command);
    assertThat(run.exitCode()).as(command + " said:\n" + run.output()).isZero();
    return run.output();
  }

  private static final Pattern LISTING =
      Pattern.compile("^(\\S{10})\\s+(\\S+)\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+\\./(.*?)(?: -> (.*))?$");

  /** The files of a package by path (without the leading "./"; directories end in "/"). */
  static Map<String, Entry> contents(Path deb) throws IOException, InterruptedException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String line : ok(List.of("dpkg-deb", "-c", deb.toString())).split("\n")) {
      Matcher m = LISTING.matcher(line);
      assertThat(m.matches()).as("dpkg-deb -c line '%s'", line).isTrue();
      entries.put(
          m.group(4),
          new Entry(m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4), m.group(5)));
    }
    return entries;
  }

  static String field(Path deb, String name) throws IOException, InterruptedException {
    return ok(List.of("dpkg-deb", "-f", deb.toString(), name)).strip();
  }

  /** Unpacks the control files (DEBIAN/) and the file system into dir/DEBIAN and dir/. */
  static Path unpack(Path deb, Path dir) throws IOException, InterruptedException {
    ok(List.of("dpkg-deb", "-R", deb.toString(), dir.toString()));
    return dir;
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }
}
