package dev.vigil.console.manager.api;

/**
 * One agent's metric over one minute.
 *
 * @param agentId the agent
 * @param minuteMillis the start of the minute
 * @param metric which figure
 * @param samples how many reports it summarises
 * @param min the lowest value
 * @param avg the mean
 * @param max the highest value
 */
public record MinuteAggregate(
    String agentId,
    long minuteMillis,
    Metric metric,
    int samples,
    double min,
    double avg,
    double max) {}
