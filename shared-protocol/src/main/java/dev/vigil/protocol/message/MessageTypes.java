package dev.vigil.protocol.message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit registry of wire type names; nothing outside it is ever instantiated from the wire.
 * It mirrors the sealed {@link Message} hierarchy, which a test checks.
 */
public final class MessageTypes {
  private static final Map<String, Class<? extends Message>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<? extends Message>, String> BY_CLASS = new LinkedHashMap<>();

  static {
    register("hello", Hello.class);
    register("welcome", Welcome.class);
    register("pending", Pending.class);
    register("heartbeat", Heartbeat.class);
    register("error", ErrorMessage.class);
    register("stats", StatsReport.class);
    register("slow_stats", SlowReport.class);
    register("inventory", Inventory.class);
    register("alert", AlertReport.class);
    register("command_result", CommandResult.class);
    register("command", CommandRequest.class);
    register("ack", Ack.class);
  }

  private MessageTypes() {}

  private static void register(String name, Class<? extends Message> type) {
    BY_NAME.put(name, type);
    BY_CLASS.put(type, name);
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
