package dev.vigil.console.manager.api.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        patch.add(c.getName(), encode(now, c));
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
    Object[] args = new Object[shape.components.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = shape.read(i, before);
    }
    for (Map.Entry<String, JsonElement> member : patch.entrySet()) {
      Integer i = shape.index.get(member.getKey());
      if (i == null) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME,
            "bad " + what + ": no component '" + member.getKey() + "' to patch");
      }
      args[i] = patched(shape, i, args[i], member.getValue(), what);
    }
    try {
      return type.cast(shape.construct(args));
    } catch (RuntimeException e) {
      // What the record's constructor refused, or a value of another type than its component.
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad " + what + ": " + e.getMessage(), e);
    }
  }

  private static Object patched(Shape shape, int i, Object was, JsonElement change, String what)
      throws ProtocolException {
    RecordComponent c = shape.components[i];
    Object value;
    if (change.isJsonNull()) {
      value = null;
    } else if (was instanceof Record nested && change.isJsonObject()) {
      value = apply(nested, change.getAsJsonObject(), what);
    } else {
      value = decode(change, c, shape.doubleLists[i], what);
    }
    if (value == null && c.getType().isPrimitive()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "bad " + what + ": '" + c.getName() + "' cannot be null");
    }
    return value;
  }

  /**
   * A value as Gson would encode it. Numbers, strings and booleans, most of what changes each
   * second, are made directly: Gson's tree writer per value was most of a diff's time.
   */
  private static JsonElement encode(Object value, RecordComponent c) {
    if (value instanceof Double d && Double.isFinite(d)
        || value instanceof Long
        || value instanceof Integer) {
      return new JsonPrimitive((Number) value);
    } else if (value instanceof String text) {
      return new JsonPrimitive(text);
    } else if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    return OperatorWire.GSON.toJsonTree(value, c.getGenericType());
  }

  /**
   * A value as Gson would decode it, with JSON numbers for number components and arrays of numbers
   * for {@code List<Double>} ones read directly (non-finite numbers are refused, as Gson does);
   * anything else goes through Gson.
   */
  private static Object decode(JsonElement json, RecordComponent c, boolean doubles, String what)
      throws ProtocolException {
    Class<?> type = c.getType();
    if (json instanceof JsonPrimitive p && p.isNumber()) {
      if (type == double.class || type == Double.class) {
        double d = p.getAsDouble();
        if (Double.isFinite(d)) {
          return d;
        }
      } else if (type == long.class || type == Long.class) {
        return p.getAsLong();
      } else if (type == int.class || type == Integer.class) {
        return p.getAsInt();
      }
    } else if (json instanceof JsonPrimitive p && p.isString() && type == String.class) {
      return p.getAsString();
    } else if (doubles && json instanceof JsonArray array) {
      List<Double> values = finiteNumbers(array);
      if (values != null) {
        return values;
      }
    }
    return OperatorWire.value(json, c.getGenericType(), what + " " + c.getName());
  }

  /** The array's numbers when every element is a finite JSON number; null otherwise. */
  private static List<Double> finiteNumbers(JsonArray array) {
    List<Double> values = new ArrayList<>(array.size());
    for (JsonElement e : array) {
      if (!(e instanceof JsonPrimitive p && p.isNumber())) {
        return null;
      }
      double d = p.getAsDouble();
      if (!Double.isFinite(d)) {
        return null;
      }
      values.add(d);
    }
    return values;
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
    final Map<String, Integer> index;

    /** Which components are {@code List<Double>}. */
    final boolean[] doubleLists;

    private final MethodHandle constructor;
    private final MethodHandle[] accessors;

    Shape(Class<?> type) {
      components = type.getRecordComponents();
      if (components == null) {
        throw new IllegalArgumentException(type + " is not a record");
      }
      Class<?>[] types = new Class<?>[components.length];
      Map<String, Integer> byName = new HashMap<>();
      doubleLists = new boolean[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        byName.put(components[i].getName(), i);
        doubleLists[i] =
            components[i].getGenericType() instanceof ParameterizedType p
                && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == Double.class;
      }
      index = Map.copyOf(byName);
      accessors = new MethodHandle[components.length];
      try {
        constructor =
            MethodHandles.publicLookup()
                .unreflectConstructor(type.getDeclaredConstructor(types))
                .asSpreader(Object[].class, components.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
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

    /**
     * A new record of these components, through its canonical constructor.
     *
     * @throws RuntimeException what the constructor threw, or a {@link ClassCastException} for a
     *     value of another type than its component
     */
    Object construct(Object[] args) {
      try {
        return (Object) constructor.invokeExact(args);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        // A record's canonical constructor declares no checked exception; javac cannot know.
        throw new IllegalStateException("cannot build " + components[0].getDeclaringRecord(), e);
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
