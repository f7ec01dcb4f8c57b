package dev.vigil.common;

/**
 * A host and a TCP port as an operator writes them: {@code host:port}, {@code [v6]:port} (or a bare
 * IPv6 address before the last colon), and for a listening address {@code PORT} alone. Errors are
 * sentences that the caller prefixes with the option or key at fault. Immutable.
 *
 * @param host the host name or address, without brackets
 * @param port the port, from 1 (from 0 for a listening address)
 */
public record HostPort(String host, int port) {
  /**
   * Reads {@code host:port} with a port from 1 to 65535.
   *
   * @throws IllegalArgumentException with what is wrong: "must be HOST:PORT, for example ..."
   */
  public static HostPort parse(String text) {
    return parse(text, null);
  }

  /**
   * Reads {@code host:port}, or {@code PORT} alone for {@code defaultHost}, with a port from 0 (any
   * free port) to 65535: an address to listen on.
   *
   * @throws IllegalArgumentException with what is wrong
   */
  public static HostPort parseListen(String text, String defaultHost) {
    return parse(text, defaultHost);
  }

  private static HostPort parse(String text, String defaultHost) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? defaultHost : text.substring(0, colon);
    String portText = text.substring(colon + 1);
    if (host == null || host.isEmpty() || portText.isEmpty()) {
      throw new IllegalArgumentException(
          "must be HOST:PORT, for example 127.0.0.1:7470, got '" + text + "'");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    // ASCII digits only: Integer.parseInt would also take '+80' and other scripts' digits.
    int port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : -1;
    int lowest = defaultHost == null ? 1 : 0;
    if (port < lowest || port > 65535) {
      throw new IllegalArgumentException(
          "port must be a number from " + lowest + " to 65535, got '" + portText + "'");
    }
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
