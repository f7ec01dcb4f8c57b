package dev.vigil.agent.command;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.vigil.agent.outbox.DurableFiles;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restarts and shutdowns this agent accepted and ran for real, kept on disk ({@code
 * power-commands/} in the data directory, one file each, fsynced and moved into place atomically)
 * before they run, so that the agent started again after the machine's reboot can send their final
 * result. The machine's boot time, recorded with each, tells a reboot from an agent that merely
 * restarted. Thread-safe.
 */
public final class PowerCommandJournal {
  private static final Logger LOG = LoggerFactory.getLogger(PowerCommandJournal.class);
  private static final Gson GSON = new Gson();
  private static final String SUFFIX = ".json";

  /**
   * How much later a boot time must be to count as a new boot: the boot time an operating system
   * reports is derived from its uptime and wall clock, and moves by a second or so when the clock
   * is adjusted.
   */
  static final Duration BOOT_TIME_JITTER = Duration.ofSeconds(10);

  /** One accepted power command, as stored. */
  record Entry(
      String commandId,
      String command,
      Map<String, String> arguments,
      String issuer,
      String acceptedAt,
      String bootTime) {}

  /**
   * A power command an earlier run of this agent accepted, with what the agent starting again means
   * for it.
   *
   * @param key the journal's key for it, to {@link #forget} once its result is in the outbox
   * @param request the command as the console sent it
   * @param issuer the fingerprint of the console that sent it
   * @param outcome its final outcome
   */
  public record Finished(
      long key, CommandRequest request, String issuer, CommandExecutor.Outcome outcome) {}

  private final Path dir;
  private final HostControl host;

  /**
   * Opens the journal in {@code dataDir/power-commands}.
   *
   * @throws IOException when the directory cannot be used
   */
  public PowerCommandJournal(Path dataDir, HostControl host) throws IOException {
    this.dir = dataDir.resolve("power-commands");
    this.host = host;
    dev.vigil.common.DataDirectories.createPrivate(dir);
  }

  /**
   * Whether a command's result must outlive this agent: a restart or shutdown that really takes the
   * machine down (a dry run's result is final at once).
   */
  public boolean covers(Command command) {
    return command.takesMachineDown() && !host.pretends();
  }

  /**
   * Records an accepted power command, durably, before it runs.
   *
   * @param key a number unique to this command on this agent: the outbox sequence of its {@code
   *     ACCEPTED}
   */
  public void record(long key, CommandRequest request, String issuer) {
    Entry entry =
        new Entry(
            request.commandId(),
            request.command(),
            request.arguments(),
            issuer,
            Instant.now().toString(),
            host.bootTime().map(Instant::toString).orElse(null));
    try {
      DurableFiles.write(file(key), GSON.toJson(entry).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot record the " + request.command() + " command in " + dir + ": " + e.getMessage(),
          e);
    }
  }

  /** The command's final result is in the outbox: forget it. */
  public void forget(long key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      // Left behind, it yields a second result on the next start, which the console ignores.
      LOG.warn("Could not delete the power command record {}: {}", file(key), e.getMessage());
    }
  }

  /**
   * The power commands an earlier run recorded, oldest first, each with its final outcome now that
   * the agent is running again: succeeded when the machine booted since, failed when it did not.
   */
  public List<Finished> leftByEarlierRun() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
      for (Path file : all) {
        String name = file.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.deleteIfExists(file); // a record a crash interrupted: its command never ran
        } else if (name.matches("[0-9]{20}\\" + SUFFIX)) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    List<Finished> finished = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      long key = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
      try {
        Entry e = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Entry.class);
        if (e == null) {
          throw new IllegalArgumentException("the file is empty");
        }
        CommandRequest request =
            new CommandRequest(
                e.commandId(), e.command(), e.arguments() == null ? Map.of() : e.arguments());
        finished.add(new Finished(key, request, e.issuer(), outcome(e)));
      } catch (JsonParseException | IllegalArgumentException | DateTimeParseException e) {
        LOG.error("Power command record {} is damaged ({}); moving it aside", file, e.getMessage());
        Files.move(
            file, file.resolveSibling(name + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return finished;
  }

  /** What the agent running again means for a power command an earlier run accepted. */
  private CommandExecutor.Outcome outcome(Entry e) {
    boolean restart = Command.RESTART.wireName().equals(e.command());
    Optional<Instant> now = host.bootTime();
    if (now.isEmpty() || e.bootTime() == null) {
      return new CommandExecutor.Outcome(
          CommandStatus.SUCCEEDED,
          "the agent is back after the "
              + e.command()
              + " (it cannot tell when the machine booted)");
    }
    Instant before = Instant.parse(e.bootTime());
    String booted = now.get().truncatedTo(ChronoUnit.SECONDS).toString();
    if (now.get().isAfter(before.plus(BOOT_TIME_JITTER))) {
      return new CommandExecutor.Outcome(
          CommandStatus.SUCCEEDED,
          restart
              ? "the machine restarted (booted at " + booted + "); the agent is back"
              : "the machine was powered off and booted again at "
                  + booted
                  + "; the agent is back");
    }
    return new CommandExecutor.Outcome(
        CommandStatus.FAILED,
        "the agent started again, but the machine did not "
            + (restart ? "restart" : "go down")
            + " (up since "
            + booted
            + ")");
  }

  private Path file(long key) {
    return dir.resolve(String.format("%020d%s", key, SUFFIX));
  }
}
