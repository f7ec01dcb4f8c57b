package dev.vigil.console.manager.api;

/**
 * An operator's acknowledgement of an alert.
 *
 * @param alertId the alert's console id
 * @param who who acknowledged it
 * @param atMillis when
 * @param note what they said, possibly empty
 */
public record Acknowledgement(long alertId, String who, long atMillis, String note) {}
