package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.headless.HeadlessConsole;
import dev.vigil.console.manager.api.NotificationChannel;
import dev.vigil.console.manager.api.NotificationTest;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.RefusedException;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.notify.NotifySetup;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notification channels as the window, the headless console and an attached console see them:
 * listed with their secrets masked, and "Send test", which only an admin may.
 */
@Timeout(60)
class RemoteNotificationsTest {
  private static HttpServer receiver;
  private static Path conf;
  private static final List<String> tests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void receive() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newSingleThreadExecutor());
    receiver.createContext(
        "/",
        exchange -> {
          tests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort(); // nobody listens there once it is closed
    }
    conf = Files.createTempFile("notifications", ".conf");
    Files.writeString(
        conf,
        "channel.ops.type = webhook\nchannel.ops.url = http://127.0.0.1:"
            + receiver.getAddress().getPort()
            + "/hooks/T0KEN\nchannel.dead.type = webhook\nchannel.dead.url = http://127.0.0.1:"
            + closed
            + "/x\nroute.all.to = ops\n");
  }

  @AfterAll
  static void stop() throws IOException {
    receiver.stop(0);
    Files.deleteIfExists(conf);
  }

  @RegisterExtension
  final RunningConsole console =
      RunningConsole.configured(
          b -> b.operatorPort(0).notifications(new NotifySetup(conf, List.of(), List.of())));

  private final Consoles consoles = new Consoles(console);

  private String headless(String input) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new HeadlessConsole(
            console.manager(),
            Operator.local(),
            new BufferedReader(new StringReader(input)),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false)
        .run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void headlessListsTheChannelsMaskedAndSendsATest() throws Exception {
    String out = headless("notifications\nnotify-test ops\nnotify-test dead\nnotify-test nope\n");
    assertThat(out)
        .containsPattern("ops +webhook +http://127.0.0.1:\\d+/••• \\(vigil\\) +last delivery never")
        .contains("channel 'ops' accepted the test message")
        .contains("channel 'dead' did not accept the test message: cannot reach the webhook at")
        .contains("there is no notification channel 'nope'; the channels are ops, dead")
        .doesNotContain("T0KEN", "Exception");
    assertThat(tests).anySatisfy(b -> assertThat(b).contains("\"test\":true"));
  }

  @Test
  void anAdminSendsATestOverTheOperatorChannelAndAViewerMayOnlyLook() throws Exception {
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    NotificationTest sent =
        admin.sendTestNotification(Operator.local(), "ops").get(30, TimeUnit.SECONDS);
    assertThat(sent.delivered()).isTrue();
    List<NotificationChannel> channels = admin.notificationChannels();
    assertThat(channels).extracting(NotificationChannel::name).containsExactly("ops", "dead");
    assertThat(channels.get(0).lastDeliveredMillis()).isPositive();
    assertThat(channels.get(0).target()).doesNotContain("T0KEN");

    RemoteOperatorApi vera = consoles.invited(admin, "vera", Role.VIEWER);
    assertThat(vera.notificationChannels()).hasSize(2);
    assertThatThrownBy(() -> vera.sendTestNotification(Operator.local(), "ops"))
        .isInstanceOf(RefusedException.class)
        .hasMessage("vera is a viewer: sending test notifications needs the admin role.");
  }
}
