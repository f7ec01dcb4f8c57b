package dev.vigil.protocol.message;

/** The outcome of one run of a service check, in the Nagios plugin convention's four states. */
public enum CheckStatus {
  OK,
  WARNING,
  CRITICAL,
  UNKNOWN
}
