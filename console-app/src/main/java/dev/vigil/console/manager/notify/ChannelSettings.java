package dev.vigil.console.manager.notify;

import dev.vigil.common.config.ConfigException;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One channel's settings as the notifications config wrote them ({@code channel.NAME.KEY = value}),
 * each remembering where it was written so that a mistake names the file, the line and the key.
 * Values written {@code secret:ID} are read from the secrets file and never shown.
 *
 * @param name the channel's name
 * @param type its type
 * @param values its keys (without {@code channel.NAME.}) to their values
 * @param origins its keys to where they were written, for example {@code
 *     /etc/vigil/notifications.conf line 7}
 * @param secrets looks up a {@code secret:ID} value's ID in the secrets file; null when missing
 */
public record ChannelSettings(
    String name,
    String type,
    Map<String, String> values,
    Map<String, String> origins,
    UnaryOperator<String> secrets) {

  public ChannelSettings {
    values = Map.copyOf(values);
    origins = Map.copyOf(origins);
  }

  /** The value of {@code key}, a secret resolved, or empty when it is not written. */
  public Optional<String> optional(String key) throws ConfigException {
    String raw = values.get(key);
    if (raw == null) {
      return Optional.empty();
    }
    if (raw.startsWith("secret:")) {
      String id = raw.substring("secret:".length());
      String secret = secrets.apply(id);
      if (secret == null) {
        throw error(key, "names the secret '" + id + "', which the secrets file does not hold");
      }
      return Optional.of(secret);
    }
    return Optional.of(raw);
  }

  /** The value of {@code key}, a secret resolved. */
  public String required(String key) throws ConfigException {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      throw new ConfigException(
          "channel '" + name + "' (" + type + ") needs 'channel." + name + "." + key + "'");
    }
    return value.get();
  }

  /** An error about {@code key} that names the file, the line and the key. */
  public ConfigException error(String key, String what) {
    String where = origins.getOrDefault(key, "channel '" + name + "'");
    return new ConfigException(where + " ('channel." + name + "." + key + "'): " + what);
  }
}
