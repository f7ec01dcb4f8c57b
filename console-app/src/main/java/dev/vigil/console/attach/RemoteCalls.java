package dev.vigil.console.attach;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vigil.console.manager.api.RefusedException;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.protocol.frame.ProtocolException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls to a manager over its operator channel, with their arguments encoded and their answers
 * decoded; a refusal is a {@link RefusedException} with the manager's sentence.
 */
final class RemoteCalls {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Attachment attachment;

  RemoteCalls(Attachment attachment) {
    this.attachment = attachment;
  }

  /** The arguments of a call from names and values; a null value is left out. */
  static JsonObject args(Object... namesAndValues) {
    JsonObject args = new JsonObject();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value != null) {
        args.add((String) namesAndValues[i], OperatorWire.tree(value));
      }
    }
    return args;
  }

  /** Makes a call and waits up to 30 seconds for its value. */
  <T> T call(ApiCall call, JsonObject args, Type type) {
    return call(call, args, type, CALL_TIMEOUT);
  }

  /** Makes a call and waits for its value; a refusal or failure throws with the manager's words. */
  <T> T call(ApiCall call, JsonObject args, Type type, Duration timeout) {
    try {
      return decode(
          attachment.call(call, args).get(timeout.toMillis(), TimeUnit.MILLISECONDS), type);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The manager did not answer '"
              + call.wireName()
              + "' within "
              + timeout.toSeconds()
              + " seconds",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the manager", e);
    }
  }

  /** Makes a call whose value arrives later, such as a command's outcome. */
  <T> CompletableFuture<T> later(ApiCall call, JsonObject args, Type type) {
    return attachment.call(call, args).thenApply(json -> decode(json, type));
  }

  private static <T> T decode(JsonElement json, Type type) {
    if (json == null || json.isJsonNull()) {
      return null;
    }
    try {
      return OperatorWire.value(json, type, "answer");
    } catch (ProtocolException e) {
      throw new IllegalStateException(
          "The manager's answer could not be read: " + e.getMessage(), e);
    }
  }
}
