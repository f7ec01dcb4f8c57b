package dev.vigil.console.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.protocol.command.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words the command dialogs show, as the window has always put them; pure text. */
class ConfirmationWordingTest {

  @Test
  void aPowerCommandNamesOneHostOrCountsMachinesAndListsWhereItGoes() {
    Confirmation one =
        Confirmation.power(Command.RESTART, List.of(new Confirmation.Target("web-01", "10.0.0.1")));
    assertThat(one.title()).isEqualTo("Restart machines");
    assertThat(one.question()).isEqualTo("Restart web-01?");
    assertThat(one.verb()).isEqualTo("Restart");
    assertThat(one.detail())
        .isEqualTo(
            "This asks the agent on web-01 (10.0.0.1) to restart its machine. Agents in dry-run"
                + " mode only log what they would run.");

    Confirmation two =
        Confirmation.power(
            Command.SHUTDOWN,
            List.of(
                new Confirmation.Target("web-01", "10.0.0.1"),
                new Confirmation.Target("db-01", "10.0.0.2")));
    assertThat(two.question()).isEqualTo("Shut down 2 machines?");
    assertThat(two.detail()).contains("web-01 (10.0.0.1), db-01 (10.0.0.2) to shutdown");
  }

  @Test
  void killAndForgetNameWhatGoes() {
    assertThat(Confirmation.kill("java", 4242, "web-01").question())
        .isEqualTo("Kill java (PID 4242) on web-01?");
    assertThat(Confirmation.forget(List.of("a", "b")).question()).isEqualTo("Forget a, b?");
  }

  @Test
  void aCommandThatIsNoPlainPowerCommandHasNoPowerConfirmation() {
    List<Confirmation.Target> web = List.of(new Confirmation.Target("web-01", ""));
    assertThatThrownBy(() -> Confirmation.power(Command.REFRESH, web))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Confirmation.power(Command.KILL, web))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
