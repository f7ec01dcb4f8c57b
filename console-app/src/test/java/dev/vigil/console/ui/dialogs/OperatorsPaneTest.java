package dev.vigil.console.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.HostPort;
import dev.vigil.console.ManagerActions;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.attach.RemoteOperatorApi;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Vigil → Operators on a real manager with an operator channel: an admin invites a new operator
 * from the window, the command it shows attaches their console, and removing them detaches it; a
 * name the manager refuses gets its sentence; a viewer sees why they cannot manage operators.
 */
@ExtendWith(ApplicationExtension.class)
class OperatorsPaneTest {
  private static final Pattern TOKEN = Pattern.compile("--token (\\S+)");

  @RegisterExtension
  final RunningConsole console = RunningConsole.configured(b -> b.operatorPort(0));

  private void open(FxRobot robot, Role role) {
    // The window's own actions on the real manager, but for the role it shows under.
    FleetActions real = new ManagerActions(console.manager(), Operator.local());
    FleetActions actions =
        (FleetActions)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {FleetActions.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("role")) {
                    return role;
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    robot.interact(
        () -> {
          Stage stage = new Stage();
          stage.setScene(new Scene(new OperatorsPane(actions).node(), 900, 480));
          stage.show();
        });
  }

  /** A console in its own directory attaching with a token the window showed. */
  private RemoteOperatorApi attach(String name, String token) throws IOException {
    return RemoteOperatorApi.attach(
        new RemoteOperatorApi.Target(
            new HostPort("127.0.0.1", console.manager().operatorListener().orElseThrow().getPort()),
            console.dir(name),
            name,
            token,
            Fingerprint.parse(console.manager().info().fingerprint())));
  }

  @Test
  void anInvitationFromTheWindowAttachesTheirConsoleAndRemovingThemDetachesIt(FxRobot robot)
      throws IOException {
    open(robot, Role.ADMIN);
    TableView<?> table = robot.lookup("#operators-table").queryAs(TableView.class);
    Label outcome = robot.lookup("#operators-outcome").queryAs(Label.class);
    assertThat(robot.lookup("#invite-operator").queryButton().isDisabled())
        .as("no name yet")
        .isTrue();

    assertThat(robot.lookup("#copy-invitation").queryButton().isDisabled())
        .as("no command yet")
        .isTrue();
    robot.clickOn("#invite-name").write("alice");
    robot.clickOn("#invite-operator");
    TextArea command = robot.lookup("#invitation-command").queryAs(TextArea.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> !command.getText().isEmpty());
    assertThat(robot.lookup("#copy-invitation").queryButton().isDisabled()).isFalse();
    assertThat(outcome.getText())
        .startsWith("A single-use token for alice (operator), valid until")
        .contains("shown only now");
    assertThat(command.getText()).contains("--connect").contains("--manager-fingerprint");
    // Shown whole, and the list above it not squeezed away to make room.
    robot.interact(() -> {});
    assertThat(command.getHeight()).isGreaterThanOrEqualTo(command.prefHeight(-1) - 1);
    assertThat(table.getHeight()).isGreaterThanOrEqualTo(table.getMinHeight() - 1);
    Matcher token = TOKEN.matcher(command.getText());
    assertThat(token.find()).as(command.getText()).isTrue();
    // Listed as an invitation until she attaches.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                table.getItems().stream()
                    .map(OperatorsPane.Entry.class::cast)
                    .anyMatch(e -> e.name().equals("alice") && e.invited()));

    // Alice's console, in its own directory, attaches with what the window showed.
    RemoteOperatorApi alice = console.closeAfter(attach("alice", token.group(1)));
    assertThat(alice.role()).isEqualTo(Role.OPERATOR);
    robot.clickOn("Refresh");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                table.getItems().size() == 1
                    && !((OperatorsPane.Entry) table.getItems().get(0)).invited());
    OperatorsPane.Entry listed = (OperatorsPane.Entry) table.getItems().get(0);
    assertThat(listed.name()).isEqualTo("alice");
    assertThat(listed.role()).isEqualTo(Role.OPERATOR);
    assertThat(listed.key()).startsWith("SHA256:");

    robot.clickOn("alice");
    robot.clickOn("#remove-operator");
    Node confirm = robot.lookup("#confirm-remove-operator").query();
    assertThat(robot.from(confirm).lookup(".content").queryAs(Label.class).getText())
        .contains("detaches their consoles at once");
    robot.clickOn(robot.from(confirm).lookup("Remove").queryButton());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> outcome.getText().equals("Removed alice; their consoles were detached."));
    await().atMost(Duration.ofSeconds(10)).until(() -> !alice.attached());
    await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().isEmpty());
  }

  @Test
  void anInvitationWithdrawnFromTheWindowAdmitsNoOne(FxRobot robot) {
    open(robot, Role.ADMIN);
    robot.clickOn("#invite-name").write("zoe");
    robot.clickOn("#invite-operator");
    TextArea command = robot.lookup("#invitation-command").queryAs(TextArea.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> !command.getText().isEmpty());
    Matcher token = TOKEN.matcher(command.getText());
    assertThat(token.find()).isTrue();

    robot.clickOn("#withdraw-invitation");
    Node confirm = robot.lookup("#confirm-remove-operator").query();
    assertThat(robot.from(confirm).lookup(".content").queryAs(Label.class).getText())
        .contains("Its token then admits no one");
    robot.clickOn(robot.from(confirm).lookup("Withdraw").queryButton());
    Label outcome = robot.lookup("#operators-outcome").queryAs(Label.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                outcome
                    .getText()
                    .equals("Withdrew the invitation of zoe: its token admits no one."));
    assertThat(command.getText()).isEmpty();
    assertThatThrownBy(() -> attach("zoe", token.group(1)))
        .hasMessageContaining("The token was not accepted");
  }

  @Test
  void aNameTheManagerRefusesGetsItsSentenceAndNoToken(FxRobot robot) {
    open(robot, Role.ADMIN);
    robot.clickOn("#invite-name").write("bad name!");
    robot.clickOn("#invite-operator");
    Label outcome = robot.lookup("#operators-outcome").queryAs(Label.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !outcome.getText().isEmpty() && !outcome.getText().startsWith("Inviting"));
    assertThat(outcome.getText()).doesNotContain("Exception").endsWith(".");
    assertThat(robot.lookup("#invitation-command").queryAs(TextArea.class).getText()).isEmpty();
  }

  @Test
  void aViewerIsToldThatManagingOperatorsNeedsTheAdminRole(FxRobot robot) {
    open(robot, Role.VIEWER);
    Label needs = robot.lookup("#operators-needs-admin").queryAs(Label.class);
    assertThat(needs.getText()).isEqualTo("Managing operators needs the admin role.");
    Button invite = robot.lookup("#invite-operator").queryButton();
    assertThat(invite.getParent().isDisabled()).isTrue();
  }
}
