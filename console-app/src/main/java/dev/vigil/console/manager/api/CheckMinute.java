package dev.vigil.console.manager.api;

/**
 * One minute of one figure a service check measured on one agent (a plugin's performance datum, a
 * connect time), kept with the built-in metrics' minutes.
 *
 * @param agentId the agent
 * @param minuteMillis the start of the minute
 * @param check the check's name
 * @param metric the figure's label, as the check wrote it
 * @param samples how many runs it summarises
 * @param min the lowest value
 * @param avg the mean
 * @param max the highest value
 */
public record CheckMinute(
    String agentId,
    long minuteMillis,
    String check,
    String metric,
    int samples,
    double min,
    double avg,
    double max) {
  /** The name it is stored and exported under: {@code check.web.time}. */
  public String key() {
    return key(check, metric);
  }

  /** The stored name of a check's figure. */
  public static String key(String check, String metric) {
    return "check." + check + "." + metric;
  }
}
