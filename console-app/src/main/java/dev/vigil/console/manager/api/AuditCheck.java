package dev.vigil.console.manager.api;

/**
 * What a check of the audit log's hash chain found: how many rows it checked and the first row
 * whose hash does not follow from the rows before it, if any. Immutable.
 *
 * @param rowsChecked rows read, the broken one included
 * @param firstBrokenRow the id of the first row that was edited, inserted or follows a removed one,
 *     or -1 when the chain holds
 * @param problem what is wrong with that row, or empty when the chain holds
 */
public record AuditCheck(long rowsChecked, long firstBrokenRow, String problem) {
  /** A chain that holds over {@code rows} rows. */
  public static AuditCheck intact(long rows) {
    return new AuditCheck(rows, -1, "");
  }

  /** Whether every row's hash follows from the rows before it. */
  public boolean intact() {
    return firstBrokenRow < 0;
  }

  /** One sentence for the operator and the log. */
  public String sentence() {
    return intact()
        ? "The audit log's hash chain holds over " + rowsChecked + " row(s)."
        : "The audit log was changed outside Vigil: row "
            + firstBrokenRow
            + " "
            + problem
            + " ("
            + rowsChecked
            + " row(s) checked). Keep a copy of the data directory for investigation.";
  }
}
