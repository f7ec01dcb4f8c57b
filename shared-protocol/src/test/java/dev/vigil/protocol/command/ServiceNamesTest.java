package dev.vigil.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.message.Tags;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {
  @Test
  void aNameWithoutTypeIsAService() {
    assertThat(UnitName.canonical("nginx")).isEqualTo("nginx.service");
    assertThat(UnitName.canonical(" postgresql@15-main ")).isEqualTo("postgresql@15-main.service");
    assertThat(UnitName.canonical("docker.socket")).isEqualTo("docker.socket");
    assertThat(UnitName.canonical("systemd-fsck@dev-disk-by\\x2duuid-ab.service"))
        .isEqualTo("systemd-fsck@dev-disk-by\\x2duuid-ab.service");
  }

  @Test
  void wildcardsOptionsAndStrangersAreRefused() {
    assertThatThrownBy(() -> UnitName.canonical("ngin*")).hasMessageContaining("wildcards");
    assertThatThrownBy(() -> UnitName.canonical("web[12]")).hasMessageContaining("wildcards");
    assertThatThrownBy(() -> UnitName.canonical("--force")).hasMessageContaining("option");
    assertThatThrownBy(() -> UnitName.canonical("nginx service"))
        .hasMessageContaining("not a systemd unit name");
    assertThatThrownBy(() -> UnitName.canonical("a/b")).hasMessageContaining("not a systemd");
    assertThatThrownBy(() -> UnitName.canonical("x@")).hasMessageContaining("not a systemd");
    assertThatThrownBy(() -> UnitName.canonical("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> UnitName.canonical("a".repeat(250)))
        .hasMessageContaining("longer than 255");
  }

  @Test
  void onlyListedUnitsMayBeRestartedBySpellingSystemdReadsTheSame() {
    AllowedServices allowed =
        new AllowedServices(List.of("nginx", "postgresql"), "agent.conf line 9");
    assertThat(allowed.units()).containsExactly("nginx.service", "postgresql.service");
    assertThat(allowed.allows("nginx")).isTrue();
    assertThat(allowed.allows("nginx.service")).isTrue();
    assertThat(allowed.refusal("sshd"))
        .hasValue(
            "this agent's config does not allow restarting 'sshd.service' (allow-services:"
                + " nginx.service, postgresql.service, set by agent.conf line 9)");
    assertThat(AllowedServices.NONE.refusal("nginx").orElseThrow())
        .contains("allow-services: none");
  }

  @Test
  void restartServiceTakesExactlyOneUnit() {
    assertThat(Command.parse("restart-service").checkArguments(java.util.Map.of("unit", "nginx")))
        .containsEntry("unit", "nginx.service");
    assertThatThrownBy(() -> Command.RESTART_SERVICE.checkArguments(java.util.Map.of()))
        .hasMessage("restart-service needs a 'unit' argument");
  }

  @Test
  void tagsAreLowerCaseWordsOfAtMost64() {
    assertThat(Tags.checkAll(List.of("web", "eu-west", "rack:4", "web")))
        .containsExactly("web", "eu-west", "rack:4");
    assertThatThrownBy(() -> Tags.check("Web")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> Tags.check("-web")).hasMessageContaining("starting with");
    assertThatThrownBy(() -> Tags.check("x".repeat(65))).hasMessageContaining("64");
    assertThatThrownBy(
            () ->
                Tags.checkAll(
                    java.util.stream.IntStream.range(0, 33).mapToObj(i -> "t" + i).toList()))
        .hasMessage("at most 32 tags, got 33");
  }
}
