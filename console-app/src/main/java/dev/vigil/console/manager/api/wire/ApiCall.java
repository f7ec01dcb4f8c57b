package dev.vigil.console.manager.api.wire;

import dev.vigil.console.manager.api.Role;
import java.util.Optional;

/**
 * The operator API's calls as the operator channel names them, each with the least role that may
 * make it; the manager checks the role, the client only names the call. Exports are read access:
 * the manager writes the file and the client fetches it in chunks ({@link ExportTransfer}).
 */
public enum ApiCall {
  INFO("info", Role.VIEWER, "reading the manager's info"),
  AGENTS("agents", Role.VIEWER, "listing agents"),
  AGENT("agent", Role.VIEWER, "reading an agent"),
  VIEW("view", Role.VIEWER, "reading an agent's details"),
  HISTORY("history", Role.VIEWER, "reading history"),
  CHECK_HISTORY("checkHistory", Role.VIEWER, "reading a check's history"),
  RECENT_ALERTS("recentAlerts", Role.VIEWER, "reading alerts"),
  PROBLEMS("problems", Role.VIEWER, "reading problems"),
  ALERT_HISTORY("alertHistory", Role.VIEWER, "reading alert history"),
  ACKNOWLEDGEMENT("acknowledgement", Role.VIEWER, "reading an acknowledgement"),
  SNOOZES("snoozes", Role.VIEWER, "reading snoozes"),
  REFUSAL("refusal", Role.VIEWER, "checking a command"),
  REFUSED_KEY("refusedKey", Role.VIEWER, "reading a refused key"),
  NOTIFICATION_CHANNELS("notificationChannels", Role.VIEWER, "reading notification channels"),
  EXPORT_ALERTS("exportAlerts", Role.VIEWER, "exporting the alert history"),
  EXPORT_HISTORY("exportHistory", Role.VIEWER, "exporting metric history"),
  EXPORT_CHUNK("exportChunk", Role.VIEWER, "reading an export"),
  EXPORT_END("exportEnd", Role.VIEWER, "ending an export"),
  SEND("send", Role.OPERATOR, "sending commands"),
  ACKNOWLEDGE("acknowledge", Role.OPERATOR, "acknowledging alerts"),
  SNOOZE("snooze", Role.OPERATOR, "snoozing alerts"),
  VERIFY_AUDIT("verifyAudit", Role.OPERATOR, "checking the audit log"),
  ENROLL("enroll", Role.ADMIN, "making enrollment tokens"),
  APPROVE("approve", Role.ADMIN, "approving agents"),
  REJECT("reject", Role.ADMIN, "rejecting agents"),
  FORGET("forget", Role.ADMIN, "forgetting agents"),
  REKEY("rekey", Role.ADMIN, "re-keying agents"),
  CONNECT("connect", Role.ADMIN, "adding agents to dial"),
  SEND_TEST_NOTIFICATION("sendTestNotification", Role.ADMIN, "sending test notifications"),
  OPERATORS("operators", Role.ADMIN, "listing operators"),
  INVITE("invite", Role.ADMIN, "inviting operators"),
  INVITATIONS("invitations", Role.ADMIN, "listing invitations"),
  REMOVE_OPERATOR("removeOperator", Role.ADMIN, "removing operators");

  private final String wireName;
  private final Role needs;
  private final String doing;

  ApiCall(String wireName, Role needs, String doing) {
    this.wireName = wireName;
    this.needs = needs;
    this.doing = doing;
  }

  /** The name in a {@code call} frame's {@code method}. */
  public String wireName() {
    return wireName;
  }

  /** The least role that may make this call. */
  public Role needs() {
    return needs;
  }

  /** What the call does, for the refusal sentence: "sending commands". */
  public String doing() {
    return doing;
  }

  /** Whether the call belongs to an export in the session, answered by the session's own state. */
  public boolean export() {
    return this == EXPORT_ALERTS
        || this == EXPORT_HISTORY
        || this == EXPORT_CHUNK
        || this == EXPORT_END;
  }

  /** The call a wire name names, if any. */
  public static Optional<ApiCall> byWireName(String name) {
    for (ApiCall c : values()) {
      if (c.wireName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
