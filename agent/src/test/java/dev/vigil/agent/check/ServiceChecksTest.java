package dev.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.alert.HostRules;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.CheckStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceChecksTest {
  private final ConcurrentLinkedQueue<CheckResult> results = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<HostRules.Raised> raised = new ConcurrentLinkedQueue<>();

  private ServiceChecks checks(String... lines) {
    List<CheckSpec> specs =
        java.util.stream.IntStream.range(0, lines.length)
            .mapToObj(i -> CheckLine.parse(lines[i].split(" ", 2)[0], lines[i].split(" ", 2)[1]))
            .toList();
    return new ServiceChecks(
        specs,
        s -> Probes.of(s, "systemctl"),
        (r, e) -> {
          results.add(r);
          e.ifPresent(raised::add);
        });
  }

  private static HttpServer serve(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/",
        x -> {
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    server.start();
    return server;
  }

  @Test
  void anHttpCheckRaisesAProblemAfterThreeFailuresAndResolvesItAfterThreePasses() throws Exception {
    HttpServer server = serve(0);
    int port = server.getAddress().getPort();
    try (ServiceChecks c =
        checks("web http http://127.0.0.1:" + port + "/ expect 204 every 1s timeout 900ms for 3")) {
      c.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> c.latest().getFirst().status() == CheckStatus.OK);
      assertThat(c.latest().getFirst().metrics()).extracting("name").containsExactly("time");
      server.stop(0);
      await().atMost(Duration.ofSeconds(15)).until(() -> !raised.isEmpty());
      HostRules.Raised fired = raised.poll();
      assertThat(fired.rule()).isEqualTo("check.web");
      assertThat(fired.event().state()).isEqualTo(AlertState.FIRING);
      assertThat(fired.message())
          .startsWith("Check web failed 3 run(s) in a row: HTTP http://127.0.0.1:");
      // Exactly three failing runs came before the problem, none of them marked failing but the
      // last.
      List<CheckResult> failures =
          results.stream().filter(r -> r.status() == CheckStatus.CRITICAL).toList();
      assertThat(failures).hasSize(3);
      assertThat(failures).extracting(CheckResult::failing).containsExactly(false, false, true);

      server = serve(port);
      results.clear();
      await().atMost(Duration.ofSeconds(15)).until(() -> !raised.isEmpty());
      HostRules.Raised resolved = raised.poll();
      assertThat(resolved.event().state()).isEqualTo(AlertState.RESOLVED);
      assertThat(results.stream().filter(r -> r.status() == CheckStatus.OK)).hasSize(3);
      assertThat(c.latest().getFirst().failing()).isFalse();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aCheckNeverRunsTwiceAtOnceAndASlowOneSkipsItsTurns() throws Exception {
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    CheckSpec spec = CheckLine.parse("slow", "tcp 127.0.0.1:1 every 1s");
    Probe slow =
        timeout -> {
          most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          try {
            // A run that takes 2.5 of its 1 s turns: the turns it overlaps are skipped.
            await().pollDelay(Duration.ofMillis(2500)).until(() -> true);
          } finally {
            concurrent.decrementAndGet();
            runs.incrementAndGet();
          }
          return Probe.Outcome.of(CheckStatus.OK, "fine");
        };
    try (ServiceChecks c = new ServiceChecks(List.of(spec), s -> slow, (r, e) -> results.add(r))) {
      c.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> runs.get() >= 2);
    }
    assertThat(most.get()).isEqualTo(1);
  }

  @Test
  void aSystemdChecksResultNamesItsUnitSoTheConsoleCanOfferItsRestart() {
    try (ServiceChecks c = checks("web systemd nginx", "db tcp 127.0.0.1:1")) {
      assertThat(c.latest()).extracting(CheckResult::unit).containsExactly("nginx.service", null);
    }
  }
}
