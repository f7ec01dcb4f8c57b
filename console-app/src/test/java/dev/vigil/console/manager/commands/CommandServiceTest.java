package dev.vigil.console.manager.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.history.MetricHistory;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CommandServiceTest {
  @Test
  void aResultNoCommandWaitsForIsIgnored() {
    Listeners listeners = new Listeners();
    List<CommandOutcome> seen = new CopyOnWriteArrayList<>();
    listeners.add(
        new FleetListener() {
          @Override
          public void commandUpdated(CommandOutcome outcome) {
            seen.add(outcome);
          }
        });
    CommandService commands =
        new CommandService(
            new AgentRegistry(listeners, new MetricHistory(Duration.ofMinutes(1))),
            listeners,
            Duration.ofSeconds(15),
            Command::deadline);
    for (CommandStatus status : CommandStatus.values()) {
      commands.resultReceived(
          "0f8fad5b-d9cb-469f-a165-70867728950e",
          "SHA256:key",
          new CommandResult(1, "a-command-this-console-never-sent", status, "done"));
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void durationsReadAsAPersonSaysThem() {
    assertThat(CommandService.spoken(Duration.ofMinutes(10))).isEqualTo("10 min");
    assertThat(CommandService.spoken(Duration.ofSeconds(15))).isEqualTo("15 s");
    assertThat(CommandService.spoken(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(CommandService.spoken(Duration.ofMillis(1500))).isEqualTo("1500 ms");
  }
}
