package dev.vigil.protocol.message;

/**
 * A message carried in one frame between an agent and the console; the sealed hierarchy is the
 * complete vocabulary of the protocol and mirrors the type registry in {@link MessageTypes}.
 */
public sealed interface Message permits ControlMessage, AgentMessage, ConsoleMessage {}
