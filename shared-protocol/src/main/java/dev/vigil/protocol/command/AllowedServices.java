package dev.vigil.protocol.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The systemd units one agent's own config lets a console restart ({@code allow-services}), in
 * canonical form, with where that was set; the one place that says whether {@code restart-service}
 * may touch a unit and, if not, why. Immutable.
 *
 * @param units the allowed units, each a canonical {@link UnitName}, in configured order
 * @param source where the list was set, for refusals: "--allow-services", "agent.conf line 9"
 */
public record AllowedServices(List<String> units, String source) {
  /** The most units an agent may allow. */
  public static final int MAX_UNITS = 64;

  /** Nothing may be restarted: the default. */
  public static final AllowedServices NONE = new AllowedServices(List.of(), "the default");

  public AllowedServices {
    if (units.size() > MAX_UNITS) {
      throw new IllegalArgumentException("at most " + MAX_UNITS + " services, got " + units.size());
    }
    List<String> canonical = new ArrayList<>();
    for (String u : units) {
      canonical.add(UnitName.canonical(u));
    }
    units = List.copyOf(new LinkedHashSet<>(canonical));
  }

  /**
   * The units as an agent announced them; names that are not unit names are left out, so that a
   * console never offers what the agent would refuse.
   */
  public static AllowedServices announced(Collection<String> units, String source) {
    List<String> valid = new ArrayList<>();
    for (String u : units) {
      try {
        valid.add(UnitName.canonical(u));
      } catch (IllegalArgumentException notAUnit) {
        // An agent's own check refuses it too.
      }
    }
    return new AllowedServices(valid.subList(0, Math.min(valid.size(), MAX_UNITS)), source);
  }

  /** Whether a unit, by any spelling systemd reads the same ({@code nginx}), may be restarted. */
  public boolean allows(String unit) {
    return refusal(unit).isEmpty();
  }

  /** Why no unit at all may be restarted, or empty when some may. */
  public Optional<String> refusalOfAll() {
    return units.isEmpty()
        ? Optional.of(
            "this agent's config does not allow restarting any service (allow-services: none, set"
                + " by "
                + source
                + ")")
        : Optional.empty();
  }

  /** Why the unit may not be restarted, or empty when it may. */
  public Optional<String> refusal(String unit) {
    String canonical;
    try {
      canonical = UnitName.canonical(unit);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (units.contains(canonical)) {
      return Optional.empty();
    }
    return Optional.of(
        "this agent's config does not allow restarting '"
            + canonical
            + "' (allow-services: "
            + (units.isEmpty() ? "none" : String.join(", ", units))
            + ", set by "
            + source
            + ")");
  }
}
