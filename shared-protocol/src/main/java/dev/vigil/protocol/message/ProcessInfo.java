package dev.vigil.protocol.message;

/**
 * One process in a top-N list.
 *
 * @param pid its id
 * @param name its name
 * @param cpuPercent its CPU use, as a share of one core in percent
 * @param residentBytes its resident memory
 */
public record ProcessInfo(long pid, String name, double cpuPercent, long residentBytes) {
  public ProcessInfo {
    Checks.notNegative("pid", pid);
    Checks.text("name", name, 256);
    Checks.rate("cpuPercent", cpuPercent);
    Checks.notNegative("residentBytes", residentBytes);
  }
}
