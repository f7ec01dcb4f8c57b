package dev.vigil.protocol.message;

/** How urgently an alert needs a person. */
public enum Severity {
  WARNING,
  CRITICAL
}
