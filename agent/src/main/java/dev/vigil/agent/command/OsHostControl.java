package dev.vigil.agent.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Really restarts, powers off and kills, with each operating system's own tools: systemd on Linux,
 * {@code shutdown} on macOS and Windows; processes through {@link ProcessHandle} everywhere.
 */
public final class OsHostControl implements HostControl {
  /** The command lines for one operating system. */
  record PowerCommands(List<String> restart, List<String> shutdown) {}

  private final PowerCommands commands;
  private final Supplier<Optional<Instant>> bootTime;
  private final String systemctl;

  /**
   * @param bootTime when the machine booted, as the agent's probe reads it
   */
  public OsHostControl(Supplier<Optional<Instant>> bootTime) {
    this(forThisSystem(), bootTime);
  }

  OsHostControl(PowerCommands commands, Supplier<Optional<Instant>> bootTime) {
    this(commands, bootTime, "systemctl");
  }

  /**
   * @param systemctl the program that restarts services: {@code systemctl} on the PATH, or a test's
   *     stand-in
   */
  OsHostControl(PowerCommands commands, Supplier<Optional<Instant>> bootTime, String systemctl) {
    this.commands = commands;
    this.bootTime = bootTime;
    this.systemctl = systemctl;
  }

  /** A control whose service restarts run {@code systemctl}, a test's stand-in for it. */
  public static OsHostControl withSystemctl(String systemctl) {
    return new OsHostControl(forThisSystem(), Optional::empty, systemctl);
  }

  /**
   * What restart-service runs: a fixed argument vector, no shell, the unit last (a canonical name,
   * which never starts with '-', so systemctl cannot read it as an option).
   */
  static List<String> restartServiceCommandLine(String systemctl, String unit) {
    return List.of(systemctl, "restart", unit);
  }

  static PowerCommands forThisSystem() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return new PowerCommands(
          List.of("shutdown", "/r", "/t", "0"), List.of("shutdown", "/s", "/t", "0"));
    }
    if (os.contains("mac")) {
      return new PowerCommands(List.of("shutdown", "-r", "now"), List.of("shutdown", "-h", "now"));
    }
    return new PowerCommands(List.of("systemctl", "reboot"), List.of("systemctl", "poweroff"));
  }

  /** What restart would run here. */
  public static List<String> restartCommandLine() {
    return forThisSystem().restart();
  }

  /** What shutdown would run here. */
  public static List<String> shutdownCommandLine() {
    return forThisSystem().shutdown();
  }

  @Override
  public String restart() throws CommandFailedException {
    return run(commands.restart());
  }

  @Override
  public String shutdown() throws CommandFailedException {
    return run(commands.shutdown());
  }

  @Override
  public String restartService(String unit) throws CommandFailedException {
    return run(restartServiceCommandLine(systemctl, unit));
  }

  @Override
  public String kill(long pid) throws CommandFailedException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      throw new CommandFailedException("there is no process " + pid);
    }
    if (pid == ProcessHandle.current().pid()) {
      throw new CommandFailedException("the agent does not kill itself; stop its service instead");
    }
    String name = process.get().info().command().orElse("?");
    if (!process.get().destroy()) {
      throw new CommandFailedException("could not signal process " + pid + " (" + name + ")");
    }
    return "asked process " + pid + " (" + name + ") to terminate";
  }

  @Override
  public Optional<Instant> bootTime() {
    return bootTime.get();
  }

  private static String run(List<String> commandLine) throws CommandFailedException {
    String line = String.join(" ", commandLine);
    try {
      Process p = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CommandFailedException("'" + line + "' did not finish within 30 s");
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0) {
        throw new CommandFailedException(
            "'"
                + line
                + "' exited with "
                + p.exitValue()
                + (output.isEmpty()
                    ? ""
                    : ": " + (output.length() > 500 ? output.substring(0, 500) + "..." : output)));
      }
      return "ran '" + line + "'";
    } catch (IOException e) {
      throw new CommandFailedException("could not run '" + line + "': " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted while running '" + line + "'");
    }
  }
}
