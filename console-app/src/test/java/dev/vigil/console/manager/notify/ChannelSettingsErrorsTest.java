package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email and Alertmanager channels' settings: each mistake names the file, the line and the key;
 * what a channel shows of itself holds no secret.
 */
class ChannelSettingsErrorsTest {
  static final Map<String, String> SECRETS = Map.of("pw", "hunter2-secret");

  static EmailChannel email(String... kv) throws ConfigException {
    return EmailChannel.from(settings("ops-mail", "email", SECRETS, kv), "m");
  }

  static AlertmanagerChannel alertmanager(String... kv) throws ConfigException {
    return AlertmanagerChannel.from(settings("am", "alertmanager", SECRETS, kv), "m");
  }

  @Test
  void aPlainSmtpSchemeIsRefusedNamingTheLineAndKey() {
    assertThatThrownBy(
            () -> email("smtp", "http://mail.example.com:25", "from", "a@b.c", "to", "d@e.f"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "notifications.conf line 1 ('channel.ops-mail.smtp'): must be smtp://HOST:PORT (STARTTLS");
  }

  @Test
  void aBadPortIsRefused() {
    assertThatThrownBy(
            () -> email("smtp", "smtps://mail.example.com:99999", "from", "a@b.c", "to", "d@e.f"))
        .hasMessage(
            "notifications.conf line 1 ('channel.ops-mail.smtp'): port must be a number from 1 to 65535, got '99999'");
  }

  @Test
  void aUserWithoutAPasswordIsRefused() {
    assertThatThrownBy(
            () ->
                email(
                    "smtp",
                    "smtp://mail.example.com",
                    "user",
                    "vigil",
                    "from",
                    "a@b.c",
                    "to",
                    "d@e.f"))
        .hasMessage(
            "notifications.conf line 2 ('channel.ops-mail.user'): is written without 'password'; write both or neither");
  }

  @Test
  void aMissingSecretIsNamed() {
    assertThatThrownBy(
            () ->
                email(
                    "smtp", "smtp://mail.example.com",
                    "user", "vigil",
                    "password", "secret:nope",
                    "from", "a@b.c",
                    "to", "d@e.f"))
        .hasMessage(
            "notifications.conf line 3 ('channel.ops-mail.password'): names the secret 'nope', which the secrets file does not hold");
  }

  @Test
  void aBadRecipientIsNamed() {
    assertThatThrownBy(
            () ->
                email(
                    "smtp",
                    "smtp://mail.example.com",
                    "from",
                    "a@b.c",
                    "to",
                    "ops@example.com, not an address"))
        .hasMessage(
            "notifications.conf line 3 ('channel.ops-mail.to'): 'not an address' is not an email address");
  }

  @Test
  void aMissingRequiredKeyIsNamed() {
    assertThatThrownBy(() -> email("smtp", "smtp://mail.example.com", "from", "a@b.c"))
        .hasMessage("channel 'ops-mail' (email) needs 'channel.ops-mail.to'");
  }

  @Test
  void aTrustFileWithoutACertificateIsRefused(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    assertThatThrownBy(
            () ->
                email(
                    "smtp",
                    "smtp://mail.example.com",
                    "from",
                    "a@b.c",
                    "to",
                    "d@e.f",
                    "trust",
                    junk.toString()))
        .hasMessage(
            "notifications.conf line 4 ('channel.ops-mail.trust'): the file "
                + junk
                + " holds no PEM certificate");
  }

  @Test
  void aBadTimeoutIsRefused() {
    assertThatThrownBy(
            () ->
                email(
                    "smtp",
                    "smtp://mail.example.com",
                    "from",
                    "a@b.c",
                    "to",
                    "d@e.f",
                    "timeout",
                    "soon"))
        .hasMessageStartingWith(
            "notifications.conf line 4 ('channel.ops-mail.timeout'): 'soon' is not a duration");
  }

  @Test
  void theEmailChannelShowsNoPasswordAndDefaultsThePort() throws Exception {
    EmailChannel c =
        email(
            "smtp", "smtp://mail.example.com",
            "user", "vigil",
            "password", "secret:pw",
            "from", "vigil@example.com",
            "to", "ops@example.com, oncall@example.com");
    assertThat(c.describe())
        .isEqualTo(
            "email to ops@example.com, oncall@example.com via smtp://mail.example.com:587 as vigil"
                + " (password ********)")
        .doesNotContain("hunter2");
  }

  @Test
  void anAlertmanagerUrlMustBeHttp() {
    assertThatThrownBy(() -> alertmanager("url", "http://127.0.0.1:9093, ftp://127.0.0.1:9094"))
        .hasMessage(
            "notifications.conf line 1 ('channel.am.url'): must be an Alertmanager's address such as"
                + " http://127.0.0.1:9093 (no query), got 'ftp://127.0.0.1:9094'");
  }

  @Test
  void anAlertmanagerResendMustBeADuration() {
    assertThatThrownBy(() -> alertmanager("url", "http://127.0.0.1:9093", "resend", "0s"))
        .hasMessage(
            "notifications.conf line 2 ('channel.am.resend'): must be longer than 0, for example 30s");
  }

  @Test
  void anAlertmanagerShowsNoCredentials() throws Exception {
    try (AlertmanagerChannel c =
        alertmanager("url", "https://vigil:hunter2-secret@am.example.com/am/")) {
      assertThat(c.describe())
          .isEqualTo("Alertmanager https://***@am.example.com/am (re-sent every 1m)")
          .doesNotContain("hunter2");
    }
  }
}
