package dev.vigil.protocol.message;

/** Whether an alert event starts a problem or ends one. */
public enum AlertState {
  FIRING,
  RESOLVED
}
