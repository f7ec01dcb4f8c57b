package dev.vigil.console.service;

import dev.vigil.console.manager.api.ManagerInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a starting manager prints: one per listener with the address it bound (port 0 shows the
 * port it picked), then its key fingerprint or the insecure-mode warning. Stateless.
 */
public final class ListenerLines {
  private ListenerLines() {}

  /** The lines for a running manager. */
  public static List<String> of(ManagerInfo info) {
    String who = "Vigil manager";
    List<String> lines = new ArrayList<>();
    lines.add(who + " listening on tcp " + format(info.agentListener()) + " (agents)");
    lines.add(who + " listening on udp " + format(info.alertListener()) + " (alert datagrams)");
    if (info.operatorListener() != null) {
      lines.add(
          who + " listening on tcp " + format(info.operatorListener()) + " (operator channel)");
    }
    if (info.metricsListener() != null) {
      lines.add(who + " listening on http " + format(info.metricsListener()) + " (/metrics)");
    }
    if (info.insecure()) {
      lines.add(
          "WARNING: insecure: agent sessions are plain TCP without keys. Use this only in a lab.");
    } else {
      lines.add("Manager key fingerprint " + info.keyFingerprint().orElseThrow());
    }
    return lines;
  }

  /** {@code 127.0.0.1:7470}, or {@code [::1]:7470} for IPv6. */
  public static String format(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
