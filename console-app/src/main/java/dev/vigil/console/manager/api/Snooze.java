package dev.vigil.console.manager.api;

import java.time.Instant;

/**
 * A running snooze: an agent's alerts of one rule (or all) are recorded but do not pop up.
 *
 * @param agentId the agent
 * @param rule the rule, or {@code *} for all of the agent's rules
 * @param until when it ends
 */
public record Snooze(String agentId, String rule, Instant until) {}
