package dev.vigil.protocol.message;

import java.util.List;

/**
 * One sample of the agent's machine, sent every stats interval.
 *
 * @param sampledAtMillis when the sample was taken, milliseconds since the epoch
 * @param cpuPercent whole-machine CPU load over the last interval, 0 to 100
 * @param memoryUsedBytes memory in use (total minus available)
 * @param memoryTotalBytes physical memory
 * @param processCount running processes
 * @param cpuPerCore each logical core's load over the last interval, 0 to 100 (at most 1024)
 * @param loadAverage the 1, 5 and 15 minute load averages, or empty where the OS has none
 * @param memoryAvailableBytes memory available to new work without swapping
 * @param swapUsedBytes swap in use
 * @param swapTotalBytes swap configured
 * @param threadCount threads of all processes
 * @param uptimeSeconds time since the machine booted
 * @param diskReadBytesPerSecond all disks' reads over the last interval
 * @param diskWriteBytesPerSecond all disks' writes over the last interval
 * @param network per-interface receive and transmit rates (at most 256 interfaces)
 * @param agentCpuPercent the agent's own CPU use over the last interval, as a share of one core
 * @param agentResidentBytes the agent's own resident memory
 * @param checks the service checks whose run finished since the previous report, at most {@link
 *     CheckResult#MAX_CHECKS}; a receiver updates those by name and keeps the others (the whole set
 *     comes with every {@link SlowReport}); optional, empty when none ran
 */
public record StatsReport(
    long sampledAtMillis,
    double cpuPercent,
    long memoryUsedBytes,
    long memoryTotalBytes,
    int processCount,
    List<Double> cpuPerCore,
    List<Double> loadAverage,
    long memoryAvailableBytes,
    long swapUsedBytes,
    long swapTotalBytes,
    int threadCount,
    long uptimeSeconds,
    double diskReadBytesPerSecond,
    double diskWriteBytesPerSecond,
    List<InterfaceRate> network,
    double agentCpuPercent,
    long agentResidentBytes,
    List<CheckResult> checks)
    implements AgentMessage {

  /** A report without check results, every other field given. */
  public StatsReport(
      long sampledAtMillis,
      double cpuPercent,
      long memoryUsedBytes,
      long memoryTotalBytes,
      int processCount,
      List<Double> cpuPerCore,
      List<Double> loadAverage,
      long memoryAvailableBytes,
      long swapUsedBytes,
      long swapTotalBytes,
      int threadCount,
      long uptimeSeconds,
      double diskReadBytesPerSecond,
      double diskWriteBytesPerSecond,
      List<InterfaceRate> network,
      double agentCpuPercent,
      long agentResidentBytes) {
    this(
        sampledAtMillis,
        cpuPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        processCount,
        cpuPerCore,
        loadAverage,
        memoryAvailableBytes,
        swapUsedBytes,
        swapTotalBytes,
        threadCount,
        uptimeSeconds,
        diskReadBytesPerSecond,
        diskWriteBytesPerSecond,
        network,
        agentCpuPercent,
        agentResidentBytes,
        List.of());
  }

  /** The same report carrying these check results. */
  public StatsReport withChecks(List<CheckResult> ran) {
    return new StatsReport(
        sampledAtMillis,
        cpuPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        processCount,
        cpuPerCore,
        loadAverage,
        memoryAvailableBytes,
        swapUsedBytes,
        swapTotalBytes,
        threadCount,
        uptimeSeconds,
        diskReadBytesPerSecond,
        diskWriteBytesPerSecond,
        network,
        agentCpuPercent,
        agentResidentBytes,
        ran);
  }

  /** A report with only the core figures, as a minimal agent sends it. */
  public StatsReport(
      long sampledAtMillis,
      double cpuPercent,
      long memoryUsedBytes,
      long memoryTotalBytes,
      int processCount) {
    this(
        sampledAtMillis,
        cpuPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        processCount,
        List.of(),
        List.of(),
        memoryTotalBytes - memoryUsedBytes,
        0,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        0,
        0);
  }

  /**
   * A report with the core figures given and the others named one by one; those left out are empty
   * or 0 (available memory: total minus used).
   */
  public static Builder builder(
      long sampledAtMillis,
      double cpuPercent,
      long memoryUsedBytes,
      long memoryTotalBytes,
      int processCount) {
    return new Builder(
        sampledAtMillis, cpuPercent, memoryUsedBytes, memoryTotalBytes, processCount);
  }

  /** Builds a {@link StatsReport} by name; {@link #build()} checks every field. */
  public static final class Builder {
    private final long sampledAtMillis;
    private final double cpuPercent;
    private final long memoryUsedBytes;
    private final long memoryTotalBytes;
    private final int processCount;
    private List<Double> cpuPerCore = List.of();
    private List<Double> loadAverage = List.of();
    private long memoryAvailableBytes;
    private long swapUsedBytes;
    private long swapTotalBytes;
    private int threadCount;
    private long uptimeSeconds;
    private double diskReadBytesPerSecond;
    private double diskWriteBytesPerSecond;
    private List<InterfaceRate> network = List.of();
    private double agentCpuPercent;
    private long agentResidentBytes;

    private Builder(
        long sampledAtMillis,
        double cpuPercent,
        long memoryUsedBytes,
        long memoryTotalBytes,
        int processCount) {
      this.sampledAtMillis = sampledAtMillis;
      this.cpuPercent = cpuPercent;
      this.memoryUsedBytes = memoryUsedBytes;
      this.memoryTotalBytes = memoryTotalBytes;
      this.processCount = processCount;
      this.memoryAvailableBytes = Math.max(0, memoryTotalBytes - memoryUsedBytes);
    }

    /** Each logical core's load, 0 to 100. */
    public Builder cpuPerCore(List<Double> loads) {
      this.cpuPerCore = loads;
      return this;
    }

    /** The 1, 5 and 15 minute load averages, or none. */
    public Builder loadAverage(List<Double> averages) {
      this.loadAverage = averages;
      return this;
    }

    /** Memory available to new work without swapping. */
    public Builder memoryAvailable(long bytes) {
      this.memoryAvailableBytes = bytes;
      return this;
    }

    /** Swap in use and configured. */
    public Builder swap(long usedBytes, long totalBytes) {
      this.swapUsedBytes = usedBytes;
      this.swapTotalBytes = totalBytes;
      return this;
    }

    /** Threads of all processes. */
    public Builder threads(int count) {
      this.threadCount = count;
      return this;
    }

    /** Time since the machine booted. */
    public Builder uptimeSeconds(long seconds) {
      this.uptimeSeconds = seconds;
      return this;
    }

    /** All disks' reads and writes over the last interval. */
    public Builder disk(double readBytesPerSecond, double writeBytesPerSecond) {
      this.diskReadBytesPerSecond = readBytesPerSecond;
      this.diskWriteBytesPerSecond = writeBytesPerSecond;
      return this;
    }

    /** Per-interface receive and transmit rates. */
    public Builder network(List<InterfaceRate> rates) {
      this.network = rates;
      return this;
    }

    /** The agent's own CPU (share of one core) and resident memory. */
    public Builder agent(double cpuPercentOfOneCore, long residentBytes) {
      this.agentCpuPercent = cpuPercentOfOneCore;
      this.agentResidentBytes = residentBytes;
      return this;
    }

    /**
     * The report.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public StatsReport build() {
      return new StatsReport(
          sampledAtMillis,
          cpuPercent,
          memoryUsedBytes,
          memoryTotalBytes,
          processCount,
          cpuPerCore,
          loadAverage,
          memoryAvailableBytes,
          swapUsedBytes,
          swapTotalBytes,
          threadCount,
          uptimeSeconds,
          diskReadBytesPerSecond,
          diskWriteBytesPerSecond,
          network,
          agentCpuPercent,
          agentResidentBytes);
    }
  }

  public StatsReport {
    Checks.notNegative("sampledAtMillis", sampledAtMillis);
    Checks.percent("cpuPercent", cpuPercent);
    Checks.notNegative("memoryUsedBytes", memoryUsedBytes);
    Checks.notNegative("memoryTotalBytes", memoryTotalBytes);
    Checks.notNegative("processCount", processCount);
    if (memoryUsedBytes > memoryTotalBytes) {
      throw new IllegalArgumentException("memoryUsedBytes exceeds memoryTotalBytes");
    }
    cpuPerCore = cpuPerCore == null ? List.of() : List.copyOf(cpuPerCore);
    if (cpuPerCore.size() > 1024) {
      throw new IllegalArgumentException("cpuPerCore lists more than 1024 cores");
    }
    cpuPerCore.forEach(c -> Checks.percent("cpuPerCore[]", c));
    loadAverage = loadAverage == null ? List.of() : List.copyOf(loadAverage);
    if (!loadAverage.isEmpty() && loadAverage.size() != 3) {
      throw new IllegalArgumentException("loadAverage must have 3 values or none");
    }
    loadAverage.forEach(l -> Checks.rate("loadAverage[]", l));
    Checks.notNegative("memoryAvailableBytes", memoryAvailableBytes);
    Checks.notNegative("swapUsedBytes", swapUsedBytes);
    Checks.notNegative("swapTotalBytes", swapTotalBytes);
    Checks.notNegative("threadCount", threadCount);
    Checks.notNegative("uptimeSeconds", uptimeSeconds);
    Checks.rate("diskReadBytesPerSecond", diskReadBytesPerSecond);
    Checks.rate("diskWriteBytesPerSecond", diskWriteBytesPerSecond);
    network = network == null ? List.of() : List.copyOf(network);
    checks = Checks.list("checks", checks, CheckResult.MAX_CHECKS);
    Checks.rate("agentCpuPercent", agentCpuPercent);
    Checks.notNegative("agentResidentBytes", agentResidentBytes);
    if (network.size() > 256) {
      throw new IllegalArgumentException("network lists more than 256 interfaces");
    }
  }

  /** Memory in use as a percentage of the total, or 0 when the total is unknown. */
  public double memoryPercent() {
    return memoryTotalBytes == 0 ? 0 : 100.0 * memoryUsedBytes / memoryTotalBytes;
  }
}
