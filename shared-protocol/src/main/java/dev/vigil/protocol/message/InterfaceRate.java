package dev.vigil.protocol.message;

/**
 * One network interface's traffic over the last stats interval.
 *
 * @param name the interface, for example {@code eth0}
 * @param receiveBytesPerSecond bytes received per second
 * @param transmitBytesPerSecond bytes sent per second
 */
public record InterfaceRate(
    String name, double receiveBytesPerSecond, double transmitBytesPerSecond) {
  public InterfaceRate {
    Checks.text("name", name, 64);
    Checks.rate("receiveBytesPerSecond", receiveBytesPerSecond);
    Checks.rate("transmitBytesPerSecond", transmitBytesPerSecond);
  }
}
