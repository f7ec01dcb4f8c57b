package dev.vigil.protocol.frame;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.vigil.protocol.message.ErrorCode;
import java.io.IOException;
import java.io.StringReader;

/**
 * Parses one frame body as RFC 8259 JSON with the protocol's extra rules (docs/protocol.md section
 * 2): no duplicate names in any object, at most {@link #MAX_NESTING} levels of objects and arrays,
 * nothing after the value. Numbers keep the literal the peer wrote, so that the field rules can
 * tell {@code 321} from {@code 321.7} and {@code 1e2}. Stateless and thread-safe.
 */
public final class StrictJson {
  /** The deepest nesting a frame may have; the envelope object is level 1. */
  static final int MAX_NESTING = 16;

  private StrictJson() {}

  /**
   * Parses a whole document.
   *
   * @throws ProtocolException {@link ErrorCode#MALFORMED_FRAME} naming what is wrong
   */
  public static JsonElement parse(String text) throws ProtocolException {
    if (text.startsWith("\uFEFF")) {
      // RFC 8259 forbids sending one and lets parsers ignore it; Gson would. We refuse, so that
      // every implementation answers the same.
      throw malformed("the frame starts with a byte order mark");
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      // Our own limit below comes first; this one only keeps Gson's stack bounded too.
      reader.setNestingLimit(MAX_NESTING + 1);
      JsonElement value = read(reader, 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw malformed("the frame has data after its JSON value");
      }
      return value;
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "the frame is not strict JSON: " + firstLine(e), e);
    }
  }

  private static JsonElement read(JsonReader reader, int depth) throws IOException {
    JsonToken token = reader.peek();
    return switch (token) {
      case BEGIN_OBJECT -> readObject(reader, opened(depth));
      case BEGIN_ARRAY -> readArray(reader, opened(depth));
      // The literal as written: the field rules decide what kind of number it may be.
      case NUMBER -> new JsonPrimitive(new NumberLiteral(reader.nextString()));
      case STRING -> new JsonPrimitive(reader.nextString());
      case BOOLEAN -> new JsonPrimitive(reader.nextBoolean());
      case NULL -> {
        reader.nextNull();
        yield JsonNull.INSTANCE;
      }
      default -> throw malformed("the frame is not strict JSON: unexpected " + token);
    };
  }

  private static int opened(int depth) throws ProtocolException {
    int level = depth + 1;
    if (level > MAX_NESTING) {
      throw malformed("the frame nests objects and arrays deeper than " + MAX_NESTING + " levels");
    }
    return level;
  }

  private static JsonObject readObject(JsonReader reader, int depth) throws IOException {
    JsonObject object = new JsonObject();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (object.has(name)) {
        throw malformed("the frame names '" + abbreviate(name) + "' twice in one object");
      }
      object.add(name, read(reader, depth));
    }
    reader.endObject();
    return object;
  }

  private static JsonArray readArray(JsonReader reader, int depth) throws IOException {
    JsonArray array = new JsonArray();
    reader.beginArray();
    while (reader.hasNext()) {
      array.add(read(reader, depth));
    }
    reader.endArray();
    return array;
  }

  private static ProtocolException malformed(String message) {
    return new ProtocolException(ErrorCode.MALFORMED_FRAME, message);
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int cut = message.indexOf('\n');
    return abbreviate(cut < 0 ? message : message.substring(0, cut));
  }

  /**
   * A JSON number exactly as written; {@link #toString()} gives the literal back. The field rules
   * read the literal, never the lossy conversions.
   */
  static final class NumberLiteral extends Number {
    private static final long serialVersionUID = 1L;

    private final String literal;

    NumberLiteral(String literal) {
      this.literal = literal;
    }

    @Override
    public int intValue() {
      return (int) doubleValue();
    }

    @Override
    public long longValue() {
      return (long) doubleValue();
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(literal);
    }

    @Override
    public String toString() {
      return literal;
    }
  }

  public static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
