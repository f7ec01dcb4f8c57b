package dev.vigil.protocol.message;

/** A message only the console sends: what it asks an agent to do, what it has received. */
public sealed interface ConsoleMessage extends Message permits CommandRequest, Ack {}
