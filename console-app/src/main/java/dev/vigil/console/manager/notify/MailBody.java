package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NoticeWording.oneLine;

import dev.vigil.console.manager.api.Problem;
import java.util.List;
import java.util.Locale;

/**
 * The two bodies of a notification mail, plain text and HTML, saying the same: each notice's agent,
 * host, rule, severity, value, state, since when and what happened, then how to acknowledge. Every
 * piece of text from agents is escaped in the HTML: it is data, never markup. Immutable.
 *
 * @param plain the text/plain part
 * @param html the text/html part
 */
record MailBody(String plain, String html) {

  static MailBody of(Message message, String manager, long nowMillis) {
    List<Notice> notices = message.notices();
    String intro =
        (message.test()
                ? "A test message of the channel '" + oneLine(message.channel()) + "'"
                : notices.size() == 1 ? "1 problem" : notices.size() + " problems")
            + ", from the Vigil manager "
            + oneLine(manager)
            + " at "
            + NoticeWording.when(nowMillis)
            + ".";
    StringBuilder plain = new StringBuilder();
    plain.append(NoticeWording.headline(message)).append("\n\n").append(intro).append("\n");
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(NoticeWording.headline(message)))
        .append("</title></head>\n<body style=\"font-family: sans-serif\">\n<p>")
        .append(escape(intro))
        .append("</p>\n");
    if (!notices.isEmpty()) {
      html.append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse: collapse\">\n")
          .append("<tr><th>Status</th><th>Host</th><th>Rule</th><th>Severity</th><th>Value</th>")
          .append("<th>State</th><th>Since</th><th>Agent</th><th>Message</th></tr>\n");
    }
    int i = 0;
    for (Notice n : notices) {
      Problem p = n.problem();
      String since =
          NoticeWording.when(p.sinceMillis())
              + " ("
              + NoticeWording.age(p.sinceMillis(), nowMillis)
              + ")";
      plain
          .append("\n")
          .append(++i)
          .append(". ")
          .append(NoticeWording.status(n))
          .append(": ")
          .append(oneLine(p.rule()))
          .append(" on ")
          .append(NoticeWording.host(p))
          .append("\n");
      field(plain, "Agent", oneLine(p.agentId()));
      field(plain, "Host", oneLine(p.hostname()));
      field(plain, "Rule", oneLine(p.rule()));
      field(plain, "Severity", p.severity().name().toLowerCase(Locale.ROOT));
      field(plain, "Value", NoticeWording.value(p.value()));
      field(plain, "State", NoticeWording.state(p));
      field(plain, "Since", since);
      field(plain, "Told", n.transition().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      field(plain, "Message", oneLine(p.message()));
      if (!n.note().isBlank()) {
        field(plain, "Note", oneLine(n.note()));
      }
      html.append("<tr><td><b>").append(escape(NoticeWording.status(n))).append("</b></td>");
      for (String cell :
          List.of(
              oneLine(p.hostname()),
              oneLine(p.rule()),
              p.severity().name().toLowerCase(Locale.ROOT),
              NoticeWording.value(p.value()),
              NoticeWording.state(p),
              since,
              oneLine(p.agentId()),
              oneLine(p.message()) + (n.note().isBlank() ? "" : " (" + oneLine(n.note()) + ")"))) {
        html.append("<td>").append(escape(cell)).append("</td>");
      }
      html.append("</tr>\n");
    }
    if (!notices.isEmpty()) {
      html.append("</table>\n");
    }
    if (!message.acknowledgeHint().isBlank()) {
      plain.append("\nHow to acknowledge: ").append(message.acknowledgeHint()).append("\n");
      html.append("<p>How to acknowledge: ")
          .append(escape(message.acknowledgeHint()))
          .append("</p>\n");
    }
    html.append("</body></html>\n");
    return new MailBody(plain.toString(), html.toString());
  }

  private static void field(StringBuilder sb, String label, String value) {
    sb.append("   ").append(label).append(":");
    sb.append(" ".repeat(Math.max(1, 9 - label.length()))).append(value).append("\n");
  }

  /** {@code text} as HTML character data or an attribute value: no tag, entity or quote. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
