package dev.vigil.protocol.message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The explicit registry of wire type names; nothing outside it is ever instantiated from the wire.
 * It mirrors the sealed {@link Message} hierarchy, which a test checks. Each entry also lists the
 * body fields a peer may omit (docs/protocol.md, section 4); every other component of the record is
 * a required field.
 */
public final class MessageTypes {
  private static final Map<String, Class<? extends Message>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<? extends Message>, String> BY_CLASS = new LinkedHashMap<>();
  private static final Map<Class<?>, Set<String>> OPTIONAL = new LinkedHashMap<>();

  static {
    // A version-1 peer from before a field existed omits it: such fields stay optional for good.
    register("hello", Hello.class, "enrollmentToken", "statsIntervalMillis");
    register("welcome", Welcome.class);
    register("pending", Pending.class, "heartbeatSeconds");
    register("heartbeat", Heartbeat.class);
    register("error", ErrorMessage.class);
    register(
        "stats",
        StatsReport.class,
        "cpuPerCore",
        "loadAverage",
        "memoryAvailableBytes",
        "swapUsedBytes",
        "swapTotalBytes",
        "threadCount",
        "uptimeSeconds",
        "diskReadBytesPerSecond",
        "diskWriteBytesPerSecond",
        "network",
        "agentCpuPercent",
        "agentResidentBytes",
        "checks");
    register("slow_stats", SlowReport.class, "checks");
    OPTIONAL.put(ProcessInfo.class, Set.of("user", "commandLine"));
    register("inventory", Inventory.class, "alertRules", "allowedServices", "tags");
    OPTIONAL.put(RuleLevel.class, Set.of("warning", "critical"));
    OPTIONAL.put(CheckResult.class, Set.of("unit"));
    register("alert", AlertReport.class);
    register("command_result", CommandResult.class);
    register("command", CommandRequest.class);
    register("ack", Ack.class);
  }

  private MessageTypes() {}

  private static void register(String name, Class<? extends Message> type, String... optional) {
    BY_NAME.put(name, type);
    BY_CLASS.put(type, name);
    OPTIONAL.put(type, Set.of(optional));
  }

  /**
   * The fields of a message (or of a record nested in one) that a peer may omit or send as null;
   * empty for a type with none. Names the record does not have yet are harmless.
   */
  public static Set<String> optionalFields(Class<?> type) {
    return OPTIONAL.getOrDefault(type, Set.of());
  }

  /** The class registered under a wire name, if any. */
  public static Optional<Class<? extends Message>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The wire name of a message class. */
  public static String nameOf(Class<? extends Message> type) {
    String name = BY_CLASS.get(type);
    if (name == null) {
      throw new IllegalArgumentException(type.getName() + " is not a registered message type");
    }
    return name;
  }

  /** Every registered wire name with its class, in registration order. */
  public static Map<String, Class<? extends Message>> all() {
    return Map.copyOf(BY_NAME);
  }
}
