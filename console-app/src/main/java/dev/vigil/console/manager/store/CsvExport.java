package dev.vigil.console.manager.store;

import dev.vigil.console.export.ExportFile;
import dev.vigil.console.manager.api.MinuteAggregate;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The store's alert history and metric history written as CSV files (RFC 4180), each through an
 * {@link ExportFile}; a text cell that a spreadsheet would run as a formula is neutralised.
 */
public final class CsvExport {
  private CsvExport() {}

  /**
   * Writes metric history as CSV (RFC 4180), one row per agent, minute and metric; returns the
   * number of rows. Rows not yet stored (the minutes in progress) follow the stored ones.
   */
  public static long history(
      ConsoleStore store,
      Path file,
      boolean replace,
      long fromMillis,
      long toMillis,
      List<MinuteAggregate> unstored)
      throws IOException {
    try (ExportFile export = ExportFile.create(file, replace)) {
      long rows = store.locked(db -> history(db, export.writer(), fromMillis, toMillis, unstored));
      export.commit();
      return rows;
    } catch (SQLException ex) {
      throw new IOException("cannot read the metric history: " + ex.getMessage(), ex);
    }
  }

  private static long history(
      Connection db, Writer out, long fromMillis, long toMillis, List<MinuteAggregate> unstored)
      throws SQLException, IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT m.minute, m.agent_id, m.metric, m.samples, m.min, m.avg, m.max"
                + " FROM metrics_minute m WHERE m.minute >= ? AND m.minute < ?"
                + " ORDER BY m.minute, m.agent_id, m.metric")) {
      p.setLong(1, fromMillis);
      p.setLong(2, toMillis);
      out.write("minute,agent_id,metric,samples,min,avg,max\r\n");
      long rows = 0;
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.write(
              String.join(
                      ",",
                      Instant.ofEpochMilli(r.getLong(1)).toString(),
                      csv(r.getString(2)),
                      r.getString(3),
                      String.valueOf(r.getInt(4)),
                      String.valueOf(r.getDouble(5)),
                      String.valueOf(r.getDouble(6)),
                      String.valueOf(r.getDouble(7)))
                  + "\r\n");
          rows++;
        }
      }
      for (MinuteAggregate a : unstored) {
        if (a.minuteMillis() >= fromMillis && a.minuteMillis() < toMillis) {
          out.write(
              String.join(
                      ",",
                      Instant.ofEpochMilli(a.minuteMillis()).toString(),
                      csv(a.agentId()),
                      a.metric().key(),
                      String.valueOf(a.samples()),
                      String.valueOf(a.min()),
                      String.valueOf(a.avg()),
                      String.valueOf(a.max()))
                  + "\r\n");
          rows++;
        }
      }
      return rows;
    }
  }

  /** Writes the alert history as CSV (RFC 4180), oldest first; returns the number of rows. */
  public static long alerts(ConsoleStore store, Path file, boolean replace) throws IOException {
    try (ExportFile export = ExportFile.create(file, replace)) {
      long rows = store.locked(db -> alerts(db, export.writer()));
      export.commit();
      return rows;
    } catch (SQLException ex) {
      throw new IOException("cannot read the alert history: " + ex.getMessage(), ex);
    }
  }

  private static long alerts(Connection db, Writer out) throws SQLException, IOException {
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT raised_at, received_at, agent_id, hostname, channel, sequence, rule, severity,"
                    + " state, value, threshold, message, acked_by, acked_at, ack_note, id"
                    + " FROM alerts ORDER BY id")) {
      out.write(
          "id,raised_at,received_at,agent_id,hostname,channel,sequence,rule,severity,state,value,"
              + "threshold,message,acknowledged_by,acknowledged_at,acknowledgement_note\r\n");
      long rows = 0;
      while (r.next()) {
        out.write(
            String.join(
                    ",",
                    String.valueOf(r.getLong(16)),
                    Instant.ofEpochMilli(r.getLong(1)).toString(),
                    Instant.ofEpochMilli(r.getLong(2)).toString(),
                    csv(r.getString(3)),
                    csv(r.getString(4)),
                    r.getString(5),
                    String.valueOf(r.getLong(6)),
                    csv(r.getString(7)),
                    r.getString(8),
                    r.getString(9),
                    String.valueOf(r.getDouble(10)),
                    String.valueOf(r.getDouble(11)),
                    csv(r.getString(12)),
                    csv(r.getString(13) == null ? "" : r.getString(13)),
                    r.getString(13) == null ? "" : Instant.ofEpochMilli(r.getLong(14)).toString(),
                    csv(r.getString(15) == null ? "" : r.getString(15)))
                + "\r\n");

        rows++;
      }
      return rows;
    }
  }

  /**
   * A text cell: one that starts as a formula would ({@code = + - @}, a tab or a carriage return)
   * gets a leading apostrophe, as OWASP's CSV injection advice says, so a spreadsheet shows it as
   * text instead of running it; a cell with a comma, quote or line break is quoted.
   */
  static String csv(String value) {
    String cell =
        !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote =
        cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
    return quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }
}
