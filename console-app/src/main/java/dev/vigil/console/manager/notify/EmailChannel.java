package dev.vigil.console.manager.notify;

import dev.vigil.common.Durations;
import dev.vigil.common.config.ConfigException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code email} channel: one mail per message over SMTP with STARTTLS or implicit TLS and
 * optional authentication, through Eclipse Angus Mail; a plain-text and an HTML part. A retried
 * message keeps its {@code Message-ID}, so a mail that was accepted but not confirmed (the
 * connection broke after the 250) shows as the same mail twice, which mail clients fold. Safe for
 * concurrent use: each delivery opens its own connection.
 */
public final class EmailChannel implements Channel {
  private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);
  static final String DEFAULT_SUBJECT_PREFIX = "[Vigil]";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final SmtpEndpoint endpoint;
  private final String user;
  private final String password;
  private final InternetAddress from;
  private final List<InternetAddress> to;
  private final String subjectPrefix;
  private final Duration timeout;
  private final String manager;
  private final Session session;

  private EmailChannel(
      String name,
      SmtpEndpoint endpoint,
      String user,
      String password,
      InternetAddress from,
      List<InternetAddress> to,
      String subjectPrefix,
      Duration timeout,
      Optional<SSLContext> trust,
      String manager) {
    this.name = name;
    this.endpoint = endpoint;
    this.user = user;
    this.password = password;
    this.from = from;
    this.to = List.copyOf(to);
    this.subjectPrefix = subjectPrefix;
    this.timeout = timeout;
    this.manager = manager;
    this.session =
        Session.getInstance(
            endpoint.sessionProperties(user != null, timeout, trust, MailIds.domain(manager)));
  }

  /**
   * The channel the settings describe: keys {@code smtp}, {@code from}, {@code to}, optional {@code
   * user} and {@code password} (together), {@code trust}, {@code subject-prefix}, {@code timeout}
   * and {@code manager} (the name it signs with; the host name when not written).
   *
   * @throws ConfigException naming the file, the line and the key at fault
   */
  public static EmailChannel from(ChannelSettings settings) throws ConfigException {
    return from(settings, NoticeWording.managerIdentity(settings));
  }

  /** The channel the settings describe, signing its mails as {@code manager}. */
  public static EmailChannel from(ChannelSettings settings, String manager) throws ConfigException {
    SmtpEndpoint endpoint = SmtpEndpoint.parse(settings);
    Optional<String> user = settings.optional("user").map(String::trim);
    Optional<String> password = settings.optional("password");
    if (user.isPresent() && password.isEmpty()) {
      throw settings.error("user", "is written without 'password'; write both or neither");
    }
    if (password.isPresent() && user.isEmpty()) {
      throw settings.error("password", "is written without 'user'; write both or neither");
    }
    InternetAddress from = address(settings, "from", settings.required("from"));
    List<InternetAddress> to = new ArrayList<>();
    for (String each : settings.required("to").split(",")) {
      if (!each.isBlank()) {
        to.add(address(settings, "to", each));
      }
    }
    if (to.isEmpty()) {
      throw settings.error("to", "names no address; write one or more, separated by commas");
    }
    String prefix =
        NoticeWording.oneLine(
            settings.optional("subject-prefix").orElse(DEFAULT_SUBJECT_PREFIX).trim());
    Duration timeout = duration(settings, "timeout", DEFAULT_TIMEOUT);
    return new EmailChannel(
        settings.name(),
        endpoint,
        user.orElse(null),
        password.orElse(null),
        from,
        to,
        prefix,
        timeout,
        TrustFile.from(settings, "trust"),
        manager);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "email";
  }

  @Override
  public String describe() {
    return "email to "
        + to.stream().map(InternetAddress::getAddress).collect(Collectors.joining(", "))
        + " via "
        + endpoint
        + (user == null ? "" : " as " + user + " (password ********)");
  }

  @Override
  public void deliver(Message message) throws DeliveryException {
    long now = System.currentTimeMillis();
    MailBody body = MailBody.of(message, manager, now);
    try {
      MimeMessage mail = new IdentifiedMail(session, MailIds.messageId(message, manager));
      mail.setFrom(from);
      mail.setRecipients(jakarta.mail.Message.RecipientType.TO, to.toArray(new Address[0]));
      mail.setSubject(subject(message), "UTF-8");
      mail.setSentDate(new Date(now));
      mail.setHeader("Auto-Submitted", "auto-generated");
      mail.setHeader("X-Vigil-Manager", MailIds.domain(manager));
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart plain = new MimeBodyPart();
      plain.setText(body.plain(), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(body.html(), "UTF-8", "html");
      alternative.addBodyPart(plain);
      alternative.addBodyPart(html);
      mail.setContent(alternative);
      mail.saveChanges();
      Transport transport = session.getTransport(endpoint.protocol());
      try {
        transport.connect(endpoint.address().host(), endpoint.address().port(), user, password);
        transport.sendMessage(mail, mail.getAllRecipients());
      } finally {
        quit(transport);
      }
    } catch (MessagingException e) {
      throw MailFailures.of(e, endpoint, user, timeout);
    }
  }

  /**
   * Says QUIT. A failure here comes after the server's 250 for the mail, if there was one: the mail
   * is delivered, and reporting a failure would only send it again.
   */
  private void quit(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      log.debug("Channel '{}': QUIT to {} failed: {}", name, endpoint, e.getMessage());
    }
  }

  /** The subject: the prefix and the headline, on one line whatever the agents sent. */
  String subject(Message message) {
    String headline = NoticeWording.headline(message);
    return subjectPrefix.isEmpty() ? headline : subjectPrefix + " " + headline;
  }

  private static InternetAddress address(ChannelSettings settings, String key, String text)
      throws ConfigException {
    try {
      InternetAddress a = new InternetAddress(text.trim(), true);
      a.validate();
      return a;
    } catch (AddressException e) {
      throw settings.error(key, "'" + text.trim() + "' is not an email address");
    }
  }

  static Duration duration(ChannelSettings settings, String key, Duration fallback)
      throws ConfigException {
    Optional<String> text = settings.optional(key);
    if (text.isEmpty()) {
      return fallback;
    }
    Duration d;
    try {
      d = Durations.parse(text.get());
    } catch (IllegalArgumentException e) {
      throw settings.error(key, e.getMessage());
    }
    if (d.isZero() || d.isNegative()) {
      throw settings.error(key, "must be longer than 0, for example 30s");
    }
    return d;
  }

  /** A mail whose Message-ID is the one given, not a fresh one on every save. */
  private static final class IdentifiedMail extends MimeMessage {
    private final String messageId;

    IdentifiedMail(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
