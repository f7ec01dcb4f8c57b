package dev.vigil.protocol.message;

/**
 * One process in a top-N list.
 *
 * @param pid its id
 * @param name its name
 * @param cpuPercent its CPU use, as a share of one core in percent
 * @param residentBytes its resident memory
 * @param user the user it runs as, printable, at most 64 characters; null when not known (an agent
 *     from before the field existed omits it)
 * @param commandLine its command line, printable, at most 512 characters; null when not known
 */
public record ProcessInfo(
    long pid, String name, double cpuPercent, long residentBytes, String user, String commandLine) {
  /** The most characters of a command line the protocol carries. */
  public static final int MAX_COMMAND_LINE = 512;

  /** The most characters of a user name the protocol carries. */
  public static final int MAX_USER = 64;

  public ProcessInfo {
    Checks.notNegative("pid", pid);
    Checks.text("name", name, 256);
    Checks.rate("cpuPercent", cpuPercent);
    Checks.notNegative("residentBytes", residentBytes);
    if (user != null) {
      Checks.printable("user", user, MAX_USER);
    }
    if (commandLine != null) {
      Checks.printable("commandLine", commandLine, MAX_COMMAND_LINE);
    }
  }

  /** A process whose user and command line are not known. */
  public ProcessInfo(long pid, String name, double cpuPercent, long residentBytes) {
    this(pid, name, cpuPercent, residentBytes, null, null);
  }
}
