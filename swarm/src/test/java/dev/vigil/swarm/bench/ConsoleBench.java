package dev.vigil.swarm.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.DataDirectories;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.notify.NotifySetup;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The console side of the benchmarks: a real {@link ConsoleManager} in this JVM (no UI), plus a
 * listener that counts what arrives. Every second it writes one CSV row (online agents, sessions
 * admitted, stats received and their lag, heap, CPU, RSS); on request it measures command round
 * trips. Not part of the product; run by the scripts under {@code bench/}.
 *
 * <p>Options: {@code --data-dir DIR --tcp-port N --udp-port N --port-file FILE --csv FILE
 * [--preapprove IDENTITIES] [--expect N] [--rtt-after S-AFTER-ALL-ONLINE --rtt-count K]
 * [--rtt-per-second R] [--rtt-out FILE] [--rtt-real-agent true] [--duration S] [--webhook-sink
 * true]}; with {@code --webhook-sink} the manager notifies a webhook on loopback (a receiver in
 * this JVM that answers 204 and counts the messages, a CSV column) with the quick-start defaults;
 * with {@code --rtt-real-agent} the commands go only to agents that are not simulated (host names
 * not starting with {@code sim-}): a real agent in its own process, so that the round trip is the
 * console's and not the swarm's scheduling.
 */
public final class ConsoleBench {
  private static final int LAG_BUCKETS = 60_001; // milliseconds, the last one is "60 s or more"

  private final Map<String, AgentStatus> statuses = new ConcurrentHashMap<>();
  private final AtomicLong admitted = new AtomicLong();
  private final AtomicLong stats = new AtomicLong();
  private final AtomicLongArray lag = new AtomicLongArray(LAG_BUCKETS);
  private final AtomicLong notifyMessages = new AtomicLong();

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    new ConsoleBench().run(o);
  }

  private void run(Map<String, String> o) throws Exception {
    Path dataDir = Path.of(o.get("--data-dir"));
    Files.createDirectories(dataDir);
    if (o.containsKey("--preapprove")) {
      preapprove(
          dataDir,
          Path.of(o.get("--preapprove")),
          Integer.parseInt(o.getOrDefault("--expect", "0")));
    }
    ManagerConfig.Builder builder =
        ManagerConfig.loopbackAnyPort(dataDir)
            .withPorts(
                Integer.parseInt(o.getOrDefault("--tcp-port", "0")),
                Integer.parseInt(o.getOrDefault("--udp-port", "0")))
            .toBuilder()
            .operatorPort(Integer.parseInt(o.getOrDefault("--operator-port", "-1")));
    HttpServer sink = null;
    if (Boolean.parseBoolean(o.getOrDefault("--webhook-sink", "false"))) {
      sink = webhookSink();
      builder.notifications(
          new NotifySetup(
              null,
              List.of("http://127.0.0.1:" + sink.getAddress().getPort() + "/hook"),
              List.of()));
    }
    ManagerConfig config = builder.build();
    long t0 = System.nanoTime();
    PrintStream out = System.out;
    ConsoleManager manager = new ConsoleManager(config);
    manager.subscribe(
        new FleetListener() {
          @Override
          public void agentChanged(AgentSnapshot agent) {
            AgentStatus before = statuses.put(agent.agentId(), agent.status());
            if (agent.status() == AgentStatus.ONLINE) {
              if (before != AgentStatus.ONLINE && before != AgentStatus.STALE) {
                admitted.incrementAndGet();
              } else if (agent.stats() != null) {
                stats.incrementAndGet();
                long ms = System.currentTimeMillis() - agent.stats().sampledAtMillis();
                lag.incrementAndGet((int) Math.max(0, Math.min(LAG_BUCKETS - 1, ms)));
              }
            }
          }
        });
    manager.start();
    out.printf("LISTENING tcp=%d t=%.3f%n", manager.info().agentListener().getPort(), secs(t0));
    if (o.containsKey("--port-file")) {
      String token =
          o.containsKey("--no-token")
              ? ""
              : manager.enroll(Operator.local(), Duration.ofHours(24), 100_000).token();
      DataDirectories.writePrivately(
          Path.of(o.get("--port-file")),
          "tcp="
              + manager.info().agentListener().getPort()
              + "\nudp="
              + manager.info().alertListener().getPort()
              + "\nfingerprint="
              + manager.info().keyFingerprint().map(Fingerprint::parse).orElseThrow()
              + "\ntoken="
              + token
              + "\noperator="
              + manager.operatorListener().map(a -> a.getPort()).orElse(-1)
              + "\npid="
              + ProcessHandle.current().pid()
              + "\n");
    }
    int expect = Integer.parseInt(o.getOrDefault("--expect", "0"));
    long duration = Long.parseLong(o.getOrDefault("--duration", "0"));
    long rttAfter = Long.parseLong(o.getOrDefault("--rtt-after", "-1"));
    try (PrintStream csv = new PrintStream(Files.newOutputStream(Path.of(o.get("--csv"))))) {
      csv.println(
          "epoch_s,elapsed_s,online,admitted,stats,lag_p50_ms,lag_p99_ms,lag_max_ms,heap_used_mb,"
              + "cpu_cores,rss_mb,turned_away_total,operator_bytes,notify_messages_total");
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long lastCpu = os.getProcessCpuTime();
      long lastWall = System.nanoTime();
      long allOnlineSecond = -1;
      long lastOperatorBytes = 0;
      boolean rttDone = false;
      for (long second = 1; duration == 0 || second <= duration; second++) {
        long due = t0 + TimeUnit.SECONDS.toNanos(second);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        long[] hist = new long[LAG_BUCKETS];
        for (int i = 0; i < LAG_BUCKETS; i++) {
          hist[i] = lag.getAndSet(i, 0);
        }
        long online = statuses.values().stream().filter(s -> s == AgentStatus.ONLINE).count();
        csv.printf(
            "%d,%.1f,%d,%d,%d,%d,%d,%d,%d,%.3f,%d,%d,%d,%d%n",
            System.currentTimeMillis() / 1000,
            secs(t0),
            online,
            admitted.getAndSet(0),
            stats.getAndSet(0),
            percentile(hist, 0.50),
            percentile(hist, 0.99),
            percentile(hist, 1.0),
            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
            (double) (cpu - lastCpu) / (wall - lastWall),
            rssMb(),
            manager.info().sessions().turnedAway(),
            manager.operatorBytesWritten() - lastOperatorBytes,
            notifyMessages.get());
        lastOperatorBytes = manager.operatorBytesWritten();
        csv.flush();
        lastCpu = cpu;
        lastWall = wall;
        if (allOnlineSecond < 0 && (expect == 0 || online >= expect)) {
          allOnlineSecond = second;
          if (expect > 0) {
            out.printf("ALL_ONLINE n=%d t=%.3f%n", online, secs(t0));
          }
        }
        if (!rttDone
            && rttAfter >= 0
            && allOnlineSecond >= 0
            && second >= allOnlineSecond + rttAfter) {
          rttDone = true;
          Thread.ofVirtual().start(() -> roundTrips(manager, o, out));
        }
      }
    } finally {
      manager.close();
      if (sink != null) {
        sink.stop(0);
      }
    }
  }

  /** A webhook receiver on loopback that takes every message with a 204 and counts it. */
  private HttpServer webhookSink() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          notifyMessages.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  /** Sends commands to random online agents at a steady pace and reports the round trips. */
  private void roundTrips(ConsoleManager manager, Map<String, String> o, PrintStream out) {
    int count = Integer.parseInt(o.getOrDefault("--rtt-count", "500"));
    int perSecond = Integer.parseInt(o.getOrDefault("--rtt-per-second", "20"));
    boolean realOnly = Boolean.parseBoolean(o.getOrDefault("--rtt-real-agent", "false"));
    List<String> online =
        manager.agents().stream()
            .filter(a -> a.status() == AgentStatus.ONLINE)
            .filter(a -> !realOnly || !a.hostname().startsWith("sim-"))
            .map(AgentSnapshot::agentId)
            .toList();
    if (online.isEmpty()) {
      out.println("RTT {\"error\": \"no agent to send commands to\"}");
      return;
    }
    List<CompletableFuture<Long>> rtts = new ArrayList<>();
    Map<CommandOutcome.Status, AtomicLong> outcomes = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * (1_000_000_000L / perSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
      String id = online.get(ThreadLocalRandom.current().nextInt(online.size()));
      long sent = System.nanoTime();
      rtts.add(
          manager
              .send(Operator.local(), id, Command.REFRESH, java.util.Map.of())
              .thenApply(
                  outcome -> {
                    outcomes
                        .computeIfAbsent(outcome.status(), s -> new AtomicLong())
                        .incrementAndGet();
                    return System.nanoTime() - sent;
                  }));
    }
    long[] micros = rtts.stream().mapToLong(f -> f.join() / 1000).sorted().toArray();
    String summary =
        String.format(
            "{\"commands\": %d, \"per_second\": %d, \"p50_ms\": %.2f, \"p90_ms\": %.2f,"
                + " \"p99_ms\": %.2f, \"max_ms\": %.2f, \"outcomes\": \"%s\"}",
            micros.length,
            perSecond,
            at(micros, 0.50) / 1000.0,
            at(micros, 0.90) / 1000.0,
            at(micros, 0.99) / 1000.0,
            micros[micros.length - 1] / 1000.0,
            outcomes);
    out.println("RTT " + summary);
    if (o.containsKey("--rtt-out")) {
      try {
        Files.writeString(Path.of(o.get("--rtt-out")), summary + "\n");
      } catch (IOException e) {
        out.println("cannot write " + o.get("--rtt-out") + ": " + e.getMessage());
      }
    }
  }

  /** Records every agent of an identity cache as approved, as enrollment would have. */
  private static void preapprove(Path dataDir, Path identities, int count) throws Exception {
    Path agentsFile = dataDir.resolve("agents.json");
    if (Files.exists(agentsFile)) {
      return;
    }
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Map<String, Map<String, Object>> agents = new LinkedHashMap<>();
    int index = 0;
    long now = System.currentTimeMillis();
    for (String line : Files.readAllLines(identities, StandardCharsets.US_ASCII)) {
      String[] parts = line.trim().split(" ");
      if (parts.length != 3 || (count > 0 && index >= count)) {
        continue;
      }
      var cert =
          (X509Certificate)
              x509.generateCertificate(
                  new ByteArrayInputStream(Base64.getDecoder().decode(parts[2])));
      Map<String, Object> known = new LinkedHashMap<>();
      known.put("agentId", parts[0]);
      known.put("hostname", String.format("sim-%05d", index++));
      known.put("fingerprint", Fingerprint.of(cert).value());
      known.put("approval", "APPROVED");
      known.put("firstSeenMillis", now);
      agents.put(parts[0], known);
    }
    Gson gson = new GsonBuilder().setPrettyPrinting().create();
    DataDirectories.writePrivately(agentsFile, gson.toJson(agents));
  }

  private static long percentile(long[] hist, double q) {
    long total = 0;
    for (long h : hist) {
      total += h;
    }
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < hist.length; i++) {
      seen += hist[i];
      if (seen >= rank && hist[i] > 0) {
        return i;
      }
    }
    return hist.length - 1;
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no RSS column
    }
    return -1;
  }
}
