package dev.vigil.console.attach;

import dev.vigil.common.HostPort;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.api.Invitation;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Attaches consoles to a running manager's operator channel for tests, each in its own directory.
 */
final class Consoles {
  private final RunningConsole console;

  Consoles(RunningConsole console) {
    this.console = console;
  }

  static HostPort channel(ConsoleManager manager) {
    return new HostPort("127.0.0.1", manager.operatorListener().orElseThrow().getPort());
  }

  static Fingerprint key(ConsoleManager manager) {
    return Fingerprint.parse(manager.info().fingerprint());
  }

  /** The admin token the manager wrote at its first start. */
  Path adminTokenFile() {
    return console.dir("console").resolve(OperatorStore.ADMIN_TOKEN_FILE);
  }

  /** A console in its own directory, attached with a token (or none), closed after the test. */
  RemoteOperatorApi attach(String name, String token) throws IOException {
    return console.closeAfter(
        RemoteOperatorApi.attach(
            new RemoteOperatorApi.Target(
                channel(console.manager()),
                console.dir("attach-" + name),
                name,
                token,
                key(console.manager()))));
  }

  /** The first admin, attached with the admin token. */
  RemoteOperatorApi firstAdmin(String name) throws IOException {
    return attach(name, Files.readString(adminTokenFile(), StandardCharsets.UTF_8).strip());
  }

  /** An operator the admin invited, attached with the invitation. */
  RemoteOperatorApi invited(RemoteOperatorApi admin, String name, Role role) throws IOException {
    Invitation i =
        admin
            .operatorAdmin()
            .orElseThrow()
            .invite(new Operator("ignored", "ignored"), name, role, Duration.ofHours(1));
    return attach(name, i.token());
  }
}
