package dev.vigil.agent;

import dev.vigil.common.GuardedTask;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's timer tasks, each guarded so that a failure is logged (once a minute) and retried.
 */
final class AgentTimers {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private AgentTimers() {}

  /**
   * Runs {@code task} on {@code on} soon; does nothing once {@code on} is shut down, since the
   * agent is stopping then (a session that opens while {@link Agent#close()} runs asks for its slow
   * probes after the executor stopped). A running executor never refuses a task, so nothing is lost
   * while the agent runs.
   */
  static void runSoon(ExecutorService on, Runnable task, String what) {
    submit(on, on::execute, task, what);
  }

  /** Like {@link #runSoon}, after a delay. */
  static void runLater(ScheduledExecutorService on, Runnable task, long seconds, String what) {
    submit(on, t -> on.schedule(t, seconds, TimeUnit.SECONDS), task, what);
  }

  private static void submit(ExecutorService on, Executor how, Runnable task, String what) {
    try {
      how.execute(task);
    } catch (RejectedExecutionException e) {
      if (!on.isShutdown()) {
        throw e;
      }
      LOG.debug("The agent is stopping: its {} will not run again", what);
    }
  }

  /**
   * {@code task}, surviving its own failures: logged at most once a minute, run again at its next
   * turn (a scheduled executor silently cancels a task that throws).
   */
  static Runnable guarded(String what, Runnable task) {
    return GuardedTask.of(
        what,
        task,
        (name, e, unreported) ->
            LOG.error(
                "The agent's {} failed{}; trying again next time",
                name,
                unreported == 0
                    ? ""
                    : " (and " + unreported + " more time(s) since the last report)",
                e));
  }
}
