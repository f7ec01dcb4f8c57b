package dev.vigil.console.manager.remote;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAdmin;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.tls.Fingerprint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Makes one call of the operator API for an operator attached over the network, with the arguments
 * a {@code call} frame names, and gives its value as JSON. The role was checked before. Stateless.
 */
final class Calls {
  private final OperatorApi api;
  private final OperatorAdmin admin;

  Calls(OperatorApi api, OperatorAdmin admin) {
    this.api = api;
    this.admin = admin;
  }

  /**
   * The call's value; a command's future completes with its final outcome.
   *
   * @throws ProtocolException when an argument is missing or of the wrong kind
   * @throws IllegalArgumentException when the manager refuses an argument, with its sentence
   */
  CompletableFuture<JsonElement> call(ApiCall call, JsonObject args, Operator who)
      throws ProtocolException {
    Args a = new Args(call, args);
    Object value =
        switch (call) {
          case INFO -> api.info();
          case AGENTS -> api.agents();
          case AGENT -> api.agent(a.string("agentId"));
          case VIEW -> api.view(a.string("agentId"));
          case HISTORY ->
              api.history(
                  a.string("agentId"),
                  a.value("metric", Metric.class),
                  a.value("from", Instant.class),
                  a.value("to", Instant.class));
          case CHECK_HISTORY ->
              api.checkHistory(
                  a.string("agentId"),
                  a.string("check"),
                  a.string("metric"),
                  a.value("from", Instant.class),
                  a.value("to", Instant.class));
          case RECENT_ALERTS -> api.recentAlerts();
          case PROBLEMS -> api.problems();
          case ALERT_HISTORY -> api.alertHistory(a.value("query", AlertQuery.class));
          case ACKNOWLEDGEMENT -> api.acknowledgement(a.value("alertId", Long.class));
          case SNOOZES -> api.snoozes();
          case REFUSAL -> api.refusal(a.string("agentId"), a.value("command", Command.class));
          case REFUSED_KEY -> api.refusedKey(a.string("agentId"));
          case SEND -> {
            Map<String, String> arguments =
                a.optional("arguments", new TypeToken<Map<String, String>>() {}.getType());
            CompletableFuture<CommandOutcome> outcome =
                api.send(
                    who,
                    a.string("agentId"),
                    a.value("command", Command.class),
                    arguments == null ? Map.of() : arguments);
            yield outcome.thenApply(OperatorWire::tree);
          }
          case ACKNOWLEDGE ->
              api.acknowledge(
                  who, a.value("alertId", Long.class), a.optional("note", String.class));
          case SNOOZE -> {
            api.snooze(
                who,
                a.string("agentId"),
                a.optional("rule", String.class),
                a.value("until", Instant.class));
            yield null;
          }
          case VERIFY_AUDIT -> api.verifyAudit(who);
          case NOTIFICATION_CHANNELS -> api.notificationChannels();
          case SEND_TEST_NOTIFICATION ->
              api.sendTestNotification(who, a.string("channel")).thenApply(OperatorWire::tree);
          case ENROLL ->
              api.enroll(who, a.value("validFor", Duration.class), a.value("uses", Integer.class));
          case APPROVE ->
              api.approve(who, a.string("agentId"), a.value("compared", Fingerprint.class));
          case REJECT -> api.reject(who, a.string("agentId"));
          case FORGET -> api.forget(who, a.string("agentId"));
          case REKEY -> api.rekey(who, a.string("agentId"), a.value("key", Fingerprint.class));
          case CONNECT -> {
            api.connect(
                who,
                a.string("host"),
                a.value("port", Integer.class),
                a.optional("expected", Fingerprint.class));
            yield null;
          }
          case OPERATORS -> admin.operators();
          case INVITATIONS -> admin.invitations();
          case INVITE ->
              admin.invite(
                  who,
                  a.string("name"),
                  a.value("role", Role.class),
                  a.value("validFor", Duration.class));
          case REMOVE_OPERATOR -> admin.remove(who, a.string("name"));
          case EXPORT_ALERTS, EXPORT_HISTORY, EXPORT_CHUNK, EXPORT_END ->
              throw new IllegalStateException("an export is answered by its session");
        };
    if (value instanceof CompletableFuture<?> future) {
      @SuppressWarnings("unchecked")
      CompletableFuture<JsonElement> json = (CompletableFuture<JsonElement>) future;
      return json;
    }
    return CompletableFuture.completedFuture(json(value));
  }

  /** A value as JSON: an empty Optional and a void call as null. */
  static JsonElement json(Object value) {
    if (value instanceof Optional<?> o) {
      return o.isPresent() ? OperatorWire.tree(o.get()) : JsonNull.INSTANCE;
    }
    return value == null ? JsonNull.INSTANCE : OperatorWire.tree(value);
  }

  /** The agent a call names, for the audit of a refusal; empty when none. */
  static String agentOf(JsonObject args) {
    JsonElement e = args.get("agentId");
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  /** A call's named arguments. */
  record Args(ApiCall call, JsonObject args) {
    String string(String name) throws ProtocolException {
      return value(name, String.class);
    }

    <T> T value(String name, java.lang.reflect.Type type) throws ProtocolException {
      T v = optional(name, type);
      if (v == null) {
        throw new ProtocolException(
            dev.vigil.protocol.message.ErrorCode.MALFORMED_FRAME,
            "the call '" + call.wireName() + "' needs the argument '" + name + "'");
      }
      return v;
    }

    <T> T optional(String name, java.lang.reflect.Type type) throws ProtocolException {
      JsonElement e = args.get(name);
      if (e == null || e.isJsonNull()) {
        return null;
      }
      return OperatorWire.value(e, type, "argument '" + name + "' of '" + call.wireName() + "'");
    }
  }
}
