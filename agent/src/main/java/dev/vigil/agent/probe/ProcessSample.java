package dev.vigil.agent.probe;

/**
 * One process as the probe saw it.
 *
 * @param pid its process id
 * @param name its name
 * @param cpuPercent its CPU use over its lifetime, as a share of one core in percent
 * @param residentBytes its resident memory
 * @param user the user it runs as, printable (null: not known)
 * @param commandLine its command line, printable and cut to the protocol's limit (null: not known)
 */
public record ProcessSample(
    long pid, String name, double cpuPercent, long residentBytes, String user, String commandLine) {
  /** A process whose user and command line are not known. */
  public ProcessSample(long pid, String name, double cpuPercent, long residentBytes) {
    this(pid, name, cpuPercent, residentBytes, null, null);
  }
}
