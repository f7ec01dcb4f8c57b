package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.wire.OperatorWire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a console sends that breaks the channel's rules ends its own session only, with a sentence.
 */
@Timeout(60)
class BadOperatorInputTest {
  @RegisterExtension
  final RunningConsole console = RunningConsole.configured(b -> b.operatorPort(0));

  private final Consoles consoles = new Consoles(console);

  private String invitation(RemoteOperatorApi admin, String name) {
    return admin
        .operatorAdmin()
        .orElseThrow()
        .invite(new Operator("x", "y"), name, Role.VIEWER, Duration.ofHours(1))
        .token();
  }

  @Test
  void aMalformedFrameClosesOnlyThatSession() throws Exception {
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    try (RawOperatorPeer peer = new RawOperatorPeer(Consoles.channel(console.manager()))) {
      JsonObject welcome = peer.hello("ignored", invitation(admin, "rawley"));
      assertThat(OperatorWire.type(welcome)).isEqualTo(OperatorWire.WELCOME);
      assertThat(welcome.get("role").getAsString()).isEqualTo("VIEWER");

      peer.send("{\"type\":\"call\",\"id\":1,".getBytes(StandardCharsets.UTF_8));

      JsonObject error = peer.next();
      assertThat(OperatorWire.type(error)).isEqualTo(OperatorWire.ERROR);
      assertThat(error.get("sentence").getAsString()).contains("not strict JSON");
      assertThat(peer.closedByManager()).isTrue();
    }
    assertThat(admin.attached()).isTrue();
    assertThat(admin.info().fingerprint()).isNotNull();
  }

  @Test
  void anUnknownCallIsAnsweredAndTheSessionStaysOpen() throws Exception {
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    try (RawOperatorPeer peer = new RawOperatorPeer(Consoles.channel(console.manager()))) {
      peer.hello("ignored", invitation(admin, "rawley"));
      peer.send(
          "{\"type\":\"call\",\"id\":7,\"method\":\"format-disk\",\"args\":{}}"
              .getBytes(StandardCharsets.UTF_8));
      JsonObject failed = peer.next();
      assertThat(OperatorWire.type(failed)).isEqualTo(OperatorWire.FAILED);
      assertThat(failed.get("id").getAsLong()).isEqualTo(7);
      assertThat(failed.get("sentence").getAsString()).contains("no call named 'format-disk'");

      peer.send(
          "{\"type\":\"call\",\"id\":8,\"method\":\"forget\",\"args\":{\"agentId\":\"x\"}}"
              .getBytes(StandardCharsets.UTF_8));
      JsonObject refused = peer.next();
      assertThat(OperatorWire.type(refused)).isEqualTo(OperatorWire.REFUSED);
      assertThat(refused.get("sentence").getAsString())
          .isEqualTo("rawley is a viewer: forgetting agents needs the admin role.");

      peer.send("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(OperatorWire.type(peer.next())).isEqualTo(OperatorWire.PONG);
    }
  }

  @Test
  void aFirstFrameOtherThanHelloGetsASentenceAndTheListenerCarriesOn() throws Exception {
    try (RawOperatorPeer peer = new RawOperatorPeer(Consoles.channel(console.manager()))) {
      peer.send("{\"type\":\"subscribe\"}".getBytes(StandardCharsets.UTF_8));
      JsonObject error = peer.next();
      assertThat(OperatorWire.type(error)).isEqualTo(OperatorWire.ERROR);
      assertThat(error.get("sentence").getAsString()).contains("must be op_hello");
    }
    assertThat(consoles.firstAdmin("alice").attached()).isTrue();
  }
}
