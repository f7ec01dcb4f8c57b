package dev.vigil.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.PrintableText;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.StatsReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;
import oshi.hardware.HWDiskStore;

class OshiSystemProbeTest {

  @Test
  void samplesAreWithinTheirInvariants() {
    OshiSystemProbe probe = new OshiSystemProbe();
    for (int i = 0; i < 3; i++) {
      StatsReport s = probe.sample();
      assertThat(s.cpuPercent()).isBetween(0.0, 100.0);
      assertThat(s.memoryTotalBytes()).isPositive();
      assertThat(s.memoryUsedBytes()).isBetween(0L, s.memoryTotalBytes());
      assertThat(s.processCount()).isPositive();
      assertThat(s.cpuPerCore()).isNotEmpty().allSatisfy(c -> assertThat(c).isBetween(0.0, 100.0));
      assertThat(s.loadAverage())
          .satisfiesAnyOf(l -> assertThat(l).isEmpty(), l -> assertThat(l).hasSize(3));
      assertThat(s.memoryAvailableBytes()).isBetween(0L, s.memoryTotalBytes());
      assertThat(s.swapUsedBytes()).isBetween(0L, s.swapTotalBytes());
      assertThat(s.threadCount()).isGreaterThanOrEqualTo(s.processCount());
      assertThat(s.uptimeSeconds()).isPositive();
      assertThat(s.diskReadBytesPerSecond()).isGreaterThanOrEqualTo(0);
      assertThat(s.diskWriteBytesPerSecond()).isGreaterThanOrEqualTo(0);
      assertThat(s.network())
          .allSatisfy(
              n -> {
                assertThat(n.receiveBytesPerSecond()).isGreaterThanOrEqualTo(0);
                assertThat(n.transmitBytesPerSecond()).isGreaterThanOrEqualTo(0);
              });
    }
  }

  @Test
  void processesCarryTheirUserAndCommandLine() {
    OshiSystemProbe probe = new OshiSystemProbe();
    long self = ProcessHandle.current().pid();
    ProcessSample me =
        probe.topProcessesByMemory(100_000).stream()
            .filter(p -> p.pid() == self)
            .findFirst()
            .orElseThrow();
    assertThat(me.commandLine()).contains("java").hasSizeLessThanOrEqualTo(512);
    assertThat(PrintableText.firstUnprintable(me.commandLine())).isNegative();
    assertThat(me.user()).isEqualTo(System.getProperty("user.name"));
    // What the agent sends: the slow report carries both.
    assertThat(new MachineReports(probe).slow().topByMemory())
        .anySatisfy(p -> assertThat(p.commandLine()).isNotBlank());
  }

  @Test
  void theProcessTableShowsTheSampleTimeUserAndCommand() {
    String table =
        new MachineReports(
                new FixedProbe(
                    List.of(
                        new ProcessSample(
                            42, "java", 12.5, 300L << 20, "ann", "java -jar " + "x".repeat(200)),
                        new ProcessSample(7, "sshd", 0.1, 1L << 20))))
            .processTable();
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).matches("Sampled at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
    assertThat(lines.get(1)).contains("PID", "USER", "NAME", "COMMAND");
    assertThat(lines.get(2)).contains("ann", "java -jar xxx").endsWith("…").hasSizeLessThan(130);
    assertThat(lines.get(3)).contains("sshd").endsWith("-");
  }

  @Test
  void slowProbesAndInventoryAreConsistent() {
    OshiSystemProbe probe = new OshiSystemProbe();
    assertThat(probe.fileSystems())
        .allSatisfy(
            fs -> {
              assertThat(fs.usedBytes()).isBetween(0L, fs.totalBytes());
              assertThat(fs.type()).isNotIn("tmpfs", "proc", "sysfs", "overlay");
            });
    assertThat(probe.topProcesses(5)).hasSizeBetween(1, 5);
    assertThat(probe.topProcessesByMemory(5))
        .hasSizeBetween(1, 5)
        .isSortedAccordingTo((a, b) -> Long.compare(b.residentBytes(), a.residentBytes()));
    Inventory inventory = probe.inventory("test", List.of());
    assertThat(inventory.logicalCores())
        .isGreaterThanOrEqualTo(inventory.physicalCores())
        .isPositive();
    assertThat(inventory.memoryTotalBytes()).isPositive();
    assertThat(inventory.ipAddresses()).noneMatch(a -> a.startsWith("127."));
  }

  @Test
  void diskTotalsAgreeWithOshisOwnCountersOfTheSameDisks() {
    OshiSystemProbe probe = new OshiSystemProbe();
    List<HWDiskStore> disks = new SystemInfo().getHardware().getDiskStores();
    long[] before = oshiTotals(disks);
    long[] fast = probe.diskTotals();
    long[] after = oshiTotals(disks);
    // Counters only grow, so OSHI's reads on either side bracket the probe's.
    assertThat(fast[0]).isBetween(before[0], after[0]);
    assertThat(fast[1]).isBetween(before[1], after[1]);
  }

  private static long[] oshiTotals(List<HWDiskStore> disks) {
    long read = 0;
    long write = 0;
    for (HWDiskStore d : disks) {
      d.updateAttributes();
      read += d.getReadBytes();
      write += d.getWriteBytes();
    }
    return new long[] {read, write};
  }

  @Test
  void factsNameTheHostAndTheSystem() {
    HostFacts facts = new OshiSystemProbe().facts();
    assertThat(facts.hostname()).isNotBlank();
    assertThat(facts.os()).isNotBlank();
  }

  @Test
  void theSystemIsNamedOnceAsPeopleWriteIt() {
    // #17: the console showed "GNU/Linux Debian GNU/Linux 12" (OSHI's toString).
    assertThat(OshiSystemProbe.describe("GNU/Linux", "Debian GNU/Linux", "12", "bookworm"))
        .isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(OshiSystemProbe.describe("Microsoft", "Windows", "11", null))
        .isEqualTo("Microsoft Windows 11");
    assertThat(OshiSystemProbe.describe("unknown", null, "", "")).isEqualTo("unknown system");
    var os = new SystemInfo().getOperatingSystem();
    String shown = new OshiSystemProbe().facts().os();
    assertThat(shown.split(java.util.regex.Pattern.quote(os.getManufacturer()), -1).length)
        .as(shown)
        .isLessThanOrEqualTo(2);
    assertThat(shown).doesNotContain(" build ");
  }

  /** A machine whose process list is given; it measures nothing else. */
  private record FixedProbe(List<ProcessSample> processes) implements SystemProbe {
    @Override
    public HostFacts facts() {
      throw new UnsupportedOperationException("not measured");
    }

    @Override
    public StatsReport sample() {
      throw new UnsupportedOperationException("not measured");
    }

    @Override
    public List<ProcessSample> topProcesses(int limit) {
      return processes.stream().limit(limit).toList();
    }
  }
}
