package dev.vigil.console.manager.notify;

import dev.vigil.common.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place channel types are registered: a channel's settings to the channel. Stateless. */
public final class ChannelTypes {
  private ChannelTypes() {}

  /**
   * Builds every channel of a config, by name; none stays open when one is wrong.
   *
   * @throws ConfigException naming the file, the line and the key that is wrong
   */
  public static Map<String, Channel> createAll(NotifyConfig config) throws ConfigException {
    Map<String, Channel> built = new LinkedHashMap<>();
    try {
      for (ChannelSettings s : config.channels().values()) {
        built.put(s.name(), create(s));
      }
    } catch (ConfigException | RuntimeException e) {
      built.values().forEach(Channel::close);
      throw e;
    }
    return built;
  }

  /**
   * Builds a channel.
   *
   * @throws ConfigException naming the file, the line and the key that is wrong
   */
  public static Channel create(ChannelSettings s) throws ConfigException {
    return switch (s.type()) {
      case "webhook" -> WebhookChannel.from(s);
      case "email" -> EmailChannel.from(s);
      case "alertmanager" -> AlertmanagerChannel.from(s);
      default -> throw s.error("type", "is email, webhook or alertmanager, not '" + s.type() + "'");
    };
  }
}
