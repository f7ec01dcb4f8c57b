package dev.vigil.swarm.bench;

import dev.vigil.common.HostPort;
import dev.vigil.console.attach.RemoteOperatorApi;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A console attached to a manager over the operator channel, as the benchmark measures it: per
 * second, the agent updates it received, their lag from the agent's sample to here (p50, p99, max),
 * the bytes read from the manager, and its own CPU. Run by {@code bench/operator-channel.sh};
 * prints {@code ATTACHED} once the snapshot is in, and at the end {@code WINDOW} with the lag
 * percentiles over every update of the steady window ({@code --skip S} seconds after the attach,
 * {@code --steady S} long).
 */
public final class AttachBench {
  private static final int LAG_BUCKETS = 10_000;

  private AttachBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    AtomicLong updates = new AtomicLong();
    AtomicLongArray lag = new AtomicLongArray(LAG_BUCKETS);
    String token = Files.readString(Path.of(o.get("--token-file"))).strip();
    long t0 = System.nanoTime();
    try (RemoteOperatorApi api =
        RemoteOperatorApi.attach(
            new RemoteOperatorApi.Target(
                HostPort.parse(o.get("--manager")),
                Path.of(o.get("--attach-dir")),
                "bench",
                token,
                Fingerprint.parse(o.get("--fingerprint"))))) {
      System.out.printf(
          "ATTACHED agents=%d t=%.3f%n", api.agents().size(), (System.nanoTime() - t0) / 1e9);
      api.subscribe(
          new FleetListener() {
            @Override
            public void agentChanged(AgentSnapshot agent) {
              if (agent.stats() != null) {
                updates.incrementAndGet();
                long ms = System.currentTimeMillis() - agent.stats().sampledAtMillis();
                lag.incrementAndGet((int) Math.max(0, Math.min(LAG_BUCKETS - 1, ms)));
              }
            }
          });
      long duration = Long.parseLong(o.getOrDefault("--duration", "60"));
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      try (PrintStream csv = new PrintStream(Files.newOutputStream(Path.of(o.get("--csv"))))) {
        csv.println(
            "epoch_s,updates,lag_p50_ms,lag_p99_ms,lag_max_ms,received_bytes,cpu_cores,sessions");
        long start = System.nanoTime();
        long lastCpu = os.getProcessCpuTime();
        long lastWall = start;
        long lastBytes = api.receivedBytes();
        // The lag of every update in the steady window, for its p99 over the whole window.
        long skip = Long.parseLong(o.getOrDefault("--skip", "10"));
        long steady = Long.parseLong(o.getOrDefault("--steady", String.valueOf(duration)));
        long[] window = new long[LAG_BUCKETS];
        for (long second = 1; second <= duration; second++) {
          long wait = start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          long[] hist = new long[LAG_BUCKETS];
          for (int i = 0; i < LAG_BUCKETS; i++) {
            hist[i] = lag.getAndSet(i, 0);
            if (second > skip && second <= skip + steady) {
              window[i] += hist[i];
            }
          }
          long cpu = os.getProcessCpuTime();
          long wall = System.nanoTime();
          long bytes = api.receivedBytes();
          csv.printf(
              "%d,%d,%d,%d,%d,%d,%.3f,%d%n",
              System.currentTimeMillis() / 1000,
              updates.getAndSet(0),
              percentile(hist, 0.50),
              percentile(hist, 0.99),
              percentile(hist, 1.0),
              bytes - lastBytes,
              (double) (cpu - lastCpu) / (wall - lastWall),
              api.sessions());
          csv.flush();
          lastCpu = cpu;
          lastWall = wall;
          lastBytes = bytes;
        }
        long n = java.util.Arrays.stream(window).sum();
        System.out.printf(
            "WINDOW updates=%d lag_p50=%d lag_p99=%d lag_p999=%d lag_max=%d%n",
            n,
            percentile(window, 0.50),
            percentile(window, 0.99),
            percentile(window, 0.999),
            percentile(window, 1.0));
      }
    }
    System.out.println("DONE");
  }

  private static long percentile(long[] hist, double p) {
    long total = 0;
    for (long h : hist) {
      total += h;
    }
    if (total == 0) {
      return 0;
    }
    long want = (long) Math.ceil(total * p);
    long seen = 0;
    for (int i = 0; i < hist.length; i++) {
      seen += hist[i];
      if (seen >= want) {
        return i;
      }
    }
    return hist.length - 1;
  }
}
