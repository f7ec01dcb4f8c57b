package dev.vigil.protocol.message;

/** A message that keeps a session alive or negotiates it, sent by either side. */
public sealed interface ControlMessage extends Message
    permits Hello, Welcome, Pending, Heartbeat, ErrorMessage {}
