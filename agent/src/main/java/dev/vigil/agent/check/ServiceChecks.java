package dev.vigil.agent.check;

import dev.vigil.agent.alert.HostRules;
import dev.vigil.agent.alert.ThresholdRule;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's service checks, run on their own cadence: one timer thread starts each run on a
 * virtual thread, never two runs of one check at once (a run still going at its next turn skips
 * that turn) and at most {@link #MAX_CONCURRENT_RUNS} runs of all checks at once. Each run's result
 * and what its {@link CheckVerdicts} raised go to the listener, on the run's thread. Thread-safe.
 */
public final class ServiceChecks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceChecks.class);

  /** The most check runs under way at once, whatever the number of checks: {@value}. */
  public static final int MAX_CONCURRENT_RUNS = 8;

  /** Hears every finished run, on the run's own thread. */
  public interface Listener {
    /**
     * @param result the run as the console will see it
     * @param raised the problem it opened, escalated or resolved, if any
     */
    void ran(CheckResult result, Optional<HostRules.Raised> raised);
  }

  private final List<Check> checks;
  private final Listener listener;
  private final Semaphore turns = new Semaphore(MAX_CONCURRENT_RUNS);
  private final Set<Thread> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;

  /** The checks, each probed by what {@code probes} makes for it; nothing runs before start. */
  public ServiceChecks(
      List<CheckSpec> specs, Function<CheckSpec, Probe> probes, Listener listener) {
    this.checks = specs.stream().map(s -> new Check(s, probes.apply(s))).toList();
    this.listener = listener;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigil-checks").daemon().unstarted(r));
  }

  /** Starts every check, the first runs spread over a few seconds. */
  public void start() {
    for (Check c : checks) {
      long every = c.spec.every().toMillis();
      long first = ThreadLocalRandom.current().nextLong(Math.min(every, 3000) + 1);
      timer.scheduleAtFixedRate(() -> dispatch(c), first, every, TimeUnit.MILLISECONDS);
    }
  }

  /** Every check's latest run, in configured order (before its first run: unknown, not run). */
  public List<CheckResult> latest() {
    List<CheckResult> all = new ArrayList<>(checks.size());
    for (Check c : checks) {
      all.add(c.latest);
    }
    return all;
  }

  /** How many checks there are. */
  public int size() {
    return checks.size();
  }

  private void dispatch(Check c) {
    if (!c.busy.compareAndSet(false, true)) {
      LOG.debug("Check {} is still running; skipping this turn", c.spec.name());
      return;
    }
    Thread.ofVirtual()
        .name("vigil-check-" + c.spec.name())
        .start(
            () -> {
              running.add(Thread.currentThread());
              try {
                turns.acquire();
                try {
                  runOnce(c);
                } finally {
                  turns.release();
                }
              } catch (InterruptedException e) {
                // The agent is stopping.
              } finally {
                running.remove(Thread.currentThread());
                c.busy.set(false);
              }
            });
  }

  private void runOnce(Check c) throws InterruptedException {
    long started = System.currentTimeMillis();
    long t0 = System.nanoTime();
    Probe.Outcome outcome;
    try {
      outcome = c.probe.run(c.spec.timeout());
    } catch (RuntimeException e) {
      LOG.warn("Check {} could not run: {}", c.spec.name(), e.toString());
      outcome = Probe.Outcome.of(CheckStatus.UNKNOWN, "The check could not run: " + e.getMessage());
    }
    long took = Math.max(0, (System.nanoTime() - t0) / 1_000_000);
    Optional<ThresholdRule.Event> event = c.verdicts.feed(outcome.status());
    String message = CheckText.printable(outcome.message(), CheckResult.MAX_MESSAGE);
    CheckResult result =
        new CheckResult(
            c.spec.name(),
            c.spec.type().wireName(),
            outcome.status(),
            c.verdicts.failing(),
            message,
            started,
            took,
            outcome.metrics(),
            unitOf(c.spec));
    c.latest = result;
    listener.ran(result, event.map(e -> raised(c.spec, e, message)));
  }

  private static HostRules.Raised raised(CheckSpec spec, ThresholdRule.Event e, String said) {
    String text =
        e.state() == AlertState.FIRING
            ? "Check " + spec.name() + " failed " + spec.runs() + " run(s) in a row: " + said
            : "Check " + spec.name() + " passed " + spec.runs() + " run(s) in a row: " + said;
    return new HostRules.Raised(spec.ruleName(), e, CheckText.printable(text, 512));
  }

  /** Stops the timer and every run under way (a plugin with its processes). */
  @Override
  public void close() {
    timer.shutdownNow();
    running.forEach(Thread::interrupt);
  }

  /** One check with its probe, its verdicts and its latest result. */
  private static final class Check {
    final CheckSpec spec;
    final Probe probe;
    final CheckVerdicts verdicts;
    final AtomicBoolean busy = new AtomicBoolean();
    volatile CheckResult latest;

    Check(CheckSpec spec, Probe probe) {
      this.spec = spec;
      this.probe = probe;
      this.verdicts = new CheckVerdicts(spec.runs());
      this.latest =
          new CheckResult(
              spec.name(),
              spec.type().wireName(),
              CheckStatus.UNKNOWN,
              false,
              "not run yet",
              0,
              0,
              List.of(),
              unitOf(spec));
    }
  }

  /** A systemd check's unit, canonical, for the console's restart-service; null for the rest. */
  private static String unitOf(CheckSpec spec) {
    if (spec.type() != CheckType.SYSTEMD) {
      return null;
    }
    try {
      return dev.vigil.protocol.command.UnitName.canonical(spec.target());
    } catch (IllegalArgumentException notAUnitName) {
      return null; // systemctl says so when the check runs
    }
  }

  /** The check names in order, for logs. */
  public List<String> names() {
    return checks.stream().map(c -> c.spec.name()).toList();
  }
}
