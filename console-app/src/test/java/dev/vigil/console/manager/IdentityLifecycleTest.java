package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Welcome;
import dev.vigil.protocol.tls.TlsIdentity;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent's identity over its life (#16, findings 6 and 9): a reinstalled agent is re-keyed in
 * place while a rogue peer spams hellos with its id, and a command's result counts only from the
 * key the command was sent to.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdentityLifecycleTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  private String token() {
    return console.manager().enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
  }

  @Test
  void aRekeyLetsTheReinstalledAgentInAndNeverTheRogueSpammingItsId() throws Exception {
    ConsoleManager manager = console.manager();
    UUID id = UUID.randomUUID();
    try (TlsPeer first = new TlsPeer(manager, TlsIdentity.create("web-01"), id)) {
      assertThat(first.greet(token())).isInstanceOf(Welcome.class);
    }
    // Reinstalled: a new key under the same id is refused, and the console remembers that key.
    TlsIdentity reinstalled = TlsIdentity.create("web-01 again");
    try (TlsPeer again = new TlsPeer(manager, reinstalled, id)) {
      assertThat(again.greet(null)).isInstanceOf(ErrorMessage.class);
    }
    assertThat(manager.refusedKey(id.toString())).contains(reinstalled.fingerprint());

    // A rogue peer that read the id (in /metrics, say) says hello with it, over and over.
    TlsIdentity rogue = TlsIdentity.create("rogue");
    AtomicBoolean spamming = new AtomicBoolean(true);
    AtomicInteger rogueAnswers = new AtomicInteger();
    AtomicInteger rogueAdmitted = new AtomicInteger();
    Thread spammer =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (spamming.get()) {
                    try (TlsPeer peer = new TlsPeer(manager, rogue, id)) {
                      Message answer = peer.greet(null);
                      rogueAnswers.incrementAndGet();
                      if (!(answer instanceof ErrorMessage)) {
                        rogueAdmitted.incrementAndGet();
                      }
                    } catch (java.io.IOException e) {
                      rogueAnswers.incrementAndGet();
                    }
                  }
                });
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> rogueAnswers.get() >= 3);
      assertThat(manager.rekey(Operator.local(), id.toString(), reinstalled.fingerprint()))
          .isTrue();
      int answersAtRekey = rogueAnswers.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> rogueAnswers.get() >= answersAtRekey + 5);

      try (TlsPeer real = new TlsPeer(manager, reinstalled, id)) {
        assertThat(real.greet(null)).isInstanceOf(Welcome.class);
      }
    } finally {
      spamming.set(false);
      spammer.join(10_000);
    }
    assertThat(rogueAdmitted).hasValue(0);
    assertThat(manager.agent(id.toString()))
        .hasValueSatisfying(
            a -> {
              assertThat(a.fingerprint()).isEqualTo(reinstalled.fingerprint().value());
              assertThat(a.status()).isNotEqualTo(AgentStatus.PENDING);
            });
    // The rogue's hellos go on being refused as a changed key: the console shows its key.
    assertThat(manager.refusedKey(id.toString())).contains(rogue.fingerprint());
    assertThat(manager.rekey(Operator.local(), UUID.randomUUID().toString(), rogue.fingerprint()))
        .isFalse();
  }

  @Test
  void aResultFromASessionWithAnotherKeyThanTheCommandWentToIsIgnored() throws Exception {
    ConsoleManager manager = console.manager();
    UUID id = UUID.randomUUID();
    TlsIdentity original = TlsIdentity.create("db-01");
    TlsIdentity other = TlsIdentity.create("db-01 other key");
    try (TlsPeer agent = new TlsPeer(manager, original, id)) {
      assertThat(agent.greet(token())).isInstanceOf(Welcome.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> manager.refusal(id.toString(), Command.RESTART).isEmpty());
      CompletableFuture<CommandOutcome> outcome =
          manager.send(Operator.local(), id.toString(), Command.RESTART, Map.of());
      String commandId = null;
      while (commandId == null) {
        if (agent.reader.readMessage() instanceof CommandRequest request) {
          commandId = request.commandId();
        }
      }
      // The same id, authenticated with another key (pinned since), answers the command.
      manager.rekey(Operator.local(), id.toString(), other.fingerprint());
      try (TlsPeer answerer = new TlsPeer(manager, other, id)) {
        assertThat(answerer.greet(null)).isInstanceOf(Welcome.class);
        answerer.writer.writeMessage(
            new CommandResult(1, commandId, CommandStatus.SUCCEEDED, "forged"));
        // The console acknowledges a result once it has handled it.
        Message m;
        do {
          m = answerer.reader.readMessage();
        } while (!(m instanceof Ack));
      }
      assertThat(outcome).isNotDone();
    }
  }
}
