package dev.vigil.protocol;

/** How urgently an alert needs a person. */
public enum Severity {
  WARNING,
  CRITICAL
}
