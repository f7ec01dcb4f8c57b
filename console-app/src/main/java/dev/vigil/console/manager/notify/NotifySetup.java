package dev.vigil.console.manager.notify;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line asks of the notifier: a notifications config file, and quick-start
 * channels. Immutable.
 *
 * @param file the notifications config ({@code --notifications}), or null for {@code
 *     DATA_DIR/notifications.conf} when it exists
 * @param webhooks the {@code --webhook} URLs, each a channel routed every problem of warning and
 *     above
 * @param alertmanagers the {@code --alertmanager} URLs, likewise
 */
public record NotifySetup(Path file, List<String> webhooks, List<String> alertmanagers) {

  /** No file named and no quick-start channel: only {@code DATA_DIR/notifications.conf}. */
  public static final NotifySetup DEFAULT = new NotifySetup(null, List.of(), List.of());

  public NotifySetup {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    alertmanagers = alertmanagers == null ? List.of() : List.copyOf(alertmanagers);
  }
}
