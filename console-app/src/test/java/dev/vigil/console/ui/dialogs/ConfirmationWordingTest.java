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
    assertThat(one.title()).isEqualTo("Restart machine");
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
    assertThat(two.title()).isEqualTo("Shut down machines");
    assertThat(two.question()).isEqualTo("Shut down 2 machines?");
    // #17: "to shutdown its machine" for several machines
    assertThat(two.detail())
        .contains("the agents on web-01 (10.0.0.1), db-01 (10.0.0.2) to shut down their machines.")
        .doesNotContain("its machine");
  }

  @Test
  void forgettingManyAgentsNamesTenCountsTheRestAndWarnsAboutOnlineOnes() {
    List<String> hosts =
        java.util.stream.IntStream.rangeClosed(1, 202).mapToObj(i -> "vm-" + i).toList();
    Confirmation words = Confirmation.forget(hosts, 3);
    assertThat(words.question()).isEqualTo("Forget 202 agents?");
    assertThat(words.detail())
        .startsWith("vm-1, vm-2, vm-3, vm-4, vm-5, vm-6, vm-7, vm-8, vm-9, vm-10 and 192 more.")
        .doesNotContain("vm-11")
        .contains("3 of them are online now: their sessions end at once")
        .hasSizeLessThan(500);
    assertThat(Confirmation.forget(List.of("a", "b"), 0).detail())
        .startsWith("a, b. The console forgets them")
        .doesNotContain("online");
    assertThat(Confirmation.forget(List.of("web-01"), 1).detail())
        .contains("It is online now: its session ends at once");
  }

  @Test
  void killAndForgetNameWhatGoes() {
    assertThat(Confirmation.kill("java", 4242, "web-01").question())
        .isEqualTo("Kill java (PID 4242) on web-01?");
    assertThat(Confirmation.forget(List.of("a"), 0).question()).isEqualTo("Forget a?");
    assertThat(Confirmation.forget(List.of("a", "b"), 0).question()).isEqualTo("Forget 2 agents?");
  }

  @Test
  void aCommandThatIsNoPlainPowerCommandHasNoPowerConfirmation() {
    List<Confirmation.Target> web = List.of(new Confirmation.Target("web-01", ""));
    assertThatThrownBy(() -> Confirmation.power(Command.REFRESH, web))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Confirmation.power(Command.KILL, web))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void restartServiceNamesTheUnitAndTheHostsAndASelectionByTagSaysSo() {
    Confirmation one =
        Confirmation.restartService(
            "nginx.service",
            List.of(new Confirmation.Target("web-01", "10.0.0.1", List.of("web"))));
    assertThat(one.title()).isEqualTo("Restart service");
    assertThat(one.question()).isEqualTo("Restart nginx.service on web-01?");
    assertThat(one.detail())
        .isEqualTo(
            "This asks the agent on web-01 (10.0.0.1) to run 'systemctl restart nginx.service'."
                + " Agents in dry-run mode only log what they would run.");
    assertThat(one.verb()).isEqualTo("Restart");

    List<Confirmation.Target> twelve =
        java.util.stream.IntStream.rangeClosed(1, 12)
            .mapToObj(
                n ->
                    new Confirmation.Target(
                        "web-" + n,
                        "10.0.0." + n,
                        List.of("web", n % 2 == 0 ? "prod" : "staging", "eu")))
            .toList();
    Confirmation many = Confirmation.restartService("nginx.service", twelve);
    assertThat(many.question()).isEqualTo("Restart nginx.service on 12 machines?");
    assertThat(many.detail())
        .contains("web-10 (10.0.0.10) and 2 more")
        .doesNotContain("web-11")
        .contains("All 12 are tagged web, eu.");
    assertThat(Confirmation.power(Command.RESTART, twelve).detail())
        .contains("All 12 are tagged web, eu.");
  }
}
