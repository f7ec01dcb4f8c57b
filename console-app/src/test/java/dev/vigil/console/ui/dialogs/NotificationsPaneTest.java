package dev.vigil.console.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.api.NotificationChannel;
import dev.vigil.console.manager.api.NotificationTest;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.FleetActions;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Settings → Notifications: the channels listed, Send test for the selected one, admins only. */
@ExtendWith(ApplicationExtension.class)
class NotificationsPaneTest {
  private final List<String> tested = new CopyOnWriteArrayList<>();
  private volatile Role role = Role.ADMIN;

  /** The window's actions with only the notification calls answering. */
  private FleetActions actions() {
    return (FleetActions)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {FleetActions.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "role" -> role;
                  case "notificationChannels" ->
                      CompletableFuture.completedFuture(
                          List.of(
                              new NotificationChannel(
                                  "hook",
                                  "webhook",
                                  "https://hooks.example.com/•••",
                                  0,
                                  0,
                                  "",
                                  List.of("route all: severity>=warning")),
                              new NotificationChannel(
                                  "mail",
                                  "email",
                                  "smtp://mail.example.com:587",
                                  1,
                                  2,
                                  "mail.example.com:587 refused the login for 'vigil'",
                                  List.of("escalation of route all after 15m"))));
                  case "sendTestNotification" -> {
                    tested.add((String) args[0]);
                    yield CompletableFuture.completedFuture(
                        new NotificationTest(
                            (String) args[0], true, "channel 'hook' accepted the test message 9"));
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private NotificationsPane pane;

  @Start
  void start(Stage stage) {
    pane = new NotificationsPane(actions());
    stage.setScene(new Scene(pane.node(), 900, 360));
    stage.show();
  }

  @Test
  void theChannelsAreListedAndSendTestSendsToTheSelectedOne(FxRobot robot) {
    TableView<?> table = robot.lookup("#notification-channels").queryAs(TableView.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 2);
    Button test = robot.lookup("#send-test-notification").queryButton();
    assertThat(test.isDisabled()).as("nothing selected yet").isTrue();
    robot.clickOn("hook");
    robot.clickOn(test);
    await().atMost(Duration.ofSeconds(5)).until(() -> tested.equals(List.of("hook")));
    Label outcome = robot.lookup("#notification-outcome").queryAs(Label.class);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> outcome.getText().equals("Channel 'hook' accepted the test message 9."));
    assertThat(robot.lookup("mail.example.com:587 refused the login for 'vigil'").tryQuery())
        .isPresent();
  }

  @Test
  void theSelectedChannelIsShownInFullWithTheRoutesThatTellIt(FxRobot robot) {
    TableView<?> table = robot.lookup("#notification-channels").queryAs(TableView.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 2);
    Label details = robot.lookup("#notification-details").queryAs(Label.class);
    robot.clickOn("hook");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                details
                    .getText()
                    .equals(
                        "hook: https://hooks.example.com/•••\n"
                            + "Told by route all: severity>=warning."));
    robot.clickOn("mail");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                details
                    .getText()
                    .equals(
                        "mail: smtp://mail.example.com:587\n"
                            + "Told by escalation of route all after 15m.\n"
                            + "Last error: mail.example.com:587 refused the login for 'vigil'"));
    List<String> cut = new CopyOnWriteArrayList<>();
    robot.interact(() -> cut.addAll(dev.vigil.console.ui.window.CutLabels.in(pane.node())));
    assertThat(cut)
        .as("labels cut in the pane")
        .noneMatch(l -> l.contains("Last error") || l.contains("notifications.conf"));
  }
}
