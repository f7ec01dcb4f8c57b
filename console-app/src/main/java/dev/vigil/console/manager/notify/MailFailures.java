package dev.vigil.console.manager.notify;

import dev.vigil.common.Durations;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What went wrong with a mail, as one sentence an operator can act on, from the exception Jakarta
 * Mail threw: a refused login, a server without STARTTLS, an untrusted certificate, an unknown
 * host, a timeout, refused recipients. Refused logins and recipients are permanent.
 */
final class MailFailures {
  private MailFailures() {}

  static DeliveryException of(
      MessagingException e, SmtpEndpoint endpoint, String user, Duration timeout) {
    String where = endpoint.address().toString();
    if (e instanceof AuthenticationFailedException) {
      return new DeliveryException(
          where + " refused the login for '" + user + "'" + reply(e), true, e);
    }
    if (e instanceof SendFailedException sent
        && sent.getInvalidAddresses() != null
        && sent.getInvalidAddresses().length > 0) {
      SMTPAddressFailedException first = find(e, SMTPAddressFailedException.class);
      boolean permanent = first == null || first.getReturnCode() >= 500;
      return new DeliveryException(
          where
              + " refused the recipient"
              + (sent.getInvalidAddresses().length == 1 ? " " : "s ")
              + addresses(sent.getInvalidAddresses())
              + (first == null ? "" : ": " + NoticeWording.oneLine(first.getMessage()).trim()),
          permanent,
          e);
    }
    SMTPSendFailedException refused = find(e, SMTPSendFailedException.class);
    if (refused != null) {
      return new DeliveryException(
          where + " did not take the mail: " + NoticeWording.oneLine(refused.getMessage()).trim(),
          refused.getReturnCode() >= 500,
          e);
    }
    String text = String.valueOf(e.getMessage());
    if (text.contains("STARTTLS is required")) {
      return new DeliveryException(
          where
              + " does not offer STARTTLS, and an smtp:// channel sends only encrypted; write"
              + " smtps:// if the server takes implicit TLS on another port",
          true,
          e);
    }
    if (find(e, UnknownHostException.class) != null) {
      return new DeliveryException(
          "the mail server's host " + endpoint.address().host() + " is unknown", false, e);
    }
    if (find(e, SocketTimeoutException.class) != null) {
      return new DeliveryException(
          where + " did not answer within " + Durations.format(timeout), false, e);
    }
    if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
      return new DeliveryException(where + " refused the connection", false, e);
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return new DeliveryException(
          where
              + " failed the TLS handshake ("
              + NoticeWording.oneLine(rootMessage(tls))
              + "); if it uses a private CA or its own certificate, name that PEM file with"
              + " 'trust'",
          false,
          e);
    }
    return new DeliveryException(
        where + " did not take the mail: " + NoticeWording.oneLine(rootMessage(e)), false, e);
  }

  private static String reply(MessagingException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "" : " (" + NoticeWording.oneLine(m).trim() + ")";
  }

  private static String addresses(Address[] list) {
    return Arrays.stream(list).map(Address::toString).collect(Collectors.joining(", "));
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The first throwable of {@code type} in the chain of causes and next exceptions. */
  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (int depth = 0; t != null && depth < 20; depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      Throwable next = t.getCause();
      if (next == null && t instanceof MessagingException m) {
        next = m.getNextException();
      }
      t = next == t ? null : next;
    }
    return null;
  }
}
