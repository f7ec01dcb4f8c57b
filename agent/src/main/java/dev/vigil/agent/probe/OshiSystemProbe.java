package dev.vigil.agent.probe;

import dev.vigil.common.PrintableText;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.StatsReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.util.driver.linux.proc.DiskStats;

/**
 * Measures the machine through OSHI, reusing one {@link SystemInfo} (building it costs about a
 * hundred times a sample). Loads come from tick deltas and rates from counter deltas between calls.
 * Not thread-safe: one sampling thread.
 */
public final class OshiSystemProbe implements SystemProbe {
  /** File system types backed by a disk; everything else (tmpfs, overlay, proc...) is left out. */
  private static final Set<String> REAL_FILE_SYSTEMS =
      Set.of(
          "ext2",
          "ext3",
          "ext4",
          "xfs",
          "btrfs",
          "zfs",
          "f2fs",
          "jfs",
          "reiserfs",
          "ntfs",
          "ntfs3",
          "fuseblk",
          "vfat",
          "exfat",
          "apfs",
          "hfs",
          "refs",
          "fat32");

  private final HardwareAbstractionLayer hardware;
  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final OperatingSystem os;
  private long[] previousTicks;
  private long[][] previousCoreTicks;
  private long previousNanos = System.nanoTime();
  private long previousDiskRead;
  private long previousDiskWrite;
  private final Map<String, long[]> previousNetwork = new HashMap<>();
  private List<NetworkIF> interfaces;
  private long previousSelfCpuNanos = -1;
  private List<HWDiskStore> disks;

  /** Whole disks by their kernel name ({@code vda}, not {@code /dev/vda}); Linux only. */
  private List<String> linuxDiskNames = List.of();

  private long selfResidentBytes;
  private int samplesSinceSelfResident = SELF_RESIDENT_EVERY;

  /**
   * The agent's own resident memory is read this many samples apart: OSHI reads half a dozen files
   * for it, and it moves slowly.
   */
  private static final int SELF_RESIDENT_EVERY = 10;

  /** {@code /proc/diskstats} counts 512-byte sectors whatever the device's sector size. */
  private static final long DISKSTATS_SECTOR_BYTES = 512;

  public OshiSystemProbe() {
    SystemInfo info = new SystemInfo();
    this.hardware = info.getHardware();
    this.processor = hardware.getProcessor();
    this.memory = hardware.getMemory();
    this.os = info.getOperatingSystem();
    this.previousTicks = processor.getSystemCpuLoadTicks();
    this.previousCoreTicks = processor.getProcessorCpuLoadTicks();
    this.interfaces = hardware.getNetworkIFs();
    this.disks = hardware.getDiskStores();
    if (System.getProperty("os.name", "").startsWith("Linux")) {
      this.linuxDiskNames =
          disks.stream().map(d -> d.getName().substring(d.getName().lastIndexOf('/') + 1)).toList();
    }
    long[] io = diskTotals();
    previousDiskRead = io[0];
    previousDiskWrite = io[1];
    for (NetworkIF nif : interfaces) {
      previousNetwork.put(nif.getName(), new long[] {nif.getBytesRecv(), nif.getBytesSent()});
    }
  }

  @Override
  public HostFacts facts() {
    String hostname = os.getNetworkParams().getHostName();
    return new HostFacts(
        abbreviate(hostname == null || hostname.isBlank() ? "unknown-host" : hostname, 255),
        abbreviate(
            describe(
                os.getManufacturer(),
                os.getFamily(),
                os.getVersionInfo().getVersion(),
                os.getVersionInfo().getCodeName()),
            255));
  }

  /**
   * The system's name as people write it, each part once: "Debian GNU/Linux 12 (bookworm)", not
   * OSHI's "GNU/Linux Debian GNU/Linux 12 (bookworm) build 6.1.0" (the manufacturer repeats the
   * family there, and the kernel build goes in the inventory on its own).
   */
  static String describe(String manufacturer, String family, String version, String codeName) {
    StringBuilder name = new StringBuilder(known(family) ? family.trim() : "unknown system");
    if (known(manufacturer) && !name.toString().contains(manufacturer.trim())) {
      name.insert(0, manufacturer.trim() + " ");
    }
    if (known(version) && !name.toString().contains(version.trim())) {
      name.append(' ').append(version.trim());
    }
    if (known(codeName) && !name.toString().contains(codeName.trim())) {
      name.append(" (").append(codeName.trim()).append(')');
    }
    return name.toString();
  }

  private static boolean known(String part) {
    return part != null && !part.isBlank() && !part.equalsIgnoreCase("unknown");
  }

  @Override
  public StatsReport sample() {
    long now = System.nanoTime();
    double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
    previousNanos = now;

    double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
    previousTicks = processor.getSystemCpuLoadTicks();
    double[] perCore = processor.getProcessorCpuLoadBetweenTicks(previousCoreTicks);
    previousCoreTicks = processor.getProcessorCpuLoadTicks();
    List<Double> cores = Arrays.stream(perCore).map(OshiSystemProbe::percent).boxed().toList();
    double[] averages = processor.getSystemLoadAverage(3);
    List<Double> loadAverage =
        averages[0] < 0
            ? List.of()
            : Arrays.stream(averages).map(a -> hundredths(Math.max(0, a))).boxed().toList();

    long total = memory.getTotal();
    long available = Math.min(total, Math.max(0, memory.getAvailable()));
    long swapTotal = Math.max(0, memory.getVirtualMemory().getSwapTotal());
    long swapUsed = Math.min(swapTotal, Math.max(0, memory.getVirtualMemory().getSwapUsed()));

    long[] io = diskTotals();
    double readRate = wholeRate(Math.max(0, io[0] - previousDiskRead) / seconds);
    double writeRate = wholeRate(Math.max(0, io[1] - previousDiskWrite) / seconds);
    previousDiskRead = io[0];
    previousDiskWrite = io[1];

    List<InterfaceRate> network = new ArrayList<>();
    for (NetworkIF nif : interfaces) {
      nif.updateAttributes();
      long[] before = previousNetwork.get(nif.getName());
      long rx = nif.getBytesRecv();
      long tx = nif.getBytesSent();
      previousNetwork.put(nif.getName(), new long[] {rx, tx});
      if (before != null && network.size() < 256) {
        network.add(
            new InterfaceRate(
                abbreviate(nif.getName(), 64),
                wholeRate(Math.max(0, rx - before[0]) / seconds),
                wholeRate(Math.max(0, tx - before[1]) / seconds)));
      }
    }

    return StatsReport.builder(
            System.currentTimeMillis(),
            percent(load),
            total - available,
            total,
            os.getProcessCount())
        .cpuPerCore(cores)
        .loadAverage(loadAverage)
        .memoryAvailable(available)
        .swap(swapUsed, swapTotal)
        .threads(os.getThreadCount())
        .uptimeSeconds(Math.max(0, os.getSystemUptime()))
        .disk(readRate, writeRate)
        .network(network)
        .agent(selfCpuPercent(seconds), selfResidentBytes())
        .build();
  }

  /** The agent's own CPU time since the previous sample, as a share of one core in percent. */
  private double selfCpuPercent(double seconds) {
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    double share =
        previousSelfCpuNanos < 0
            ? 0
            : Math.max(0, cpu - previousSelfCpuNanos) / 1e9 / seconds * 100;
    previousSelfCpuNanos = cpu;
    return hundredths(share);
  }

  private long selfResidentBytes() {
    if (++samplesSinceSelfResident >= SELF_RESIDENT_EVERY) {
      samplesSinceSelfResident = 0;
      selfResidentBytes = Math.max(0, os.getCurrentProcess().getResidentMemory());
    }
    return selfResidentBytes;
  }

  /** Bytes read from and written to every whole disk since boot. */
  long[] diskTotals() {
    long read = 0;
    long write = 0;
    if (!linuxDiskNames.isEmpty()) {
      // One read of /proc/diskstats: OSHI's per-disk update walks udev each time (2 ms a second
      // on a machine with two disks; this is under 0.1 ms).
      Map<String, Map<DiskStats.IoStat, Long>> stats = DiskStats.getDiskStats();
      for (String name : linuxDiskNames) {
        Map<DiskStats.IoStat, Long> disk = stats.get(name);
        if (disk != null) {
          read += disk.getOrDefault(DiskStats.IoStat.READS_SECTOR, 0L) * DISKSTATS_SECTOR_BYTES;
          write += disk.getOrDefault(DiskStats.IoStat.WRITES_SECTOR, 0L) * DISKSTATS_SECTOR_BYTES;
        }
      }
      return new long[] {read, write};
    }
    for (HWDiskStore disk : disks) {
      disk.updateAttributes();
      read += Math.max(0, disk.getReadBytes());
      write += Math.max(0, disk.getWriteBytes());
    }
    return new long[] {read, write};
  }

  @Override
  public Optional<Instant> bootTime() {
    long seconds = os.getSystemBootTime();
    return seconds > 0 ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
  }

  @Override
  public List<ProcessSample> topProcesses(int limit) {
    return processes(OperatingSystem.ProcessSorting.CPU_DESC, limit);
  }

  @Override
  public List<ProcessSample> topProcessesByMemory(int limit) {
    return processes(OperatingSystem.ProcessSorting.RSS_DESC, limit);
  }

  private List<ProcessSample> processes(java.util.Comparator<OSProcess> order, int limit) {
    return os.getProcesses(OperatingSystem.ProcessFiltering.ALL_PROCESSES, order, limit).stream()
        .map(
            p ->
                new ProcessSample(
                    p.getProcessID(),
                    abbreviate(p.getName(), 256),
                    Math.max(0, 100 * p.getProcessCpuLoadCumulative()),
                    Math.max(0, p.getResidentMemory()),
                    known(p.getUser(), ProcessInfo.MAX_USER),
                    known(p.getCommandLine(), ProcessInfo.MAX_COMMAND_LINE)))
        .toList();
  }

  /** OSHI's text for a process as the protocol takes it; null when OSHI could not read it. */
  private static String known(String s, int max) {
    if (s == null || s.isBlank()) {
      return null;
    }
    return abbreviate(s.strip(), max);
  }

  @Override
  public List<FileSystemUsage> fileSystems() {
    List<FileSystemUsage> result = new ArrayList<>();
    for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
      String type = store.getType().toLowerCase(Locale.ROOT);
      long total = store.getTotalSpace();
      if (!REAL_FILE_SYSTEMS.contains(type) || total <= 0 || result.size() >= 256) {
        continue;
      }
      long used = Math.max(0, Math.min(total, total - store.getUsableSpace()));
      result.add(new FileSystemUsage(abbreviate(store.getMount(), 1024), type, used, total));
    }
    return result;
  }

  @Override
  public Inventory inventory(String agentVersion, List<String> allowedCommands) {
    CentralProcessor.ProcessorIdentifier id = processor.getProcessorIdentifier();
    List<String> addresses = new ArrayList<>();
    for (NetworkIF nif : interfaces) {
      for (String a : nif.getIPv4addr()) {
        if (!a.startsWith("127.") && addresses.size() < 64) {
          addresses.add(a);
        }
      }
      for (String a : nif.getIPv6addr()) {
        if (!a.equals("::1") && !a.startsWith("fe80") && addresses.size() < 64) {
          addresses.add(abbreviate(a, 64));
        }
      }
    }
    HostFacts facts = facts();
    return new Inventory(
        facts.hostname(),
        facts.os(),
        abbreviate(String.valueOf(os.getVersionInfo().getBuildNumber()), 255),
        abbreviate(System.getProperty("os.arch", "unknown"), 64),
        abbreviate(id.getName() == null ? "unknown" : id.getName().trim(), 255),
        processor.getPhysicalProcessorCount(),
        processor.getLogicalProcessorCount(),
        memory.getTotal(),
        addresses,
        agentVersion,
        allowedCommands);
  }

  /**
   * A load as a percentage in hundredths: what the ticks between two samples can tell. Digits past
   * that are noise, and cost every console attached to the fleet bytes each second.
   */
  private static double percent(double load) {
    return Double.isFinite(load) ? hundredths(Math.min(100, Math.max(0, load * 100))) : 0;
  }

  private static double hundredths(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** A rate in whole bytes per second. */
  private static double wholeRate(double bytesPerSecond) {
    return Math.rint(bytesPerSecond);
  }

  /**
   * Machine text as the protocol takes it: at most {@code max} characters, with control, format
   * (bidi) and separator characters, which the console refuses, shown as spaces.
   */
  private static String abbreviate(String s, int max) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && out.length() < max; i++) {
      char c = s.charAt(i);
      out.append(PrintableText.isUnprintable(c) ? ' ' : c);
    }
    return out.toString();
  }
}
