package dev.vigil.agent.check;

/** Makes the probe a check's type calls for. Stateless. */
public final class Probes {
  /** The {@code systemctl} the systemd checks ask, found on the PATH. */
  public static final String SYSTEMCTL = "systemctl";

  private Probes() {}

  /** The probe for {@code spec}, asking {@code systemctl} for systemd units. */
  public static Probe of(CheckSpec spec, String systemctl) {
    return switch (spec.type()) {
      case SYSTEMD -> new SystemdProbe(spec.target(), systemctl);
      case PROCESS -> new ProcessProbe(spec);
      case TCP -> new TcpProbe(spec.target());
      case HTTP -> new HttpProbe(spec);
      case CERT -> new CertProbe(spec);
      case PLUGIN -> new PluginProbe(spec);
    };
  }
}
