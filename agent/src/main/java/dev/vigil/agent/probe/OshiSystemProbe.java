package dev.vigil.agent.probe;

import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;

/**
 * Measures the machine through OSHI, reusing one {@link SystemInfo} (building it costs about a
 * hundred times a sample). CPU load comes from tick deltas between calls. Not thread-safe.
 */
public final class OshiSystemProbe implements SystemProbe {
  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final OperatingSystem os;
  private long[] previousTicks;

  public OshiSystemProbe() {
    SystemInfo info = new SystemInfo();
    this.processor = info.getHardware().getProcessor();
    this.memory = info.getHardware().getMemory();
    this.os = info.getOperatingSystem();
    this.previousTicks = processor.getSystemCpuLoadTicks();
  }

  @Override
  public HostFacts facts() {
    String hostname = os.getNetworkParams().getHostName();
    return new HostFacts(
        hostname == null || hostname.isBlank() ? "unknown-host" : hostname, os.toString());
  }

  @Override
  public List<ProcessSample> topProcesses(int limit) {
    return os
        .getProcesses(
            OperatingSystem.ProcessFiltering.ALL_PROCESSES,
            OperatingSystem.ProcessSorting.CPU_DESC,
            limit)
        .stream()
        .map(
            p ->
                new ProcessSample(
                    p.getProcessID(),
                    p.getName(),
                    Math.max(0, 100 * p.getProcessCpuLoadCumulative()),
                    p.getResidentMemory()))
        .toList();
  }

  @Override
  public SystemSample sample() {
    double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
    previousTicks = processor.getSystemCpuLoadTicks();
    long total = memory.getTotal();
    long used = Math.max(0, total - memory.getAvailable());
    double cpuPercent = Double.isFinite(load) ? Math.min(100, Math.max(0, load * 100)) : 0;
    return new SystemSample(cpuPercent, used, total, os.getProcessCount());
  }
}
