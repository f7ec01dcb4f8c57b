package dev.vigil.console.headless;

import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;

/**
 * What every command works with: the manager's operator API, the operator it acts for, and the
 * renderer it answers through. Immutable; one per console.
 *
 * @param api the manager
 * @param operator who acts, named in acknowledgements, the audit and the log
 * @param out where answers go
 */
record Session(OperatorApi api, Operator operator, Renderer out) {
  /** How every command's AGENT argument is described. */
  static final String AGENT = "a host name or the start of an agent's id; 'agents' lists them";

  /** What the export commands' help says about the file they write. */
  static final String EXPORT_FOOTER =
      "The file is new and readable by you only; a symbolic link is refused. Attached to a"
          + " manager elsewhere, the file is written on this computer. Quote a path with spaces:"
          + " export \"my alerts.csv\".";
}
