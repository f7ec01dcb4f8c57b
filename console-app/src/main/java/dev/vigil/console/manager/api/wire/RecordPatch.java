package dev.vigil.console.manager.api.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What changed between two values of one record type, as a JSON merge patch (RFC 7386) of their
 * operator-channel encoding: only the components that differ, nested records patched in turn, lists
 * and other values replaced whole, a component that became null written as {@code null}. The
 * manager sends an agent's patch against the snapshot it sent last; the console applies it to the
 * copy it holds, so that 10,000 agents changing each second cost the channel what changed, not
 * every field.
 */
public final class RecordPatch {
  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

  private RecordPatch() {}

  /** The patch that turns {@code before} into {@code after}; empty when they are equal. */
  public static <R extends Record> JsonObject diff(R before, R after) {
    Objects.requireNonNull(before);
    Objects.requireNonNull(after);
    Shape shape = shape(after.getClass());
    JsonObject patch = new JsonObject();
    for (int i = 0; i < shape.components.length; i++) {
      RecordComponent c = shape.components[i];
      Object was = shape.read(i, before);
      Object now = shape.read(i, after);
      if (Objects.equals(was, now)) {
        continue;
      }
      if (now == null) {
        patch.add(c.getName(), JsonNull.INSTANCE);
      } else if (was instanceof Record w
          && now instanceof Record n
          && w.getClass() == n.getClass()) {
        patch.add(c.getName(), diff(w, n));
      } else {
        patch.add(c.getName(), OperatorWire.GSON.toJsonTree(now, c.getGenericType()));
      }
    }
    return patch;
  }

  /**
   * {@code before} with {@code patch} applied, through the record's canonical constructor (so its
   * checks and defaults hold as for any decoded value).
   *
   * @throws ProtocolException when the patch names a component the record does not have, or a value
   *     does not fit its component
   */
  public static <R extends Record> R apply(R before, JsonObject patch, String what)
      throws ProtocolException {
    Objects.requireNonNull(before);
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) before.getClass();
    Shape shape = shape(type);
    for (String name : patch.keySet()) {
      if (!shape.names.containsKey(name)) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME, "bad " + what + ": no component '" + name + "' to patch");
      }
    }
    Object[] args = new Object[shape.components.length];
    for (int i = 0; i < args.length; i++) {
      RecordComponent c = shape.components[i];
      Object was = shape.read(i, before);
      JsonElement change = patch.get(c.getName());
      if (change == null) {
        args[i] = was;
      } else if (change.isJsonNull()) {
        if (c.getType().isPrimitive()) {
          throw new ProtocolException(
              ErrorCode.MALFORMED_FRAME, "bad " + what + ": '" + c.getName() + "' cannot be null");
        }
        args[i] = null;
      } else if (was instanceof Record nested && change.isJsonObject()) {
        args[i] = apply(nested, change.getAsJsonObject(), what);
      } else {
        args[i] = OperatorWire.value(change, c.getGenericType(), what + " " + c.getName());
      }
      if (args[i] == null && c.getType().isPrimitive()) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME, "bad " + what + ": '" + c.getName() + "' is missing");
      }
    }
    try {
      return type.cast(shape.constructor.newInstance(args));
    } catch (InvocationTargetException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad " + what + ": " + e.getCause().getMessage(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  private static Shape shape(Class<?> type) {
    return SHAPES.computeIfAbsent(type, Shape::new);
  }

  /**
   * A record type's components, their accessors as method handles, and its canonical constructor,
   * looked up once: a diff runs for every agent every second on every attached console.
   */
  private static final class Shape {
    final RecordComponent[] components;
    final Map<String, RecordComponent> names;
    final Constructor<?> constructor;
    private final MethodHandle[] accessors;

    Shape(Class<?> type) {
      components = type.getRecordComponents();
      if (components == null) {
        throw new IllegalArgumentException(type + " is not a record");
      }
      Class<?>[] types = new Class<?>[components.length];
      Map<String, RecordComponent> byName = new java.util.HashMap<>();
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        byName.put(components[i].getName(), components[i]);
      }
      names = Map.copyOf(byName);
      accessors = new MethodHandle[components.length];
      try {
        constructor = type.getDeclaredConstructor(types);
        for (int i = 0; i < components.length; i++) {
          accessors[i] =
              MethodHandles.publicLookup()
                  .unreflect(components[i].getAccessor())
                  .asType(MethodType.methodType(Object.class, Object.class));
        }
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(type + " has no canonical constructor", e);
      } catch (IllegalAccessException e) {
        throw new IllegalArgumentException(type + " is not a public record", e);
      }
    }

    Object read(int component, Object record) {
      try {
        return (Object) accessors[component].invokeExact(record);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + components[component], e);
      }
    }
  }
}
