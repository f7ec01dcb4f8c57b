package dev.vigil.protocol.frame;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.MessageTypes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns messages into frame bodies and back: a strict JSON envelope {@code {"type": ..., "body":
 * {...}}} whose type must be in {@link MessageTypes}. Thread-safe and stateless.
 */
public final class MessageCodec {
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
   * Decodes one frame body by the rules of docs/protocol.md section 2, in this order: valid UTF-8;
   * strict JSON without duplicate names, nested at most 16 deep, nothing after it; an envelope of
   * exactly a string {@code type} and an object {@code body}; a registered type (else {@link
   * ErrorCode#UNKNOWN_TYPE}); then the body's fields.
   *
   * @throws ProtocolException when the bytes are not valid UTF-8, not strict JSON, name an unknown
   *     type or carry fields a message refuses; the message names the field
   */
  public static Message decode(byte[] body) throws ProtocolException {
    JsonElement document = StrictJson.parse(utf8(body));
    if (!document.isJsonObject()) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame is not a JSON object");
    }
    JsonObject envelope = document.getAsJsonObject();
    JsonElement typeElement = envelope.get("type");
    if (typeElement == null
        || !typeElement.isJsonPrimitive()
        || !typeElement.getAsJsonPrimitive().isString()) {
      throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "the frame has no string 'type'");
    }
    for (String member : envelope.keySet()) {
      if (!member.equals("type") && !member.equals("body")) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME,
            "the envelope has a member '"
                + abbreviate(member)
                + "'; only 'type' and 'body' are allowed");
      }
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
      return BodyReader.read(bodyElement.getAsJsonObject(), messageClass);
    } catch (ProtocolException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad '" + type + "' body: " + e.getMessage(), e);
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

  private static String abbreviate(String s) {
    return StrictJson.abbreviate(s);
  }
}
