package dev.vigil.console.manager.api;

/**
 * One notification channel as the window shows it: its target with every secret masked, and its
 * record. Immutable.
 *
 * @param name the operator's name for it
 * @param type {@code email}, {@code webhook} or {@code alertmanager}
 * @param target where it sends, secrets masked ({@code https://hooks.slack.com/•••})
 * @param lastDeliveredMillis when it last accepted a message, or 0
 * @param pending messages waiting for it
 * @param lastError the sentence of its newest failure while a message waits, or empty
 * @param routes how problems reach it, one sentence per route ({@code route ops: severity>=warning
 *     rule=cpu.*}, {@code escalation of route ops after 15m})
 */
public record NotificationChannel(
    String name,
    String type,
    String target,
    long lastDeliveredMillis,
    int pending,
    String lastError,
    java.util.List<String> routes) {

  public NotificationChannel {
    routes = routes == null ? java.util.List.of() : java.util.List.copyOf(routes);
  }
}
