package dev.vigil.console.manager.notify;

import dev.vigil.common.PrintableText;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.AlertState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words the email and Alertmanager channels put before people for a message's notices: one
 * headline, one line per notice, its fields. Text from agents (host names, rules, sentences) comes
 * out on one line, every control or format character a space, so that it cannot start a header or a
 * line of its own. Stateless.
 */
public final class NoticeWording {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private NoticeWording() {}

  /**
   * What the message is about in a few words, for a subject or a summary: {@code CRITICAL cpu on
   * web-1 (+3 more)}, {@code RESOLVED disk on db-2}; for a test, {@code Test message from channel
   * NAME}.
   */
  public static String headline(Message message) {
    if (message.notices().isEmpty()) {
      return message.test()
          ? "Test message from channel " + oneLine(message.channel())
          : "No problems (channel " + oneLine(message.channel()) + ")";
    }
    Notice lead = lead(message.notices());
    int more = message.notices().size() - 1;
    String head =
        status(lead) + " " + oneLine(lead.problem().rule()) + " on " + host(lead.problem());
    String prefix = message.test() ? "Test: " : "";
    return prefix + head + (more > 0 ? " (+" + more + " more)" : "");
  }

  /** The notice a headline names: the most urgent transition, then the highest severity. */
  public static Notice lead(List<Notice> notices) {
    return notices.stream()
        .min(
            Comparator.comparingInt((Notice n) -> urgency(n.transition()))
                .thenComparing(n -> -n.problem().severity().ordinal()))
        .orElseThrow();
  }

  private static int urgency(Notice.Transition t) {
    return switch (t) {
      case ESCALATED -> 0;
      case FIRING -> 1;
      case REMINDER, STILL_FIRING -> 2;
      case ACKNOWLEDGED -> 3;
      case RESOLVED -> 4;
    };
  }

  /** A notice's status word: the severity while it fires, else what happened to it. */
  public static String status(Notice notice) {
    String severity = notice.problem().severity().name();
    return switch (notice.transition()) {
      case FIRING -> severity;
      case ESCALATED -> "ESCALATED " + severity;
      case REMINDER, STILL_FIRING -> "STILL " + severity;
      case ACKNOWLEDGED -> "ACKNOWLEDGED";
      case RESOLVED -> "RESOLVED";
    };
  }

  /** The problem's host name on one line, or its agent id when the host name is blank. */
  public static String host(Problem p) {
    String host = oneLine(p.hostname());
    return host.isBlank() ? oneLine(p.agentId()) : host;
  }

  /** Whether Alertmanager and people should take the problem as over. */
  public static boolean over(Notice notice) {
    return notice.transition() == Notice.Transition.RESOLVED
        || notice.problem().state() == AlertState.RESOLVED;
  }

  /** The problem's state in a word: {@code firing}, {@code firing, acknowledged by ann}, ... */
  public static String state(Problem p) {
    if (p.state() == AlertState.RESOLVED) {
      return "resolved";
    }
    return p.acknowledged() ? "firing, acknowledged by " + oneLine(p.acknowledgedBy()) : "firing";
  }

  /** A measured value as people read it: {@code 93.5}, {@code 12}, not {@code 93.50000001}. */
  public static String value(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    return BigDecimal.valueOf(v)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** An instant in UTC: {@code 2026-12-02 04:19:05 UTC}. */
  public static String when(long millis) {
    return WHEN.format(Instant.ofEpochMilli(millis));
  }

  /**
   * How long from {@code sinceMillis} to {@code nowMillis}: {@code 40s}, {@code 15m}, {@code 2h
   * 5m}.
   */
  public static String age(long sinceMillis, long nowMillis) {
    long seconds = Math.max(0, (nowMillis - sinceMillis) / 1000);
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m";
    }
    return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
  }

  /**
   * {@code text} on one line: every control, format or line-separator character (CR, LF, tab, bidi
   * overrides) a space. A host name an agent sent with a CR LF in it stays one line.
   */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(PrintableText.isUnprintable(c) ? ' ' : c);
    }
    return sb.toString();
  }

  /**
   * The name a channel gives the manager it speaks for (the mails' domain, Alertmanager's {@code
   * vigil_manager} label): the channel's {@code manager} key, else this machine's host name.
   */
  public static String managerIdentity(ChannelSettings settings)
      throws dev.vigil.common.config.ConfigException {
    Optional<String> written = settings.optional("manager").map(String::trim);
    if (written.isPresent() && !written.get().isEmpty()) {
      return oneLine(written.get());
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "vigil";
    }
  }
}
