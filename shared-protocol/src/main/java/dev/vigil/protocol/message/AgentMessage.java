package dev.vigil.protocol.message;

/** A message only an agent sends: what it measured, what it noticed, what it did. */
public sealed interface AgentMessage extends Message
    permits StatsReport, SlowReport, Inventory, AlertReport, CommandResult {}
