package dev.vigil.console.manager.notify;

import java.util.Locale;

/** The names a mail is known by: its Message-ID and the domain the manager signs with. */
final class MailIds {
  private MailIds() {}

  /**
   * The Message-ID of a message's mail, the same on every retry and after a restart: the store's id
   * and creation time, at the manager's name.
   */
  static String messageId(Message message, String manager) {
    return "<vigil." + message.id() + "." + message.createdMillis() + "@" + domain(manager) + ">";
  }

  /**
   * {@code manager} as a mail domain (letters, digits, dots and hyphens; anything else a hyphen),
   * for the Message-ID, the EHLO greeting and a header: it cannot break a header line.
   */
  static String domain(String manager) {
    String d =
        manager
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9.-]", "-")
            .replaceAll("\\.{2,}", ".")
            .replaceAll("^[.-]+|[.-]+$", "");
    return d.isEmpty() ? "vigil.invalid" : d;
  }
}
