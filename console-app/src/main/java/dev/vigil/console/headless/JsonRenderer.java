package dev.vigil.console.headless;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.protocol.command.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers for scripts: exactly one line per command, {@code {"command":…,"ok":true,"data":…}} (or
 * {@code "message"}), or {@code "ok":false} with an {@code "error"} sentence; no prompt, and
 * confirmation only by {@code --yes}. A command's outcome has the status {@code DRY_RUN} when the
 * agent only said what it would have done.
 */
final class JsonRenderer implements Renderer {
  private final Gson gson =
      new GsonBuilder()
          .serializeSpecialFloatingPointValues()
          .registerTypeHierarchyAdapter(Command.class, new WireName().nullSafe())
          .registerTypeAdapter(CommandOutcome.class, new OutcomeWithDryRun())
          .create();
  private final PrintStream out;
  private String command = "";

  JsonRenderer(PrintStream out) {
    this.out = out;
  }

  @Override
  public void greet() {}

  @Override
  public void prompt() {
    out.flush();
  }

  @Override
  public void begin(String command) {
    this.command = command;
  }

  @Override
  public void say(String format, Object... args) {
    reply(true, "message", String.format(format, args));
  }

  @Override
  public void fail(String format, Object... args) {
    reply(false, "error", String.format(format, args));
  }

  @Override
  public void result(boolean ok, Object data, Consumer<Lines> text) {
    reply(ok, "data", data);
  }

  @Override
  public boolean confirm(String what, boolean yes) {
    if (!yes) {
      fail("Add --yes to confirm: %s.", what);
    }
    return yes;
  }

  @Override
  public Optional<String> ask(List<String> before, String prompt) {
    return Optional.empty();
  }

  private void reply(boolean ok, String key, Object value) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("command", command);
    answer.put("ok", ok);
    answer.put(key, value);
    // Gson escapes control characters but not bidirectional ones, which a terminal showing the
    // line would obey; outside strings a JSON line has neither.
    out.println(Formats.escape(gson.toJson(answer)));
  }

  /** A command's outcome with its status as {@link CommandOutcome#outcomeName()} names it. */
  private static final class OutcomeWithDryRun implements JsonSerializer<CommandOutcome> {
    @Override
    public JsonElement serialize(CommandOutcome o, Type type, JsonSerializationContext context) {
      JsonObject json = new JsonObject();
      json.addProperty("commandId", o.commandId());
      json.addProperty("agentId", o.agentId());
      json.addProperty("hostname", o.hostname());
      json.add("command", context.serialize(o.command(), Command.class));
      json.addProperty("status", o.outcomeName());
      json.addProperty("detail", o.detail());
      return json;
    }
  }

  /** A command as the wire names it: "restart", as the answers always said. */
  private static final class WireName extends TypeAdapter<Command> {
    @Override
    public void write(JsonWriter writer, Command value) throws IOException {
      writer.value(value.wireName());
    }

    @Override
    public Command read(JsonReader reader) throws IOException {
      return Command.parse(reader.nextString());
    }
  }
}
