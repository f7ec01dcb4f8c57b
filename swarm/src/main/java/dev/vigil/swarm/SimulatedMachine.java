package dev.vigil.swarm;

import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.RuleLevel;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The made-up machine behind one simulated agent: CPU, memory, load and traffic follow bounded
 * random walks, so a console shows plausible moving values. A few dozen bytes of state; not
 * thread-safe (one agent's writer samples it).
 */
final class SimulatedMachine {
  private static final int CORES = 4;
  private static final long GIB = 1L << 30;

  /**
   * The processes a simulated machine may run, as the real agent reports them: the user, the name
   * and the command line with its arguments. Each machine runs a few of them.
   */
  private record Program(String user, String name, String commandLine, long residentBytes) {}

  private static final List<Program> PROGRAMS =
      List.of(
          new Program(
              "root", "systemd", "/lib/systemd/systemd --system --deserialize 31", 12L << 20),
          new Program("www-data", "nginx", "nginx: worker process", 48L << 20),
          new Program(
              "postgres",
              "postgres",
              "/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main",
              310L << 20),
          new Program(
              "app",
              "java",
              "/usr/bin/java -Xmx512m -jar /opt/shop/shop-service.jar --server.port=8080",
              640L << 20),
          new Program("redis", "redis-server", "/usr/bin/redis-server 127.0.0.1:6379", 95L << 20),
          new Program(
              "root", "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", 8L << 20),
          new Program(
              "ann",
              "python3",
              "python3 /home/ann/jobs/report.py --since 2026-11-01 --out /tmp/report.csv",
              150L << 20),
          new Program(
              "node", "node", "node /srv/web/server.js --env production --workers 2", 210L << 20));

  private final String hostname;
  private final List<String> tags;

  /** The services every simulated agent lets a console restart (as a dry run). */
  static final List<String> SERVICES = List.of("nginx.service");

  private static final List<String> ROLES = List.of("web", "db", "cache");
  private static final List<String> REGIONS =
      List.of("region:eu-west", "region:us-east", "region:ap-south");

  /**
   * The tags of the swarm's agent number {@code index}, so that a fleet of them can be filtered and
   * grouped: a role ({@code web}, {@code db}, {@code cache} in turn), a region ({@code
   * region:eu-west}, {@code region:us-east}, {@code region:ap-south}, in turn every 3 agents) and
   * {@code prod}, except every tenth agent which is {@code staging}.
   */
  static List<String> tags(int index) {
    return List.of(
        ROLES.get(index % ROLES.size()),
        REGIONS.get((index / ROLES.size()) % REGIONS.size()),
        index % 10 == 9 ? "staging" : "prod");
  }

  private final long memoryTotal;
  private final long bootMillis;
  private final double[] cores = new double[CORES];
  private double memoryShare;
  private double load1;
  private double load5;
  private double load15;
  private double netRx;
  private double netTx;
  private int processes;

  /** Which of {@link #PROGRAMS} this machine runs, one bit each, and its first PID. */
  private final int programs;

  private final int pidBase;

  SimulatedMachine(String hostname, RandomGenerator random) {
    this(hostname, List.of(), random);
  }

  /**
   * @param tags the simulated agent's tags, as its agent.conf would name them
   */
  SimulatedMachine(String hostname, List<String> tags, RandomGenerator random) {
    this.hostname = hostname;
    this.tags = List.copyOf(tags);
    this.memoryTotal = (4L << random.nextInt(3)) * GIB; // 4, 8 or 16 GiB
    this.bootMillis = System.currentTimeMillis() - random.nextLong(30L * 86_400_000L);
    for (int i = 0; i < CORES; i++) {
      cores[i] = 5 + random.nextDouble(30);
    }
    this.memoryShare = 0.2 + random.nextDouble(0.5);
    this.processes = 120 + random.nextInt(200);
    this.netRx = random.nextDouble(200_000);
    this.netTx = random.nextDouble(100_000);
    // systemd and sshd on every machine, and three to five of the others.
    int chosen = 1 | 1 << 5;
    int count = 5 + random.nextInt(3);
    while (Integer.bitCount(chosen) < count) {
      chosen |= 1 << random.nextInt(PROGRAMS.size());
    }
    this.programs = chosen;
    this.pidBase = 300 + random.nextInt(30_000);
  }

  String hostname() {
    return hostname;
  }

  /** The next sample: every figure moves a little from the last one. */
  StatsReport sample(RandomGenerator random) {
    long now = System.currentTimeMillis();
    double sum = 0;
    Double[] perCore = new Double[CORES];
    for (int i = 0; i < CORES; i++) {
      cores[i] = walk(cores[i], random, 6, 0, 100);
      perCore[i] = round(cores[i]);
      sum += cores[i];
    }
    double cpu = sum / CORES;
    memoryShare = walk(memoryShare, random, 0.01, 0.05, 0.95);
    long used = (long) (memoryTotal * memoryShare);
    load1 = Math.max(0, load1 + (cpu / 100 * CORES - load1) / 12);
    load5 = Math.max(0, load5 + (load1 - load5) / 60);
    load15 = Math.max(0, load15 + (load5 - load15) / 180);
    processes = (int) walk(processes, random, 3, 60, 2000);
    netRx = walk(netRx, random, 20_000, 0, 10_000_000);
    netTx = walk(netTx, random, 10_000, 0, 10_000_000);
    return StatsReport.builder(now, round(cpu), used, memoryTotal, processes)
        .cpuPerCore(List.of(perCore))
        .loadAverage(List.of(round(load1), round(load5), round(load15)))
        .memoryAvailable(memoryTotal - used)
        .threads(processes * 3)
        .uptimeSeconds((now - bootMillis) / 1000)
        .disk(Math.rint(random.nextDouble(50_000)), Math.rint(random.nextDouble(200_000)))
        .network(List.of(new InterfaceRate("eth0", round(netRx), round(netTx))))
        .agent(round(0.1 + random.nextDouble(0.3)), 60_000_000 + random.nextLong(10_000_000))
        .build();
  }

  /** What the machine says once per session. */
  Inventory inventory(List<String> allowedCommands, String version) {
    return new Inventory(
        hostname,
        "Simulated Linux 6.1",
        "6.1.0-sim",
        "amd64",
        "Simulated CPU @ 2.4GHz",
        CORES / 2,
        CORES,
        memoryTotal,
        List.of("10.0.0.1"),
        version,
        allowedCommands,
        // The one rule a simulated agent alerts on (SimulatedAgent#alert): CPU, warning at 90.
        List.of(new RuleLevel("cpu", 90.0, null, 90, 0)),
        SERVICES,
        tags);
  }

  /** The slower report: one file system and the machine's processes, with users and commands. */
  SlowReport slow(RandomGenerator random) {
    long disk = 100 * GIB;
    List<ProcessInfo> running = new ArrayList<>();
    double share = cpuPercent() * CORES; // percent of one core, as the agent reports it
    for (int i = 0; i < PROGRAMS.size(); i++) {
      if ((programs & 1 << i) != 0) {
        Program p = PROGRAMS.get(i);
        long pid = i == 0 ? 1 : pidBase + 37L * i;
        double cpu = round(share * random.nextDouble(0.3));
        long resident = (long) (p.residentBytes() * (0.8 + random.nextDouble(0.4)));
        running.add(new ProcessInfo(pid, p.name(), cpu, resident, p.user(), p.commandLine()));
      }
    }
    return new SlowReport(
        System.currentTimeMillis(),
        List.of(
            new FileSystemUsage("/", "ext4", (long) (disk * (0.3 + random.nextDouble(0.1))), disk)),
        running.stream()
            .sorted(Comparator.comparingDouble(ProcessInfo::cpuPercent).reversed())
            .toList(),
        running.stream()
            .sorted(Comparator.comparingLong(ProcessInfo::residentBytes).reversed())
            .toList());
  }

  /** The current whole-machine CPU load, for alert rules. */
  double cpuPercent() {
    double sum = 0;
    for (double c : cores) {
      sum += c;
    }
    return sum / CORES;
  }

  private static double walk(
      double v, RandomGenerator random, double step, double min, double max) {
    double next = v + (random.nextDouble() * 2 - 1) * step;
    return Math.min(max, Math.max(min, next));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
