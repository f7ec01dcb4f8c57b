package dev.vigil.console.manager.api;

/**
 * What became of a "Send test" message. Immutable.
 *
 * @param channel the channel
 * @param delivered whether the channel accepted it
 * @param sentence what happened, for the operator
 */
public record NotificationTest(String channel, boolean delivered, String sentence) {}
