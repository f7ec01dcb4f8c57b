package dev.vigil.console.manager.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.common.UnsafePermissionsException;
import dev.vigil.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifications config: every key, and mistakes named by file, line and key. */
class NotifyConfigFileTest {
  @TempDir Path dir;

  private NotifyConfig load(String text) throws Exception {
    Files.writeString(dir.resolve(NotifyConfigFile.FILE_NAME), text);
    return NotifyConfigFile.load(NotifySetup.DEFAULT, dir);
  }

  private Path file() {
    return dir.resolve(NotifyConfigFile.FILE_NAME);
  }

  @Test
  void everyKeyIsRead() throws Exception {
    NotifyConfig c =
        load(
            """
            # the ops team
            channel.hook.type = webhook
            channel.hook.url = https://hooks.example.com/x
            channel.pager.type = webhook
            channel.pager.url = https://pager.example.com/y
            route.web.match = severity>=critical rule=cpu.*,disk.* host=web-* tag=prod
            route.web.to = hook
            route.web.escalate-after = 15m
            route.web.escalate-to = pager
            group-window = 10s
            rate-limit = 5/10m
            reminder-every = off
            failing-after = 1m
            """);
    assertThat(c.channels()).containsOnlyKeys("hook", "pager");
    Route r = c.routes().get(0);
    assertThat(r.to()).containsExactly("hook");
    assertThat(r.escalateAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(r.escalateTo()).containsExactly("pager");
    assertThat(c.groupWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.rateLimit()).isEqualTo(new RateLimit(5, Duration.ofMinutes(10)));
    assertThat(c.reminderEvery()).isNull();
    assertThat(c.failingAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.source()).isEqualTo(file().toString());
  }

  @Test
  void channelsWithoutARouteHearOfEverythingOfWarningAndAbove() throws Exception {
    NotifyConfig c = load("channel.hook.type = webhook\nchannel.hook.url = http://127.0.0.1:1/\n");
    assertThat(c.routes())
        .singleElement()
        .satisfies(r -> assertThat(r.to()).containsExactly("hook"));
    assertThat(c.rateLimit()).isEqualTo(new RateLimit(20, Duration.ofHours(1)));
    assertThat(c.reminderEvery()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void mistakesNameTheFileTheLineAndTheKey() {
    assertThatThrownBy(
            () ->
                load(
                    "channel.hook.type = webhook\nchannel.hook.url = http://x/\nroute.r.to = hok\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file() + " line 3 ('route.r.to'): there is no channel 'hok'; the channels are hook");
    assertThatThrownBy(() -> load("group-windw = 1s\n"))
        .hasMessageContaining(
            file() + " line 1: unknown key 'group-windw' (did you mean 'group-window'?)");
    assertThatThrownBy(() -> load("rate-limit = lots\n"))
        .hasMessage(
            file()
                + " line 1 ('rate-limit'): 'lots' is not a rate limit: write messages/span, such as 20/h or 5/10m, or off");
    assertThatThrownBy(
            () ->
                load(
                    "channel.hook.type = webhook\nchannel.hook.url = http://x/\nroute.r.to = hook\nroute.r.match = severity>=loud\n"))
        .hasMessage(
            file()
                + " line 4 ('route.r.match'): 'severity>=loud': the severity is warning or critical, not 'loud'");
  }

  @Test
  void aChannelsBadValueIsNamedWhenItIsBuilt() throws Exception {
    NotifyConfig c =
        load(
            "channel.hook.type = webhook\nchannel.hook.url = ftp://x/\nchannel.mail.type = email\n");
    assertThatThrownBy(() -> ChannelTypes.create(c.channels().get("hook")))
        .hasMessage(
            file()
                + " line 2 ('channel.hook.url'): must be an http:// or https:// URL with a host");
    assertThatThrownBy(() -> ChannelTypes.createAll(c)).isInstanceOf(ConfigException.class);
  }

  @Test
  void aSecretsFileOthersMayReadIsRefusedNamingTheChmod() throws Exception {
    Path secrets = dir.resolve(NotifyConfigFile.SECRETS_NAME);
    Files.writeString(secrets, "hook-url = https://hooks.example.com/T0KEN\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(
            () -> load("channel.hook.type = webhook\nchannel.hook.url = secret:hook-url\n"))
        .isInstanceOf(UnsafePermissionsException.class)
        .hasMessageContaining("Run: chmod 600 " + secrets)
        .hasMessageNotContaining("T0KEN");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    NotifyConfig c = load("channel.hook.type = webhook\nchannel.hook.url = secret:hook-url\n");
    assertThat(ChannelTypes.create(c.channels().get("hook")).describe())
        .isEqualTo("https://hooks.example.com/••• (vigil)");
    assertThatThrownBy(
            () ->
                ChannelTypes.create(
                    load("channel.hook.type = webhook\nchannel.hook.url = secret:other\n")
                        .channels()
                        .get("hook")))
        .hasMessage(
            file()
                + " line 2 ('channel.hook.url'): names the secret 'other', which the secrets file does not hold");
  }

  @Test
  void quickStartChannelsComeFromTheCommandLine() throws Exception {
    NotifyConfig c =
        NotifyConfigFile.load(
            new NotifySetup(
                null, List.of("http://127.0.0.1:1/a", "http://127.0.0.1:2/b"), List.of()),
            dir);
    assertThat(c.channels()).containsOnlyKeys("webhook-1", "webhook-2");
    assertThat(c.routes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("quick-start");
              assertThat(r.to()).containsExactly("webhook-1", "webhook-2");
            });
    assertThatThrownBy(
            () ->
                NotifyConfigFile.load(
                    new NotifySetup(dir.resolve("none.conf"), List.of(), List.of()), dir))
        .hasMessage(
            dir.resolve("none.conf")
                + ": no such file; give an existing file with --notifications");
  }
}
