package dev.vigil.console.manager.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console's accept loop when the process is out of file descriptors (issue #16, finding 3). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AcceptLoopTest {

  /** A listener whose accept() fails at once, as it does with no descriptor left. */
  private static final class ExhaustedServerSocket extends ServerSocket {
    ExhaustedServerSocket() throws IOException {}

    @Override
    public Socket accept() throws IOException {
      if (isClosed()) {
        throw new SocketException("Socket is closed");
      }
      throw new IOException("Too many open files");
    }
  }

  @Test
  void failingAcceptsPauseAndAreLoggedOncePerInterval() throws Exception {
    try (ServerSocket exhausted = new ExhaustedServerSocket()) {
      AcceptLoop loop =
          new AcceptLoop(
              exhausted,
              s -> {
                throw new AssertionError("nothing can be accepted");
              });
      Thread thread = Thread.ofPlatform().daemon().start(loop);
      // Before: 2.2 million log lines in 10 s and a core burned. Now about six attempts in these
      // two seconds (50 ms doubling to 1 s); twenty is a generous bound.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(3))
          .until(() -> loop.attempts() <= 20);
      assertThat(loop.attempts()).isGreaterThanOrEqualTo(3);
      assertThat(loop.reportLines()).isEqualTo(1);
      exhausted.close();
      thread.join(Duration.ofSeconds(5));
      assertThat(thread.isAlive()).isFalse();
    }
  }
}
