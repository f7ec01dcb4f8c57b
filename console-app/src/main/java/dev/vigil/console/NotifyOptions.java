package dev.vigil.console;

import dev.vigil.common.config.ConfigException;
import dev.vigil.console.manager.notify.Channel;
import dev.vigil.console.manager.notify.ChannelTypes;
import dev.vigil.console.manager.notify.NotifyConfig;
import dev.vigil.console.manager.notify.NotifyConfigFile;
import dev.vigil.console.manager.notify.NotifySetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The notification options that {@code console} and {@code manager} share: the notifications
 * config, and quick-start webhook and Alertmanager channels.
 */
final class NotifyOptions {
  @Option(
      names = "--notifications",
      paramLabel = "FILE",
      description =
          "Read channels, routes and noise settings from FILE (default: DATA_DIR/notifications.conf"
              + " when it exists); docs/notifications.md lists every key.")
  Path file;

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      split = ",",
      description =
          "Send every problem of warning and above to this webhook (Vigil's JSON body);"
              + " repeatable. A URL with a token is better kept in the secrets file.")
  List<String> webhooks = new ArrayList<>();

  @Option(
      names = "--alertmanager",
      paramLabel = "URL",
      split = ",",
      description =
          "Push every problem of warning and above to this Prometheus Alertmanager; repeatable.")
  List<String> alertmanagers = new ArrayList<>();

  /**
   * The setup, checked now (the file read, the secrets file's mode, every channel built once) so
   * that a mistake stops the command before it starts.
   *
   * @throws CommandLine.ParameterException with the sentence naming the file, line and key
   */
  NotifySetup setup(CommandLine cli, Path dataDir) {
    NotifySetup setup = new NotifySetup(file, webhooks, alertmanagers);
    try {
      NotifyConfig config = NotifyConfigFile.load(setup, dataDir);
      ChannelTypes.createAll(config).values().forEach(Channel::close);
    } catch (ConfigException | IOException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
    return setup;
  }
}
