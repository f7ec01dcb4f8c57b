package dev.vigil.protocol.command;

/** An argument a {@link Command} takes, with its strict syntax. Immutable. */
public enum CommandArgument {
  /** A process id above 1, in ASCII digits: PID 1 and the kernel are never killed. */
  PID("pid", "a process id") {
    @Override
    public String check(String value) {
      if (!value.matches("[0-9]{1,10}")) {
        throw new IllegalArgumentException("'" + value + "' is not a process id");
      }
      long pid = Long.parseLong(value);
      if (pid <= 1) {
        throw new IllegalArgumentException("kill refuses PID " + pid);
      }
      return Long.toString(pid);
    }
  },
  /**
   * A systemd unit's name ({@link UnitName}), in canonical form: {@code nginx} becomes {@code
   * nginx.service}. Whether the agent restarts it is the agent's {@code allow-services} to say.
   */
  UNIT("unit", "a systemd unit's name") {
    @Override
    public String check(String value) {
      return UnitName.canonical(value);
    }
  };

  private final String key;
  private final String description;

  CommandArgument(String key, String description) {
    this.key = key;
    this.description = description;
  }

  /** The argument's key in a request's {@code arguments} object. */
  public String key() {
    return key;
  }

  /** What the argument is, for a usage line: "a process id". */
  public String description() {
    return description;
  }

  /**
   * Checks a value.
   *
   * @return the value in canonical form
   * @throws IllegalArgumentException with a sentence saying what is wrong
   */
  public abstract String check(String value);
}
