package dev.vigil.protocol.frame;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.MessageTypes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns messages into frame bodies and back: a strict JSON envelope {@code {"type": ..., "body":
 * {...}}} whose type must be in {@link MessageTypes}. Thread-safe and stateless.
 */
public final class MessageCodec {
  private static final int MAX_NESTING = 16;

  private static final Gson GSON =
      new GsonBuilder()
          .setStrictness(Strictness.STRICT)
          .disableHtmlEscaping()
          .serializeSpecialFloatingPointValues()
          .create();

  private MessageCodec() {}

  /** Encodes a message as UTF-8 JSON. */
  public static byte[] encode(Message message) {
    JsonObject envelope = new JsonObject();
    envelope.addProperty("type", MessageTypes.nameOf(message.getClass()));
    envelope.add("body", GSON.toJsonTree(message));
    return GSON.toJson(envelope).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes one frame body.
   *
   * @throws ProtocolException when the bytes are not valid UTF-8, not strict JSON, name an unknown
   *     type or carry fields a message refuses
   */
  public static Message decode(byte[] body) throws ProtocolException {
    String text = utf8(body);
    JsonObject envelope = parseEnvelope(text);
    JsonElement typeElement = envelope.get("type");
    if (typeElement == null
        || !typeElement.isJsonPrimitive()
        || !typeElement.getAsJsonPrimitive().isString()) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame has no string 'type'");
    }
    String type = typeElement.getAsString();
    Class<? extends Message> messageClass =
        MessageTypes.byName(type)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ErrorCode.UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'"));
    JsonElement bodyElement = envelope.get("body");
    if (bodyElement == null || !bodyElement.isJsonObject()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "the '" + type + "' frame has no object 'body'");
    }
    try {
      Message message = GSON.fromJson(bodyElement, messageClass);
      if (message == null) {
        throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "empty '" + type + "' body");
      }
      return message;
    } catch (JsonParseException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad '" + type + "' body: " + rootMessage(e), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      // Record constructors refuse missing or out-of-range fields.
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad '" + type + "' body: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Gson wraps exceptions thrown by a record's canonical constructor.
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad '" + type + "' body: " + rootMessage(e), e);
    }
  }

  private static String utf8(byte[] body) throws ProtocolException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame is not valid UTF-8", e);
    }
  }

  private static JsonObject parseEnvelope(String text) throws ProtocolException {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      reader.setNestingLimit(MAX_NESTING);
      JsonElement element = GSON.fromJson(reader, JsonElement.class);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME, "the frame has data after its JSON object");
      }
      if (element == null || !element.isJsonObject()) {
        throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame is not a JSON object");
      }
      return element.getAsJsonObject();
    } catch (JsonParseException | IOException | IllegalStateException e) {
      if (e instanceof ProtocolException pe) {
        throw pe;
      }
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "the frame is not strict JSON: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return abbreviate(String.valueOf(t.getMessage()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
