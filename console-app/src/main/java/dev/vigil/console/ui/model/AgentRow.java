package dev.vigil.console.ui.model;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.StatsReport;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One agent's row in the table: a stable view model updated in place from snapshots, so that
 * selection and scroll position survive updates. Read-only to the view; touched on the FX thread
 * only.
 */
public final class AgentRow {
  private final String agentId;
  private final ReadOnlyStringWrapper hostname = new ReadOnlyStringWrapper(this, "hostname", "");
  private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper(this, "address", "");
  private final ReadOnlyStringWrapper os = new ReadOnlyStringWrapper(this, "os", "");
  private final ReadOnlyStringWrapper manager = new ReadOnlyStringWrapper(this, "manager", "");
  private final ReadOnlyObjectWrapper<AgentStatus> status =
      new ReadOnlyObjectWrapper<>(this, "status", AgentStatus.OFFLINE);
  private final ReadOnlyDoubleWrapper cpuPercent =
      new ReadOnlyDoubleWrapper(this, "cpuPercent", -1);
  private final ReadOnlyDoubleWrapper memoryPercent =
      new ReadOnlyDoubleWrapper(this, "memoryPercent", -1);
  private final ReadOnlyStringWrapper memoryText =
      new ReadOnlyStringWrapper(this, "memoryText", "");
  private final ReadOnlyIntegerWrapper processes =
      new ReadOnlyIntegerWrapper(this, "processes", -1);
  private final ReadOnlyLongWrapper lastSeenMillis =
      new ReadOnlyLongWrapper(this, "lastSeenMillis");
  private final ReadOnlyStringWrapper lastCommand =
      new ReadOnlyStringWrapper(this, "lastCommand", "");
  private final ReadOnlyStringWrapper fingerprint =
      new ReadOnlyStringWrapper(this, "fingerprint", "");
  private final ReadOnlyDoubleWrapper load = new ReadOnlyDoubleWrapper(this, "load", -1);
  private final ReadOnlyLongWrapper uptimeSeconds =
      new ReadOnlyLongWrapper(this, "uptimeSeconds", -1);
  private final ReadOnlyIntegerWrapper activeAlerts =
      new ReadOnlyIntegerWrapper(this, "activeAlerts", 0);
  private final ReadOnlyStringWrapper checks = new ReadOnlyStringWrapper(this, "checks", "");
  private List<String> allowedCommands = List.of();
  private List<String> allowedServices = List.of();
  private final ReadOnlyObjectWrapper<List<String>> tags =
      new ReadOnlyObjectWrapper<>(this, "tags", List.of());
  private final ReadOnlyStringWrapper tagsText = new ReadOnlyStringWrapper(this, "tagsText", "");

  AgentRow(String agentId) {
    this.agentId = agentId;
  }

  void update(AgentSnapshot s) {
    hostname.set(s.hostname());
    address.set(s.address());
    os.set(s.os());
    manager.set(s.manager());
    fingerprint.set(s.fingerprint());
    status.set(s.status());
    lastSeenMillis.set(s.lastSeenMillis());
    allowedCommands = s.allowedCommands();
    allowedServices = s.allowedServices();
    if (!tags.get().equals(s.tags())) {
      tags.set(s.tags());
      tagsText.set(String.join(", ", s.tags()));
    }
    checks.set(checksText(s));
    StatsReport stats = s.stats();
    if (stats != null) {
      cpuPercent.set(stats.cpuPercent());
      memoryPercent.set(stats.memoryPercent());
      // Formatted only when the shown tenths change: most reports move memory by less.
      long usedTenths = Math.round(stats.memoryUsedBytes() / GIB * 10);
      long totalTenths = Math.round(stats.memoryTotalBytes() / GIB * 10);
      if (usedTenths != shownUsedTenths || totalTenths != shownTotalTenths) {
        shownUsedTenths = usedTenths;
        shownTotalTenths = totalTenths;
        memoryText.set(tenths(usedTenths) + " / " + tenths(totalTenths) + " GiB");
      }
      processes.set(stats.processCount());
      load.set(stats.loadAverage().isEmpty() ? -1 : stats.loadAverage().get(0));
      uptimeSeconds.set(stats.uptimeSeconds());
    }
  }

  /** "2 of 7 failing", "7 passing", or empty for an agent without checks. */
  static String checksText(AgentSnapshot s) {
    int all = s.checks().size();
    if (all == 0) {
      return "";
    }
    long failing = s.failingChecks();
    return failing == 0 ? all + " passing" : failing + " of " + all + " failing";
  }

  /** How its service checks stand: "2 of 7 failing"; empty when it has none. */
  public ReadOnlyStringProperty checksProperty() {
    return checks.getReadOnlyProperty();
  }

  void activeAlerts(int firing) {
    activeAlerts.set(firing);
  }

  /** The one-minute load average, or -1 when unknown. */
  public ReadOnlyDoubleProperty loadProperty() {
    return load.getReadOnlyProperty();
  }

  /** How long the machine has been up, or -1 before the first stats. */
  public ReadOnlyLongProperty uptimeSecondsProperty() {
    return uptimeSeconds.getReadOnlyProperty();
  }

  /** How many of the agent's alerts are firing. */
  public ReadOnlyIntegerProperty activeAlertsProperty() {
    return activeAlerts.getReadOnlyProperty();
  }

  void commandUpdated(String text) {
    lastCommand.set(text);
  }

  private static final double GIB = 1024.0 * 1024 * 1024;

  private long shownUsedTenths = -1;
  private long shownTotalTenths = -1;

  /** A count of tenths as a number with one decimal, the way {@code %.1f} shows it. */
  static String tenths(long tenths) {
    String sign = tenths < 0 ? "-" : "";
    long t = Math.abs(tenths);
    return sign + (t / 10) + "." + (t % 10);
  }

  public String agentId() {
    return agentId;
  }

  /** The systemd units its config lets the console restart, canonical; empty when none. */
  public List<String> allowedServices() {
    return allowedServices;
  }

  /** Its tags, in its own order; replaced (never changed in place) when its inventory says. */
  public ReadOnlyObjectProperty<List<String>> tagsProperty() {
    return tags.getReadOnlyProperty();
  }

  /** Its tags for a cell: "web, eu-west, prod"; empty when it has none. */
  public ReadOnlyStringProperty tagsTextProperty() {
    return tagsText.getReadOnlyProperty();
  }

  /** Its tags, in its own order. */
  public List<String> getTags() {
    return tags.get();
  }

  /** Whether this agent's own configuration allows a command. */
  public boolean allows(Command command) {
    return allowedCommands.contains(command.wireName());
  }

  public ReadOnlyStringProperty hostnameProperty() {
    return hostname.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty addressProperty() {
    return address.getReadOnlyProperty();
  }

  /** The manager it belongs to, in a window attached to several; empty otherwise. */
  public ReadOnlyStringProperty managerProperty() {
    return manager.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty osProperty() {
    return os.getReadOnlyProperty();
  }

  /** The key the agent authenticated with. */
  public ReadOnlyStringProperty fingerprintProperty() {
    return fingerprint.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<AgentStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** CPU load in percent, or -1 before the first stats. */
  public ReadOnlyDoubleProperty cpuPercentProperty() {
    return cpuPercent.getReadOnlyProperty();
  }

  /** Memory in use in percent, or -1 before the first stats. */
  public ReadOnlyDoubleProperty memoryPercentProperty() {
    return memoryPercent.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty memoryTextProperty() {
    return memoryText.getReadOnlyProperty();
  }

  /** Running processes, or -1 before the first stats. */
  public ReadOnlyIntegerProperty processesProperty() {
    return processes.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty lastSeenMillisProperty() {
    return lastSeenMillis.getReadOnlyProperty();
  }

  /** The latest command's outcome, as a short sentence. */
  public ReadOnlyStringProperty lastCommandProperty() {
    return lastCommand.getReadOnlyProperty();
  }

  public String getHostname() {
    return hostname.get();
  }

  public AgentStatus getStatus() {
    return status.get();
  }

  public String getAddress() {
    return address.get();
  }
}
