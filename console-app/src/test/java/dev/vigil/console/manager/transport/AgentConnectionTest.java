package dev.vigil.console.manager.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The writer that exists only while there is something to write loses and reorders nothing. */
class AgentConnectionTest {
  private static final int SENDERS = 4;
  private static final int EACH = 5_000;

  @Test
  void framesFromManyThreadsAllArriveEachThreadsInOrder() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket console = new Socket()) {
      console.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      try (Socket agent = server.accept()) {
        AgentConnection connection =
            new AgentConnection(
                new Hello(1, UUID.randomUUID().toString(), "h", "os", "1", List.of(), null),
                "SHA256:test",
                console,
                new FrameWriter(console.getOutputStream(), Protocol.MAX_FRAME_BYTES));
        // The agent side reads as fast as it can; the senders keep fewer frames in flight than
        // the queue holds, as the console's real senders do.
        List<Long> received = new ArrayList<>();
        AtomicInteger receivedCount = new AtomicInteger();
        AtomicInteger sentCount = new AtomicInteger();
        Thread reader =
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        FrameReader in =
                            new FrameReader(agent.getInputStream(), Protocol.MAX_FRAME_BYTES);
                        for (int i = 0; i < SENDERS * EACH; i++) {
                          Message m = in.readMessage();
                          received.add(((Ack) m).sequence());
                          receivedCount.incrementAndGet();
                        }
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
          long base = (s + 1) * 1_000_000L;
          senders.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try {
                          go.await();
                          for (int i = 1; i <= EACH; i++) {
                            while (sentCount.get() - receivedCount.get()
                                > AgentConnection.QUEUE_FRAMES / 2) {
                              Thread.onSpinWait();
                            }
                            connection.send(new Ack(base + i));
                            sentCount.incrementAndGet();
                            if (i % 50 == 0) {
                              Thread.yield(); // let the writer drain and end now and then
                            }
                          }
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                      }));
        }
        go.countDown();
        for (Thread t : senders) {
          t.join();
        }
        reader.join();

        assertThat(received).hasSize(SENDERS * EACH);
        Map<Long, Long> lastPerSender = new HashMap<>();
        for (long seq : received) {
          long sender = seq / 1_000_000L;
          long previous = lastPerSender.getOrDefault(sender, sender * 1_000_000L);
          assertThat(seq).as("sender %d's frames in order", sender).isEqualTo(previous + 1);
          lastPerSender.put(sender, seq);
        }
        connection.close();
      }
    }
  }
}
