package dev.vigil.console.manager.notify;

import dev.vigil.common.HostPort;
import dev.vigil.common.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Where an email channel sends, from its {@code smtp} key: {@code smtp://HOST:PORT} submits over
 * STARTTLS and refuses a server that does not offer it; {@code smtps://HOST:PORT} speaks TLS from
 * the first byte. There is no plain-text mode: the password and the problems would cross the
 * network readable. Immutable.
 *
 * @param protocol {@code smtp} or {@code smtps}, as Jakarta Mail names its transports
 * @param address the server's host and port
 */
record SmtpEndpoint(String protocol, HostPort address) {
  private static final Pattern URL =
      Pattern.compile("(smtps?)://(\\[[0-9A-Fa-f:.]+\\]|[^/:@\\[\\]\\s]+)(?::([^/]*))?/?");

  static SmtpEndpoint parse(ChannelSettings settings) throws ConfigException {
    String text = settings.required("smtp").trim();
    Matcher m = URL.matcher(text);
    if (!m.matches()) {
      throw settings.error(
          "smtp",
          "must be smtp://HOST:PORT (STARTTLS, usually port 587) or smtps://HOST:PORT (implicit"
              + " TLS, usually port 465), got '"
              + text
              + "'");
    }
    String protocol = m.group(1);
    String port = m.group(3) != null ? m.group(3) : protocol.equals("smtps") ? "465" : "587";
    try {
      return new SmtpEndpoint(protocol, HostPort.parse(m.group(2) + ":" + port));
    } catch (IllegalArgumentException e) {
      throw settings.error("smtp", e.getMessage());
    }
  }

  /** Whether the connection starts plain and must be upgraded by STARTTLS. */
  boolean startTls() {
    return protocol.equals("smtp");
  }

  /** The Jakarta Mail session's properties for this endpoint. */
  Properties sessionProperties(
      boolean auth, Duration timeout, Optional<SSLContext> trust, String heloName) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put(p + "host", address.host());
    props.put(p + "port", String.valueOf(address.port()));
    props.put(p + "auth", String.valueOf(auth));
    String millis = String.valueOf(timeout.toMillis());
    props.put(p + "connectiontimeout", millis);
    props.put(p + "timeout", millis);
    props.put(p + "writetimeout", millis);
    props.put(p + "localhost", heloName);
    props.put(p + "ssl.checkserveridentity", "true");
    if (startTls()) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    } else {
      props.put(p + "ssl.enable", "true");
    }
    trust.ifPresent(context -> props.put(p + "ssl.socketFactory", context.getSocketFactory()));
    return props;
  }

  @Override
  public String toString() {
    return protocol + "://" + address;
  }
}
