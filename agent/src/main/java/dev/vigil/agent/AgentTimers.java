package dev.vigil.agent;

import dev.vigil.common.GuardedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's timer tasks, each guarded so that a failure is logged (once a minute) and retried.
 */
final class AgentTimers {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private AgentTimers() {}

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
