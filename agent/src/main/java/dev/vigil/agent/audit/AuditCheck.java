package dev.vigil.agent.audit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.vigil.common.HashChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a check of the agent's audit log found: every line's hash must follow from the line before
 * (across a rotation, through the new file's anchor line); the first line that does not is named by
 * file, line number and sequence. Immutable.
 *
 * @param linesChecked lines read, the broken one included
 * @param file the file of the first broken line, or empty when the chain holds
 * @param line that line's number in its file (from 1), or 0
 * @param problem what is wrong with it, or empty
 */
public record AuditCheck(long linesChecked, String file, long line, String problem) {

  /** Whether every line follows from the line before. */
  public boolean intact() {
    return line == 0;
  }

  /** One sentence for the operator and the log. */
  public String sentence() {
    return intact()
        ? "The agent's audit log holds: " + linesChecked + " line(s) checked."
        : "The agent's audit log was changed outside Vigil: "
            + file
            + " line "
            + line
            + " "
            + problem
            + ". Keep a copy of the data directory for investigation.";
  }

  /** Checks {@code audit.log.1} (when there is one) and {@code audit.log} of a data directory. */
  public static AuditCheck of(Path dir) throws IOException {
    Path rotated = dir.resolve(AuditTrail.ROTATED);
    long lines = 0;
    String prev = null;
    if (Files.exists(rotated)) {
      FileCheck old = check(rotated, null);
      if (old.broken != null) {
        return old.broken;
      }
      lines = old.lines;
      prev = old.lastHash;
    }
    FileCheck current = check(dir.resolve(AuditTrail.FILE), prev);
    if (current.broken != null) {
      return new AuditCheck(
          lines + current.broken.linesChecked(),
          current.broken.file(),
          current.broken.line(),
          current.broken.problem());
    }
    return new AuditCheck(lines + current.lines, "", 0, "");
  }

  private record FileCheck(long lines, String lastHash, AuditCheck broken) {}

  /**
   * @param expectedPrev the last hash of the file before, which this one's anchor must carry; null
   *     when there is none (the chain then starts at GENESIS or at the file's own anchor)
   */
  private static FileCheck check(Path f, String expectedPrev) throws IOException {
    String name = f.getFileName().toString();
    List<String> text = Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    String prev = HashChain.GENESIS;
    long n = 0;
    for (String line : text) {
      n++;
      Line parsed = Line.parse(line);
      if (parsed == null) {
        return broken(n, name, "has no hash or is cut short");
      }
      if (n == 1 && "anchor".equals(parsed.phase())) {
        prev = parsed.prev();
        if (expectedPrev != null && !expectedPrev.equals(prev)) {
          return broken(n, name, "does not follow from the last line of " + AuditTrail.ROTATED);
        }
      } else if (n == 1 && expectedPrev != null) {
        return broken(n, name, "should anchor the file to " + AuditTrail.ROTATED + " but does not");
      }
      if (!HashChain.next(prev, parsed.body()).equals(parsed.hash())) {
        return broken(
            n, name, "does not match its hash: it, or a line before it, was edited or removed");
      }
      prev = parsed.hash();
    }
    return new FileCheck(n, prev, null);
  }

  private static FileCheck broken(long n, String name, String problem) {
    return new FileCheck(n, null, new AuditCheck(n, name, n, problem));
  }

  /** Where an audit file's chain ends: its last hash and sequence. */
  record Tail(String hash, long seq, boolean unchained) {}

  /** The last chained line of a file; {@code unchained} when it has lines but none is chained. */
  static Tail tail(Path f) throws IOException {
    if (!Files.exists(f)) {
      return new Tail(HashChain.GENESIS, 0, false);
    }
    Tail tail = null;
    boolean any = false;
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      any |= !line.isBlank();
      Line parsed = Line.parse(line);
      if (parsed != null) {
        tail = new Tail(parsed.hash(), parsed.seq(), false);
      }
    }
    if (tail == null) {
      return new Tail(HashChain.GENESIS, 0, any);
    }
    return tail;
  }

  /** One line taken apart: the text its hash covers, the hash, and the fields the check reads. */
  private record Line(String body, String hash, String phase, String prev, long seq) {
    private static final int SUFFIX = AuditTrail.HASH_KEY.length() + 64 + 2;

    static Line parse(String line) {
      int at = line.length() - SUFFIX;
      if (at < 1
          || !line.endsWith("\"}")
          || !line.startsWith(AuditTrail.HASH_KEY, at)
          || !HashChain.isHash(
              line.substring(at + AuditTrail.HASH_KEY.length(), line.length() - 2))) {
        return null;
      }
      String body = line.substring(0, at) + "}";
      try {
        JsonObject o = JsonParser.parseString(body).getAsJsonObject();
        return new Line(
            body,
            line.substring(at + AuditTrail.HASH_KEY.length(), line.length() - 2),
            o.has("phase") ? o.get("phase").getAsString() : "",
            o.has("prev") ? o.get("prev").getAsString() : "",
            o.has("seq") ? o.get("seq").getAsLong() : 0);
      } catch (JsonParseException
          | IllegalStateException
          | UnsupportedOperationException
          | NumberFormatException e) {
        return null; // not an object, or fields of the wrong kind: a line Vigil did not write
      }
    }
  }
}
