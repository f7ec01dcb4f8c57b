package dev.vigil.console.manager.api.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.frame.StrictJson;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The operator channel's frames (docs/protocol.md, "Operator channel"): each a strict JSON object
 * whose string member {@code type} is one of the names below, and the one {@link Gson} that turns
 * the operator API's records into JSON and back (instants and durations as ISO-8601 strings,
 * fingerprints and addresses as strings, enums by name). Stateless and thread-safe.
 */
public final class OperatorWire {
  /** The version both sides name in their first frame. */
  public static final int VERSION = 1;

  /** The largest frame before the manager has welcomed the console. */
  public static final int MAX_HELLO_BYTES = 8 * 1024;

  /** The largest frame either side sends once welcomed. */
  public static final int MAX_FRAME_BYTES = 4 << 20;

  /** Client to manager: who attaches, with a token the first time. */
  public static final String HELLO = "op_hello";

  /** Manager to client: the operator's name and role. */
  public static final String WELCOME = "op_welcome";

  /** Manager to client: a sentence, and the session ends. */
  public static final String ERROR = "op_error";

  /** Client to manager: one call of the operator API. */
  public static final String CALL = "call";

  /** Manager to client: a call's value. */
  public static final String RESULT = "result";

  /** Manager to client: a call the operator's role does not include; the session stays open. */
  public static final String REFUSED = "refused";

  /** Manager to client: a call that failed; the session stays open. */
  public static final String FAILED = "failed";

  /** Client to manager: start the events, after a snapshot. */
  public static final String SUBSCRIBE = "subscribe";

  /** Manager to client: one part of the state the events start from. */
  public static final String SNAPSHOT = "snapshot";

  /** Manager to client: one change, numbered. */
  public static final String EVENT = "event";

  /** Either side: are you there; answered by {@link #PONG}. */
  public static final String PING = "ping";

  /** The answer to {@link #PING}. */
  public static final String PONG = "pong";

  /** What a client may send. */
  public static final Set<String> FROM_CLIENT = Set.of(HELLO, CALL, SUBSCRIBE, PING, PONG);

  /** One strict Gson for every record on the channel. */
  public static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .serializeSpecialFloatingPointValues()
          .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
          .registerTypeAdapter(Duration.class, new DurationAdapter().nullSafe())
          .registerTypeAdapter(Fingerprint.class, new FingerprintAdapter().nullSafe())
          .registerTypeAdapter(InetSocketAddress.class, new AddressAdapter().nullSafe())
          .create();

  private OperatorWire() {}

  /** A frame of {@code type} to fill in. */
  public static JsonObject frame(String type) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", type);
    return frame;
  }

  /** A frame's bytes. */
  public static byte[] encode(JsonObject frame) {
    return GSON.toJson(frame).getBytes(StandardCharsets.UTF_8);
  }

  /** A value as JSON. */
  public static JsonElement tree(Object value) {
    return GSON.toJsonTree(value);
  }

  /**
   * A JSON value as {@code type}.
   *
   * @throws ProtocolException when it does not fit the type, naming what it is
   */
  public static <T> T value(JsonElement json, Type type, String what) throws ProtocolException {
    try {
      return GSON.fromJson(json, type);
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad " + what + ": " + firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      // Gson wraps what a record's constructor refused ("Failed to invoke constructor ...").
      Throwable why = e.getCause() == null ? e : e.getCause();
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad " + what + ": " + firstLine(why.getMessage()), e);
    }
  }

  /**
   * Decodes one frame: valid UTF-8, strict JSON (no duplicate names, at most 16 levels, nothing
   * after it), an object with a string {@code type}.
   *
   * @throws ProtocolException naming what is wrong
   */
  public static JsonObject decode(byte[] body) throws ProtocolException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame is not valid UTF-8", e);
    }
    JsonElement document = StrictJson.parse(text);
    if (!document.isJsonObject()) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame is not a JSON object");
    }
    JsonObject frame = document.getAsJsonObject();
    JsonElement type = frame.get("type");
    if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame has no string 'type'");
    }
    return frame;
  }

  /** A frame's type. */
  public static String type(JsonObject frame) {
    return frame.get("type").getAsString();
  }

  /**
   * A frame's string member.
   *
   * @throws ProtocolException when it is missing or not a string
   */
  public static String string(JsonObject frame, String member) throws ProtocolException {
    JsonElement e = frame.get(member);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, what(frame) + " needs a string '" + member + "'");
    }
    return e.getAsString();
  }

  /**
   * A frame's whole-number member.
   *
   * @throws ProtocolException when it is missing or not a whole number
   */
  public static long number(JsonObject frame, String member) throws ProtocolException {
    JsonElement e = frame.get(member);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, what(frame) + " needs a number '" + member + "'");
    }
    String literal = e.getAsNumber().toString();
    try {
      return Long.parseLong(literal);
    } catch (NumberFormatException notWhole) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          "'" + member + "' must be a whole number, not " + StrictJson.abbreviate(literal));
    }
  }

  /** What a message names a frame by: "the 'call' frame", or "an entry" for a nested object. */
  private static String what(JsonObject frame) {
    JsonElement type = frame.get("type");
    return type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isString()
        ? "the '" + StrictJson.abbreviate(type.getAsString()) + "' frame"
        : "an entry";
  }

  private static String firstLine(String text) {
    String s = String.valueOf(text);
    int nl = s.indexOf('\n');
    return StrictJson.abbreviate(nl < 0 ? s : s.substring(0, nl));
  }

  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter out, Instant value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Instant read(JsonReader in) throws IOException {
      String text = in.nextString();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonParseException("'" + text + "' is not an ISO-8601 instant", e);
      }
    }
  }

  private static final class DurationAdapter extends TypeAdapter<Duration> {
    @Override
    public void write(JsonWriter out, Duration value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Duration read(JsonReader in) throws IOException {
      String text = in.nextString();
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonParseException("'" + text + "' is not an ISO-8601 duration", e);
      }
    }
  }

  private static final class FingerprintAdapter extends TypeAdapter<Fingerprint> {
    @Override
    public void write(JsonWriter out, Fingerprint value) throws IOException {
      out.value(value.value());
    }

    @Override
    public Fingerprint read(JsonReader in) throws IOException {
      return new Fingerprint(in.nextString());
    }
  }

  /** An address as {@code 127.0.0.1:7000} or {@code [::1]:7000}; only literal addresses. */
  private static final class AddressAdapter extends TypeAdapter<InetSocketAddress> {
    @Override
    public void write(JsonWriter out, InetSocketAddress value) throws IOException {
      String host =
          value.getAddress() == null ? value.getHostString() : value.getAddress().getHostAddress();
      out.value((host.contains(":") ? "[" + host + "]" : host) + ":" + value.getPort());
    }

    @Override
    public InetSocketAddress read(JsonReader in) throws IOException {
      String text = in.nextString();
      int colon = text.lastIndexOf(':');
      if (colon < 1) {
        throw new JsonParseException("'" + text + "' is not HOST:PORT");
      }
      String host = text.substring(0, colon).replace("[", "").replace("]", "");
      if (!host.matches("[0-9a-fA-F.:%]+")) {
        throw new JsonParseException("'" + text + "' is not a literal address");
      }
      try {
        return new InetSocketAddress(
            InetAddress.getByName(host), Integer.parseInt(text.substring(colon + 1)));
      } catch (IllegalArgumentException | java.net.UnknownHostException e) {
        throw new JsonParseException("'" + text + "' is not HOST:PORT", e);
      }
    }
  }
}
