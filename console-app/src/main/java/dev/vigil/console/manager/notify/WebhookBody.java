package dev.vigil.console.manager.notify;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vigil.console.manager.api.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bodies a webhook sends: Vigil's own versioned JSON ({@code "version": 1}, documented in
 * docs/notifications.md), and the text-and-blocks shapes of Slack, Mattermost and Teams incoming
 * webhooks. Stateless, thread-safe.
 */
final class WebhookBody {
  /** The version of Vigil's body; a change that breaks a receiver raises it. */
  static final int VERSION = 1;

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** The formats a webhook can send. */
  enum Format {
    VIGIL,
    SLACK,
    MATTERMOST,
    TEAMS
  }

  /**
   * At most this many problems are listed in a chat message (Slack takes 50 blocks); the rest are
   * counted in one line. Vigil's own body lists them all.
   */
  static final int CHAT_LINES = 20;

  private WebhookBody() {}

  /** The notices a chat message lists, and a line counting the rest, if any. */
  private static List<String> chatLines(Message m) {
    List<String> lines = new ArrayList<>();
    for (Notice n : m.notices().subList(0, Math.min(CHAT_LINES, m.notices().size()))) {
      lines.add(line(n));
    }
    if (m.notices().size() > CHAT_LINES) {
      lines.add("…and " + (m.notices().size() - CHAT_LINES) + " more");
    }
    return lines;
  }

  static String of(Format format, Message m, long sentMillis) {
    return switch (format) {
      case VIGIL -> vigil(m, sentMillis);
      case SLACK -> slack(m);
      case MATTERMOST -> mattermost(m);
      case TEAMS -> teams(m);
    };
  }

  private static String vigil(Message m, long sentMillis) {
    JsonObject body = new JsonObject();
    body.addProperty("version", VERSION);
    body.addProperty("id", m.id());
    body.addProperty("test", m.test());
    body.addProperty("sent", Instant.ofEpochMilli(sentMillis).toString());
    body.addProperty("summary", summary(m));
    JsonArray problems = new JsonArray();
    for (Notice n : m.notices()) {
      Problem p = n.problem();
      JsonObject o = new JsonObject();
      o.addProperty("problem", p.id());
      o.addProperty("transition", lower(n.transition().name()));
      o.addProperty("agent", p.agentId());
      o.addProperty("host", p.hostname());
      o.addProperty("rule", p.rule());
      o.addProperty("severity", lower(p.severity().name()));
      o.addProperty("value", p.value());
      o.addProperty("state", lower(p.state().name()));
      o.addProperty("since", Instant.ofEpochMilli(p.sinceMillis()).toString());
      o.addProperty("message", p.message());
      o.addProperty("note", n.note());
      o.addProperty("acknowledgedBy", p.acknowledgedBy());
      o.addProperty("acknowledge", acknowledge(p));
      problems.add(o);
    }
    body.add("problems", problems);
    return GSON.toJson(body);
  }

  private static String slack(Message m) {
    JsonObject body = new JsonObject();
    body.addProperty("text", summary(m));
    JsonArray blocks = new JsonArray();
    blocks.add(section("*" + summary(m) + "*"));
    for (String l : chatLines(m)) {
      blocks.add(section(l));
    }
    body.add("blocks", blocks);
    return GSON.toJson(body);
  }

  private static JsonObject section(String markdown) {
    JsonObject text = new JsonObject();
    text.addProperty("type", "mrkdwn");
    text.addProperty("text", markdown);
    JsonObject block = new JsonObject();
    block.addProperty("type", "section");
    block.add("text", text);
    return block;
  }

  private static String mattermost(Message m) {
    JsonObject body = new JsonObject();
    body.addProperty("text", summary(m));
    JsonArray attachments = new JsonArray();
    List<String> lines = chatLines(m);
    for (int i = 0; i < lines.size(); i++) {
      JsonObject a = new JsonObject();
      a.addProperty("fallback", lines.get(i));
      a.addProperty(
          "color",
          i < CHAT_LINES && i < m.notices().size() ? colour(m.notices().get(i)) : "#808080");
      a.addProperty("text", lines.get(i));
      attachments.add(a);
    }
    body.add("attachments", attachments);
    return GSON.toJson(body);
  }

  private static String teams(Message m) {
    JsonObject body = new JsonObject();
    body.addProperty("@type", "MessageCard");
    body.addProperty("@context", "https://schema.org/extensions");
    body.addProperty("summary", summary(m));
    body.addProperty("title", summary(m));
    body.addProperty(
        "themeColor", m.notices().isEmpty() ? "808080" : colour(m.notices().get(0)).substring(1));
    JsonArray sections = new JsonArray();
    for (String l : chatLines(m)) {
      JsonObject s = new JsonObject();
      s.addProperty("text", l);
      sections.add(s);
    }
    body.add("sections", sections);
    return GSON.toJson(body);
  }

  /** One line for a person: "FIRING critical cpu.high on web-1: CPU 97% (since ...)". */
  static String line(Notice n) {
    Problem p = n.problem();
    return n.transition().name().replace('_', ' ')
        + " "
        + lower(p.severity().name())
        + " "
        + p.rule()
        + " on "
        + p.hostname()
        + ": "
        + p.message()
        + " (value "
        + p.value()
        + ", since "
        + Instant.ofEpochMilli(p.sinceMillis())
        + (n.note().isEmpty() ? "" : "; " + n.note())
        + (p.active() ? "; to acknowledge: " + acknowledge(p) : "")
        + ")";
  }

  /** "Vigil: 3 problems firing, 1 resolved", or the test's sentence. */
  static String summary(Message m) {
    if (m.test()) {
      return "Vigil: a test notification to channel '" + m.channel() + "'";
    }
    java.util.Map<Notice.Transition, Long> counts =
        new java.util.EnumMap<>(Notice.Transition.class);
    m.notices().forEach(n -> counts.merge(n.transition(), 1L, Long::sum));
    StringBuilder s = new StringBuilder("Vigil:");
    String sep = " ";
    for (var e : counts.entrySet()) {
      s.append(sep)
          .append(e.getValue())
          .append(' ')
          .append(lower(e.getKey().name()).replace('_', ' '));
      sep = ", ";
    }
    return s.toString();
  }

  private static String acknowledge(Problem p) {
    return "ack " + p.alertId() + " (headless), or Acknowledge on the problem in the window";
  }

  private static String colour(Notice n) {
    return switch (n.transition()) {
      case RESOLVED -> "#2eb886";
      case ACKNOWLEDGED -> "#808080";
      default -> n.problem().severity().name().equals("CRITICAL") ? "#d00000" : "#daa038";
    };
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
