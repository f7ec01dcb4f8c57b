package dev.vigil.agent;

import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.agent.check.CheckSpec;
import dev.vigil.common.DataDirectories;
import dev.vigil.common.Durations;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an agent needs to run, built by name with {@link #dialing} or {@link #listening} and
 * the defaults of {@code vigil agent} for whatever is not set; checked once at start by the command
 * line. Immutable.
 */
public final class AgentConfig {
  /** The CPU rule unless set: {@value}. */
  public static final String DEFAULT_CPU_ALERT = "critical 90, clear 80, for 30s";

  /** The memory-in-use rule unless set: {@value}. */
  public static final String DEFAULT_MEMORY_ALERT = "warning 90, critical 95, clear 85, for 60s";

  /** The swap-in-use rule unless set: {@value}. */
  public static final String DEFAULT_SWAP_ALERT = "warning 50, critical 80, clear 40, for 60s";

  /** The rule for each real file system unless set: {@value}. */
  public static final String DEFAULT_DISK_ALERT = "warning 85, critical 95, clear 80, for 0s";

  /** The rule for the number of processes unless set: {@value}. */
  public static final String DEFAULT_PROCESSES_ALERT = "off";

  /** What the console may run unless set: refresh and processes; every power action is off. */
  public static final AllowList DEFAULT_ALLOW_LIST =
      new AllowList(Command.DEFAULT_ALLOWED, "the default");

  /** How often the agent samples and reports unless set. */
  public static final Duration DEFAULT_STATS_INTERVAL = Durations.parse(Defaults.STATS_INTERVAL);

  /** How many unacknowledged entries the outbox keeps unless set. */
  public static final int DEFAULT_OUTBOX_LIMIT = 10_000;

  /** The first connection waits a random time up to this unless set. */
  public static final Duration DEFAULT_INITIAL_CONNECT_DELAY =
      Durations.parse(Defaults.INITIAL_CONNECT_DELAY);

  /** The defaults as an option writes them, for the command line's help. */
  static final class Defaults {
    static final String STATS_INTERVAL = "1s";
    static final String INITIAL_CONNECT_DELAY = "5s";

    private Defaults() {}
  }

  /** The agent's own CPU budget, share of one core, unless set. */
  public static final double DEFAULT_CPU_BUDGET_PERCENT = 2;

  /** The agent's own resident memory budget unless set. */
  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 160L << 20;

  private final String managerHost;
  private final int managerPort;
  private final InetSocketAddress listen;
  private final Path dataDir;
  private final Duration statsInterval;
  private final Map<String, RuleLevels> rules;
  private final AllowList allowList;
  private final boolean dryRun;
  private final String enrollmentToken;
  private final Fingerprint consoleFingerprint;
  private final boolean trustOnFirstUse;
  private final boolean insecure;
  private final int outboxLimit;
  private final Duration initialConnectDelay;
  private final double cpuBudgetPercent;
  private final long memoryBudgetBytes;
  private final List<CheckSpec> checks;
  private final AllowedServices allowedServices;
  private final List<String> tags;

  private AgentConfig(Builder b) {
    this.managerHost = b.managerHost;
    this.managerPort = b.managerPort;
    this.listen = b.listen;
    this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
    this.statsInterval = Objects.requireNonNull(b.statsInterval, "statsInterval");
    this.rules = Map.copyOf(b.rules);
    this.allowList = Objects.requireNonNull(b.allowList, "allowList");
    this.dryRun = b.dryRun;
    this.enrollmentToken = b.enrollmentToken;
    this.consoleFingerprint = b.consoleFingerprint;
    this.trustOnFirstUse = b.trustOnFirstUse;
    this.insecure = b.insecure;
    this.outboxLimit = b.outboxLimit;
    this.initialConnectDelay = Objects.requireNonNull(b.initialConnectDelay, "initialConnectDelay");
    this.cpuBudgetPercent = b.cpuBudgetPercent;
    this.memoryBudgetBytes = b.memoryBudgetBytes;
    this.checks = List.copyOf(b.checks);
    this.allowedServices = Objects.requireNonNull(b.allowedServices, "allowedServices");
    this.tags = List.copyOf(b.tags);
  }

  /** An agent that dials the console at {@code host:port} (client mode). */
  public static Builder dialing(String host, int port) {
    return new Builder(Objects.requireNonNull(host, "host"), port, null);
  }

  /** An agent that waits on {@code listen} for the console to dial in (server mode). */
  public static Builder listening(InetSocketAddress listen) {
    return new Builder(null, 0, Objects.requireNonNull(listen, "listen"));
  }

  /** The rules of {@code vigil agent} without options, by metric. */
  public static Map<String, RuleLevels> defaultRules() {
    Map<String, RuleLevels> rules = new LinkedHashMap<>();
    rules.put("cpu", RuleLevels.parse(DEFAULT_CPU_ALERT));
    rules.put("memory", RuleLevels.parse(DEFAULT_MEMORY_ALERT));
    rules.put("swap", RuleLevels.parse(DEFAULT_SWAP_ALERT));
    rules.put("disk", RuleLevels.parse(DEFAULT_DISK_ALERT));
    rules.put("processes", RuleLevels.parse(DEFAULT_PROCESSES_ALERT));
    return rules;
  }

  /** The console's host, or null in server mode. */
  public String managerHost() {
    return managerHost;
  }

  /** The console's TCP port, or 0 in server mode. */
  public int managerPort() {
    return managerPort;
  }

  /** Where to wait for the console to dial in (server mode), or null in client mode. */
  public InetSocketAddress listen() {
    return listen;
  }

  /** Where the agent keeps its identity, pin, outbox and audit log. */
  public Path dataDir() {
    return dataDir;
  }

  /** How often it samples and reports. */
  public Duration statsInterval() {
    return statsInterval;
  }

  /** The alert rules by metric: cpu, memory, swap, disk, processes; a metric not named is off. */
  public Map<String, RuleLevels> rules() {
    return rules;
  }

  /** The commands the console may run here, and where that was set. */
  public AllowList allowList() {
    return allowList;
  }

  /** Allowed power and kill commands only log what they would do. */
  public boolean dryRun() {
    return dryRun;
  }

  /** The operator's token for a first connection, or null. */
  public String enrollmentToken() {
    return enrollmentToken;
  }

  /**
   * The console's key as the operator gave it, or null to use the pin kept in the data directory
   * (or, with {@link #trustOnFirstUse()}, to trust the first console that welcomes this agent).
   */
  public Fingerprint consoleFingerprint() {
    return consoleFingerprint;
  }

  /**
   * With no pin at all, trust the first console that welcomes this agent and pin its key: whoever
   * answers first is trusted. Off by default; without a pin the agent then accepts no console.
   */
  public boolean trustOnFirstUse() {
    return trustOnFirstUse;
  }

  /** Plain TCP without keys, for labs only. */
  public boolean insecure() {
    return insecure;
  }

  /** How many unacknowledged alerts the outbox keeps before dropping the oldest. */
  public int outboxLimit() {
    return outboxLimit;
  }

  /** The first connection waits a random time up to this. */
  public Duration initialConnectDelay() {
    return initialConnectDelay;
  }

  /** The agent's own CPU budget, as a share of one core. */
  public double cpuBudgetPercent() {
    return cpuBudgetPercent;
  }

  /** The agent's own resident memory budget. */
  public long memoryBudgetBytes() {
    return memoryBudgetBytes;
  }

  /** The service checks, in configured order; none unless set. */
  public List<CheckSpec> checks() {
    return checks;
  }

  /** The systemd units the console may restart here, and where that was set; none unless set. */
  public AllowedServices allowedServices() {
    return allowedServices;
  }

  /** The agent's tags, checked, as the inventory reports them; none unless set. */
  public List<String> tags() {
    return tags;
  }

  /** Sets an agent's config by name; what is not set keeps the command line's default. */
  public static final class Builder {
    private final String managerHost;
    private final int managerPort;
    private final InetSocketAddress listen;
    private Path dataDir = DataDirectories.defaultFor("agent");
    private Duration statsInterval = DEFAULT_STATS_INTERVAL;
    private Map<String, RuleLevels> rules = defaultRules();
    private AllowList allowList = DEFAULT_ALLOW_LIST;
    private boolean dryRun;
    private String enrollmentToken;
    private Fingerprint consoleFingerprint;
    private boolean trustOnFirstUse;
    private boolean insecure;
    private int outboxLimit = DEFAULT_OUTBOX_LIMIT;
    private Duration initialConnectDelay = DEFAULT_INITIAL_CONNECT_DELAY;
    private double cpuBudgetPercent = DEFAULT_CPU_BUDGET_PERCENT;
    private long memoryBudgetBytes = DEFAULT_MEMORY_BUDGET_BYTES;
    private List<CheckSpec> checks = List.of();
    private AllowedServices allowedServices = AllowedServices.NONE;
    private List<String> tags = List.of();

    private Builder(String managerHost, int managerPort, InetSocketAddress listen) {
      this.managerHost = managerHost;
      this.managerPort = managerPort;
      this.listen = listen;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder statsInterval(Duration statsInterval) {
      this.statsInterval = statsInterval;
      return this;
    }

    /** Replaces every rule: a metric not named here is off. */
    public Builder rules(Map<String, RuleLevels> rules) {
      this.rules = rules;
      return this;
    }

    public Builder allowList(AllowList allowList) {
      this.allowList = allowList;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder enrollmentToken(String enrollmentToken) {
      this.enrollmentToken = enrollmentToken;
      return this;
    }

    public Builder consoleFingerprint(Fingerprint consoleFingerprint) {
      this.consoleFingerprint = consoleFingerprint;
      return this;
    }

    public Builder trustOnFirstUse(boolean trustOnFirstUse) {
      this.trustOnFirstUse = trustOnFirstUse;
      return this;
    }

    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    public Builder outboxLimit(int outboxLimit) {
      this.outboxLimit = outboxLimit;
      return this;
    }

    public Builder initialConnectDelay(Duration initialConnectDelay) {
      this.initialConnectDelay = initialConnectDelay;
      return this;
    }

    public Builder cpuBudgetPercent(double cpuBudgetPercent) {
      this.cpuBudgetPercent = cpuBudgetPercent;
      return this;
    }

    public Builder memoryBudgetBytes(long memoryBudgetBytes) {
      this.memoryBudgetBytes = memoryBudgetBytes;
      return this;
    }

    /** The service checks, in order. */
    public Builder checks(List<CheckSpec> checks) {
      this.checks = checks;
      return this;
    }

    /** The units restart-service may restart. */
    public Builder allowedServices(AllowedServices allowedServices) {
      this.allowedServices = allowedServices;
      return this;
    }

    /** The agent's tags, already checked. */
    public Builder tags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    public AgentConfig build() {
      return new AgentConfig(this);
    }
  }
}
