package dev.vigil.protocol.frame;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.MessageTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a message record from a parsed body by the record's own components, enforcing the field
 * rules of docs/protocol.md section 2 in one place for every message type: each component is a
 * required field unless {@link MessageTypes#optionalFields} lists it; a field's JSON kind must be
 * the component's (a number for a number, an integer literal for an integer, a string for a string
 * or an enum constant, true or false for a boolean); names the record does not have are ignored.
 * The record's constructor then checks the ranges. Stateless and thread-safe.
 */
final class BodyReader {
  /** An integer as RFC 8259 writes one: no fraction, no exponent, no leading zeros. */
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private BodyReader() {}

  /**
   * Reads a body as the given message type.
   *
   * @throws ProtocolException {@link ErrorCode#MALFORMED_FRAME} with a sentence naming the field
   */
  static Message read(JsonObject body, Class<? extends Message> type) throws ProtocolException {
    return type.cast(record(body, type, ""));
  }

  private static Object record(JsonObject object, Class<?> type, String path)
      throws ProtocolException {
    Shape shape = SHAPES.get(type);
    Object[] values = new Object[shape.components.length];
    for (int i = 0; i < values.length; i++) {
      RecordComponent component = shape.components[i];
      String name = component.getName();
      String field = path.isEmpty() ? name : path + "." + name;
      JsonElement element = object.get(name);
      if (element == null || element.isJsonNull()) {
        if (!shape.optional.contains(name)) {
          throw fault(
              field + (element == null ? " is missing" : " is null") + "; it is a required field");
        }
        values[i] = absent(component.getType());
      } else {
        values[i] = value(element, component.getGenericType(), field);
      }
    }
    try {
      return shape.constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      // The record's own range checks, each naming its field.
      String message = String.valueOf(e.getCause().getMessage());
      throw fault(path.isEmpty() ? message : path + ": " + message);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  private static Object value(JsonElement element, Type type, String field)
      throws ProtocolException {
    if (type instanceof ParameterizedType generic) {
      Type raw = generic.getRawType();
      Type[] arguments = generic.getActualTypeArguments();
      if (raw == List.class) {
        if (!element.isJsonArray()) {
          throw fault(field + " must be an array, got " + describe(element));
        }
        JsonArray array = element.getAsJsonArray();
        List<Object> list = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
          list.add(value(array.get(i), arguments[0], field + "[" + i + "]"));
        }
        return list;
      }
      if (raw == Map.class && arguments[0] == String.class) {
        if (!element.isJsonObject()) {
          throw fault(field + " must be an object, got " + describe(element));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
          map.put(e.getKey(), value(e.getValue(), arguments[1], field + "." + e.getKey()));
        }
        return map;
      }
    } else if (type instanceof Class<?> c) {
      if (c == int.class || c == Integer.class) {
        return (int) integer(element, field, Integer.MIN_VALUE, Integer.MAX_VALUE, "32");
      }
      if (c == long.class || c == Long.class) {
        return integer(element, field, Long.MIN_VALUE, Long.MAX_VALUE, "64");
      }
      if (c == double.class || c == Double.class) {
        return number(element, field);
      }
      if (c == boolean.class || c == Boolean.class) {
        if (!isPrimitive(element) || !element.getAsJsonPrimitive().isBoolean()) {
          throw fault(field + " must be true or false, got " + describe(element));
        }
        return element.getAsBoolean();
      }
      if (c == String.class) {
        return string(element, field, "a string");
      }
      if (c.isEnum()) {
        return constant(element, c, field);
      }
      if (c.isRecord()) {
        if (!element.isJsonObject()) {
          throw fault(field + " must be an object, got " + describe(element));
        }
        return record(element.getAsJsonObject(), c, field);
      }
    }
    throw new IllegalStateException(field + " has a type the protocol cannot read: " + type);
  }

  private static long integer(JsonElement element, String field, long min, long max, String bits)
      throws ProtocolException {
    if (!isPrimitive(element) || !element.getAsJsonPrimitive().isNumber()) {
      throw fault(field + " must be an integer, got " + describe(element));
    }
    String literal = element.getAsString();
    if (!INTEGER.matcher(literal).matches()) {
      throw fault(
          field + " must be an integer (no fraction, no exponent), got " + abbreviate(literal));
    }
    long value;
    try {
      value = Long.parseLong(literal);
    } catch (NumberFormatException e) {
      throw fault(
          field + " must fit in a signed " + bits + "-bit integer, got " + abbreviate(literal));
    }
    if (value < min || value > max) {
      throw fault(field + " must fit in a signed " + bits + "-bit integer, got " + literal);
    }
    return value;
  }

  private static double number(JsonElement element, String field) throws ProtocolException {
    if (!isPrimitive(element) || !element.getAsJsonPrimitive().isNumber()) {
      throw fault(field + " must be a number, got " + describe(element));
    }
    double value = Double.parseDouble(element.getAsString());
    if (!Double.isFinite(value)) {
      throw fault(field + " must be a finite number, got " + abbreviate(element.getAsString()));
    }
    return value;
  }

  private static String string(JsonElement element, String field, String what)
      throws ProtocolException {
    if (!isPrimitive(element) || !element.getAsJsonPrimitive().isString()) {
      throw fault(field + " must be " + what + ", got " + describe(element));
    }
    return element.getAsString();
  }

  private static Object constant(JsonElement element, Class<?> type, String field)
      throws ProtocolException {
    Object[] constants = type.getEnumConstants();
    String names = Arrays.stream(constants).map(Object::toString).collect(Collectors.joining(", "));
    String text = string(element, field, "a string, one of " + names);
    for (Object constant : constants) {
      if (((Enum<?>) constant).name().equals(text)) {
        return constant;
      }
    }
    throw fault(field + " must be one of " + names + ", got " + describe(element));
  }

  private static Object absent(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }

  private static boolean isPrimitive(JsonElement element) {
    return element.isJsonPrimitive();
  }

  private static String describe(JsonElement element) {
    if (element.isJsonNull()) {
      return "null";
    }
    if (element.isJsonObject()) {
      return "an object";
    }
    if (element.isJsonArray()) {
      return "an array";
    }
    JsonPrimitive p = element.getAsJsonPrimitive();
    if (p.isString()) {
      return "the string \"" + abbreviate(p.getAsString()) + "\"";
    }
    return abbreviate(p.getAsString());
  }

  private static String abbreviate(String s) {
    return StrictJson.abbreviate(s);
  }

  private static ProtocolException fault(String message) {
    return new ProtocolException(ErrorCode.MALFORMED_FRAME, message);
  }

  /** A record type's components, canonical constructor and optional fields, read once. */
  private record Shape(
      RecordComponent[] components, Constructor<?> constructor, Set<String> optional) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] parameters =
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      try {
        return new Shape(
            components, type.getDeclaredConstructor(parameters), MessageTypes.optionalFields(type));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
      }
    }
  }
}
