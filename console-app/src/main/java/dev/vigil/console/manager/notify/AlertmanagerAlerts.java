package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NoticeWording.oneLine;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vigil.console.manager.api.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code POST /api/v2/alerts} for a message: one alert per problem, identified by its
 * labels ({@code alertname}, {@code agent}, {@code host}, {@code rule}, {@code severity}, {@code
 * vigil_manager}) so that a reminder, an acknowledgement or a re-send updates the same alert rather
 * than adding one. A firing alert ends at now plus four re-send periods, as Prometheus sets it, so
 * that Alertmanager resolves it by itself if the manager dies; a resolved one ends when the problem
 * ended. Stateless.
 */
final class AlertmanagerAlerts {
  /** Alertmanager keeps a firing alert this many re-send periods past the last time it heard. */
  static final int RESEND_PERIODS_KEPT = 4;

  private AlertmanagerAlerts() {}

  static JsonArray of(Message message, String manager, Duration resend, long nowMillis) {
    String firingEnd =
        Instant.ofEpochMilli(nowMillis).plus(resend.multipliedBy(RESEND_PERIODS_KEPT)).toString();
    JsonArray alerts = new JsonArray();
    if (message.notices().isEmpty()) {
      JsonObject labels = new JsonObject();
      labels.addProperty("alertname", "VigilTest");
      labels.addProperty("channel", oneLine(message.channel()));
      labels.addProperty("severity", "none");
      labels.addProperty("vigil_manager", manager);
      JsonObject annotations = new JsonObject();
      annotations.addProperty("summary", NoticeWording.headline(message));
      annotations.addProperty(
          "description", "A test message the operator sent from the Vigil manager " + manager);
      alerts.add(alert(labels, annotations, Instant.ofEpochMilli(nowMillis).toString(), firingEnd));
      return alerts;
    }
    // The newest notice of each problem: a message may tell a problem fired and then resolved.
    Map<String, Notice> newest = new LinkedHashMap<>();
    for (Notice n : message.notices()) {
      newest.put(n.problem().key(), n);
    }
    for (Notice n : newest.values()) {
      Problem p = n.problem();
      JsonObject labels = new JsonObject();
      labels.addProperty("alertname", oneLine(p.rule()));
      labels.addProperty("agent", oneLine(p.agentId()));
      labels.addProperty("host", oneLine(p.hostname()));
      labels.addProperty("rule", oneLine(p.rule()));
      labels.addProperty("severity", p.severity().name().toLowerCase(Locale.ROOT));
      labels.addProperty("vigil_manager", manager);
      JsonObject annotations = new JsonObject();
      annotations.addProperty(
          "summary",
          NoticeWording.status(n) + " " + oneLine(p.rule()) + " on " + NoticeWording.host(p));
      annotations.addProperty(
          "description",
          oneLine(p.message())
              + " (value "
              + NoticeWording.value(p.value())
              + ", "
              + NoticeWording.state(p)
              + ", since "
              + NoticeWording.when(p.sinceMillis())
              + ")"
              + (n.note().isBlank() ? "" : ". " + oneLine(n.note())));
      if (!message.acknowledgeHint().isBlank()) {
        annotations.addProperty("acknowledge", message.acknowledgeHint());
      }
      if (p.acknowledged()) {
        annotations.addProperty("acknowledged_by", oneLine(p.acknowledgedBy()));
      }
      String starts = Instant.ofEpochMilli(p.sinceMillis()).toString();
      String ends =
          NoticeWording.over(n)
              ? Instant.ofEpochMilli(Math.max(p.updatedMillis(), p.sinceMillis())).toString()
              : firingEnd;
      alerts.add(alert(labels, annotations, starts, ends));
    }
    return alerts;
  }

  private static JsonObject alert(
      JsonObject labels, JsonObject annotations, String startsAt, String endsAt) {
    JsonObject alert = new JsonObject();
    alert.add("labels", labels);
    alert.add("annotations", annotations);
    alert.addProperty("startsAt", startsAt);
    alert.addProperty("endsAt", endsAt);
    return alert;
  }
}
