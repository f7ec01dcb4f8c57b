package dev.vigil.console.manager.notify;

import dev.vigil.common.Durations;
import dev.vigil.common.config.ConfigException;
import dev.vigil.common.config.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the notifications config ({@code DATA_DIR/notifications.conf} or {@code --notifications
 * FILE}) and the secrets file, and adds the command line's quick-start channels. Every mistake
 * names the file, the line and the key. Stateless.
 */
public final class NotifyConfigFile {
  /** Where every key is documented. */
  public static final String KEYS_DOCUMENT = "docs/notifications.md";

  /** The config file's name in the data directory. */
  public static final String FILE_NAME = "notifications.conf";

  /** The secrets file's name in the data directory. */
  public static final String SECRETS_NAME = "notification-secrets";

  private static final Set<String> KEYS =
      Set.of(
          "channel.*",
          "route.*",
          "group-window",
          "rate-limit",
          "reminder-every",
          "failing-after",
          "secrets");

  private static final Set<String> ROUTE_KEYS =
      Set.of("match", "to", "escalate-after", "escalate-to");

  private NotifyConfigFile() {}

  /**
   * The notifier's settings for a data directory and a command line.
   *
   * @throws ConfigException naming the file, the line and the key of a mistake
   * @throws IOException when the secrets file others may read (naming the chmod) or cannot be read
   */
  public static NotifyConfig load(NotifySetup setup, Path dataDir)
      throws ConfigException, IOException {
    Path file = setup.file();
    if (file == null && Files.exists(dataDir.resolve(FILE_NAME))) {
      file = dataDir.resolve(FILE_NAME);
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new ConfigException(
          file + ": no such file; give an existing file with --notifications");
    }
    ConfigFile config = file == null ? null : ConfigFile.read(file, KEYS, KEYS_DOCUMENT);
    Path secretsFile = dataDir.resolve(SECRETS_NAME);
    if (config != null && config.get("secrets") != null) {
      Path named = Path.of(config.get("secrets").value());
      secretsFile = file.toAbsolutePath().getParent().resolve(named);
    }
    Secrets secrets = Secrets.read(secretsFile);
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    Map<String, Map<String, String>> origins = new HashMap<>();
    Map<String, Map<String, ConfigFile.Entry>> routes = new LinkedHashMap<>();
    Duration window = NotifyConfig.DEFAULT_GROUP_WINDOW;
    RateLimit limit = NotifyConfig.DEFAULT_RATE_LIMIT;
    Duration reminders = NotifyConfig.DEFAULT_REMINDER_EVERY;
    Duration failing = NotifyConfig.DEFAULT_FAILING_AFTER;
    if (config != null) {
      for (ConfigFile.Entry e : config.entries()) {
        String where = config.origin(e);
        String[] parts = e.key().split("\\.", 3);
        switch (parts[0]) {
          case "channel" -> {
            if (parts.length < 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
              throw new ConfigException(where + ": write channel.NAME.KEY = value");
            }
            values.computeIfAbsent(parts[1], n -> new LinkedHashMap<>()).put(parts[2], e.value());
            origins
                .computeIfAbsent(parts[1], n -> new HashMap<>())
                .put(parts[2], file + " line " + e.line());
          }
          case "route" -> {
            if (parts.length < 3 || !ROUTE_KEYS.contains(parts[2])) {
              throw new ConfigException(
                  where + ": write route.NAME.match, .to, .escalate-after or .escalate-to");
            }
            routes.computeIfAbsent(parts[1], n -> new LinkedHashMap<>()).put(parts[2], e);
          }
          case "group-window" -> window = duration(where, e.value());
          case "rate-limit" -> limit = parse(where, () -> RateLimit.parse(e.value()));
          case "reminder-every" ->
              reminders = e.value().equals("off") ? null : duration(where, e.value());
          case "failing-after" -> failing = duration(where, e.value());
          default -> {} // secrets: read above
        }
      }
    }
    Map<String, ChannelSettings> channels = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> c : values.entrySet()) {
      String name = c.getKey();
      String type = c.getValue().get("type");
      if (type == null) {
        throw new ConfigException(
            file
                + ": channel '"
                + name
                + "' needs 'channel."
                + name
                + ".type'"
                + " (email, webhook or alertmanager)");
      }
      channels.put(
          name, new ChannelSettings(name, type, c.getValue(), origins.get(name), secrets::get));
    }
    List<Route> routeList = new ArrayList<>();
    for (Map.Entry<String, Map<String, ConfigFile.Entry>> r : routes.entrySet()) {
      routeList.add(route(config, file, r.getKey(), r.getValue(), channels.keySet()));
    }
    if (routeList.isEmpty() && !channels.isEmpty()) {
      // Channels and no route: every channel hears of every problem of warning and above.
      routeList.add(
          new Route("default", Match.EVERYTHING, List.copyOf(channels.keySet()), null, null));
    }
    quickStart(setup, channels, routeList, secrets);
    String source =
        file != null ? file.toString() : channels.isEmpty() ? "none" : "the command line";
    return new NotifyConfig(channels, routeList, window, limit, reminders, failing, source);
  }

  private static void quickStart(
      NotifySetup setup,
      Map<String, ChannelSettings> channels,
      List<Route> routes,
      Secrets secrets) {
    List<String> names = new ArrayList<>();
    add(setup.webhooks(), "webhook", "--webhook", channels, names, secrets::get);
    add(setup.alertmanagers(), "alertmanager", "--alertmanager", channels, names, secrets::get);
    if (!names.isEmpty()) {
      routes.add(new Route("quick-start", Match.EVERYTHING, names, null, null));
    }
  }

  private static void add(
      List<String> urls,
      String type,
      String option,
      Map<String, ChannelSettings> channels,
      List<String> names,
      UnaryOperator<String> secrets) {
    for (int i = 0; i < urls.size(); i++) {
      String name = urls.size() == 1 ? type : type + "-" + (i + 1);
      channels.put(
          name,
          new ChannelSettings(
              name,
              type,
              Map.of("type", type, "url", urls.get(i)),
              Map.of("url", option),
              secrets));
      names.add(name);
    }
  }

  private static Route route(
      ConfigFile config,
      Path file,
      String name,
      Map<String, ConfigFile.Entry> keys,
      Set<String> channels)
      throws ConfigException {
    ConfigFile.Entry to = keys.get("to");
    if (to == null) {
      throw new ConfigException(file + ": route '" + name + "' needs 'route." + name + ".to'");
    }
    ConfigFile.Entry match = keys.get("match");
    Match m =
        match == null
            ? Match.EVERYTHING
            : parse(config.origin(match), () -> Match.parse(match.value()));
    ConfigFile.Entry after = keys.get("escalate-after");
    ConfigFile.Entry escalate = keys.get("escalate-to");
    if ((after == null) != (escalate == null)) {
      ConfigFile.Entry given = after != null ? after : escalate;
      throw new ConfigException(
          config.origin(given)
              + ": escalation needs both route."
              + name
              + ".escalate-after and"
              + " route."
              + name
              + ".escalate-to");
    }
    return new Route(
        name,
        m,
        channelList(config, to, channels),
        after == null ? null : duration(config.origin(after), after.value()),
        escalate == null ? null : channelList(config, escalate, channels));
  }

  private static List<String> channelList(
      ConfigFile config, ConfigFile.Entry e, Set<String> channels) throws ConfigException {
    List<String> names =
        Arrays.stream(e.value().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String n : names) {
      if (!channels.contains(n)) {
        throw new ConfigException(
            config.origin(e)
                + ": there is no channel '"
                + n
                + "'; the channels are "
                + (channels.isEmpty() ? "none" : String.join(", ", channels)));
      }
    }
    return names;
  }

  private static Duration duration(String where, String value) throws ConfigException {
    return parse(where, () -> Durations.parse(value));
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T parse(String where, Parse<T> how) throws ConfigException {
    try {
      return how.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }
}
