package dev.vigil.console.attach;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A manager's CSV export (RFC 4180, records ending in CRLF) with one more cell at the end of each
 * record, the manager's name, so that a window over several managers writes one file whose rows say
 * where they come from: the header gains {@code manager}, or is left out for every manager but the
 * first. Cells are copied byte for byte; a line break inside a quoted cell is not a record's end.
 * Not thread-safe.
 */
final class ManagerColumn extends FilterOutputStream {
  private final byte[] cell;
  private boolean inQuotes;
  private boolean inHeader = true;
  private final boolean keepHeader;

  /**
   * @param out where the rows go
   * @param manager the manager's name, the new last cell of each row
   * @param keepHeader whether this manager's header is written (with {@code manager} added)
   */
  ManagerColumn(OutputStream out, String manager, boolean keepHeader) {
    super(out);
    this.cell = ("," + cell(manager)).getBytes(StandardCharsets.UTF_8);
    this.keepHeader = keepHeader;
  }

  private static String cell(String value) {
    boolean quote =
        value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  @Override
  public void write(int b) throws IOException {
    boolean header = inHeader;
    if (b == '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && b == '\r') {
      if (!header || keepHeader) {
        out.write(header ? ",manager".getBytes(StandardCharsets.US_ASCII) : cell);
      }
    } else if (!inQuotes && b == '\n') {
      inHeader = false;
    }
    if (!header || keepHeader) {
      out.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int from = off;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c == '"' || c == '\r' || c == '\n') {
        out.write(b, from, i - from);
        write(c);
        from = i + 1;
      } else if (inHeader && !keepHeader) {
        from = i + 1;
      }
    }
    out.write(b, from, off + len - from);
  }
}
