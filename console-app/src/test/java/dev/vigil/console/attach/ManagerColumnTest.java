package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The manager cell added to each record of a CSV, whatever the chunks' boundaries. */
class ManagerColumnTest {
  private static final String CSV =
      "id,message\r\n1,plain\r\n2,\"a quoted\r\nline break, and \"\"quotes\"\"\"\r\n3,café\r\n";

  private static String through(String manager, boolean keepHeader, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ManagerColumn column = new ManagerColumn(out, manager, keepHeader);
    byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += chunk) {
      column.write(bytes, i, Math.min(chunk, bytes.length - i));
    }
    column.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachRecordEndsWithTheManagerAndALineBreakInAQuotedCellIsNoRecordsEnd() throws IOException {
    String expected =
        "id,message,manager\r\n1,plain,east:7470\r\n"
            + "2,\"a quoted\r\nline break, and \"\"quotes\"\"\",east:7470\r\n3,café,east:7470\r\n";
    for (int chunk : new int[] {1, 2, 3, 7, 1024}) {
      assertThat(through("east:7470", true, chunk)).as("chunks of %d", chunk).isEqualTo(expected);
    }
  }

  @Test
  void theHeaderIsLeftOutForEveryManagerButTheFirstAndANameWithACommaIsQuoted() throws IOException {
    for (int chunk : new int[] {1, 5, 1024}) {
      assertThat(through("west, rack 2", false, chunk))
          .startsWith("1,plain,\"west, rack 2\"\r\n2,\"a quoted")
          .endsWith("3,café,\"west, rack 2\"\r\n");
    }
  }
}
