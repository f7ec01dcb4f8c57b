package dev.vigil.console;

import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.command.HostControl;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in machine for an agent under test: a restart or shutdown only says it is under way (the
 * test then "reboots" by closing the agent, calling {@link #boot()} and starting the agent again on
 * the same data directory); a kill blocks until the test calls {@link #finishKill()}. Thread-safe.
 */
public final class TestMachine implements HostControl {
  private final AtomicReference<Instant> bootTime =
      new AtomicReference<>(Instant.now().minus(Duration.ofDays(1)));
  private final CountDownLatch killMayFinish = new CountDownLatch(1);

  /** Completes when the agent has run a restart or shutdown. */
  public final CompletableFuture<String> wentDown = new CompletableFuture<>();

  /** Completes when the agent has started a kill. */
  public final CompletableFuture<Long> killing = new CompletableFuture<>();

  @Override
  public String restart() {
    wentDown.complete("restart");
    return "restarting";
  }

  @Override
  public String shutdown() {
    wentDown.complete("shutdown");
    return "powering off";
  }

  @Override
  public String restartService(String unit) {
    return "ran 'systemctl restart " + unit + "'";
  }

  @Override
  public String kill(long pid) throws CommandFailedException {
    killing.complete(pid);
    try {
      if (!killMayFinish.await(60, TimeUnit.SECONDS)) {
        throw new CommandFailedException("the test never let the kill finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted");
    }
    return "asked process " + pid + " to terminate";
  }

  /** Lets a kill the agent is running finish. */
  public void finishKill() {
    killMayFinish.countDown();
  }

  /** The machine booted again, now. */
  public void boot() {
    bootTime.set(Instant.now());
  }

  @Override
  public Optional<Instant> bootTime() {
    return Optional.of(bootTime.get());
  }
}
