package dev.vigil.agent.probe;

/**
 * Vigil's own view of the machine, so that the rest of the agent never depends on how it is
 * measured. Implementations are called from one sampling thread at a time.
 */
public interface SystemProbe {
  /** Facts that do not change while the agent runs. */
  HostFacts facts();

  /** A fresh reading; CPU load covers the time since the previous call. */
  SystemSample sample();

  /** The processes using the most CPU, busiest first. */
  java.util.List<ProcessSample> topProcesses(int limit);
}
