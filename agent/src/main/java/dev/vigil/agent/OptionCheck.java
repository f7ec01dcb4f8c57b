package dev.vigil.agent;

import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.agent.check.CheckLine;
import dev.vigil.agent.check.CheckSpec;
import dev.vigil.agent.link.ConsolePin;
import dev.vigil.common.HostPort;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.Tags;
import dev.vigil.protocol.tls.Fingerprint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * Checks the agent's options, from the command line and the config file, and turns them into an
 * {@link AgentConfig}; a bad value is refused with a sentence that names its option, or its config
 * file's line and key. Used once per start.
 */
final class OptionCheck {
  private final AgentMain o;
  private final Map<String, String> origins;
  private final CommandLine.Model.CommandSpec spec;

  /**
   * @param origins where each setting came from when not from the command line, by long option
   */
  OptionCheck(AgentMain options, Map<String, String> origins, CommandLine.Model.CommandSpec spec) {
    this.o = options;
    this.origins = origins;
    this.spec = spec;
  }

  /**
   * Where {@code --listen PORT} listens: loopback, so that an agent is reachable from other
   * machines only when the operator names an address ({@code --listen 0.0.0.0:7472}).
   */
  static final String LISTEN_DEFAULT_HOST = "127.0.0.1";

  /** Reads HOST:PORT (or PORT alone for a listening address), naming the option at fault. */
  private HostPort hostPort(String option, String value, boolean listening) {
    try {
      return listening ? HostPort.parseListen(value, LISTEN_DEFAULT_HOST) : HostPort.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " " + e.getMessage());
    }
  }

  private RuleLevels rule(String option, String text) {
    try {
      return RuleLevels.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where(option) + ": " + e.getMessage());
    }
  }

  /** How to name a setting in an error: the option, or the config file's line and key. */
  private String where(String option) {
    return origins.getOrDefault(option, option);
  }

  /** Checks the options and turns them into a config, naming the option at fault. */
  AgentConfig toConfig() {
    if ((o.manager == null) == (o.listen == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "give either --manager HOST:PORT (the agent dials the console) or --listen PORT (the"
              + " console dials the agent)");
    }
    AgentConfig.Builder config;
    if (o.manager != null) {
      HostPort hp = hostPort(where("--manager"), o.manager, false);
      config = AgentConfig.dialing(hp.host(), hp.port());
    } else {
      HostPort hp = hostPort(where("--listen"), o.listen, true);
      config = AgentConfig.listening(new InetSocketAddress(hp.host(), hp.port()));
      if (o.consoleFingerprint == null && !o.insecure) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--listen needs --console-fingerprint, so that only your console can command this agent"
                + " (the console prints its fingerprint at start; headless: 'fingerprint')");
      }
    }
    if (o.statsInterval.toMillis() < 100 || o.statsInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--stats-interval") + " must be between 100ms and 1h");
    }
    Map<String, RuleLevels> rules = new LinkedHashMap<>();
    rules.put("cpu", rule("--cpu-alert", o.cpuAlert));
    rules.put("memory", rule("--memory-alert", o.memoryAlert));
    rules.put("swap", rule("--swap-alert", o.swapAlert));
    rules.put("disk", rule("--disk-alert", o.diskAlert));
    rules.put("processes", rule("--processes-alert", o.processesAlert));
    Fingerprint pin = null;
    if (o.consoleFingerprint != null) {
      try {
        pin = Fingerprint.parse(o.consoleFingerprint);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), where("--console-fingerprint") + ": " + e.getMessage());
      }
    }
    if (o.initialDelay.compareTo(Duration.ofHours(1)) > 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--initial-delay") + " must be at most 1h");
    }
    if (!(o.cpuBudgetPercent > 0 && o.cpuBudgetPercent <= 100)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--cpu-budget") + " must be above 0 and at most 100");
    }
    if (o.memoryBudgetMegabytes < 16 || o.memoryBudgetMegabytes > 1_000_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--memory-budget") + " must be from 16 to 1000000 MB");
    }
    if (o.outboxLimit < 1 || o.outboxLimit > 10_000_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--outbox-limit") + " must be from 1 to 10000000");
    }
    String token = new TokenFile(spec, origins).token(o.token, o.tokenFile);
    if (o.insecure && pin != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--insecure and --console-fingerprint contradict each other: insecure mode checks no keys");
    }
    AllowList allowList = allowList();
    if (o.manager != null && !o.insecure && pin == null && !o.trustOnFirstUse) {
      requirePinKept();
    }
    return config
        .dataDir(o.dataDir)
        .statsInterval(o.statsInterval)
        .rules(rules)
        .allowList(allowList)
        .dryRun(o.dryRun)
        .enrollmentToken(token)
        .consoleFingerprint(pin)
        .trustOnFirstUse(o.trustOnFirstUse)
        .insecure(o.insecure)
        .outboxLimit(o.outboxLimit)
        .initialConnectDelay(o.initialDelay)
        .cpuBudgetPercent(o.cpuBudgetPercent)
        .memoryBudgetBytes(o.memoryBudgetMegabytes << 20)
        .checks(checks())
        .allowedServices(services(allowList))
        .tags(tags())
        .build();
  }

  /**
   * Client mode without a fingerprint runs only on a pin an earlier start kept: otherwise whoever
   * answers first on the console's address would be trusted without the operator having said so.
   */
  private void requirePinKept() {
    try {
      if (ConsolePin.stored(o.dataDir) != null) {
        return;
      }
    } catch (java.io.IOException damaged) {
      // The agent's start names the damaged pin file and what to do; that is the clearer message.
      return;
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        where("--manager")
            + " needs --console-fingerprint SHA256:... (the console shows it with the token and"
            + " under Add agent...; headless: 'fingerprint'), or --trust-on-first-use to trust"
            + " whichever console answers first; this agent has no console key pinned in "
            + o.dataDir);
  }

  /**
   * The service checks, each line read by {@link CheckLine}; a mistake names the config file's line
   * and key ({@code check.web}) or the option ({@code --check web}).
   */
  private List<CheckSpec> checks() {
    if (o.checks.size() > CheckResult.MAX_CHECKS) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "at most " + CheckResult.MAX_CHECKS + " checks, got " + o.checks.size());
    }
    List<CheckSpec> checks = new ArrayList<>();
    for (Map.Entry<String, String> e : o.checks.entrySet()) {
      String name = e.getKey().strip();
      try {
        checks.add(CheckLine.parse(name, e.getValue().strip()));
      } catch (IllegalArgumentException bad) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            origins.getOrDefault("--check." + name, "--check " + name) + ": " + bad.getMessage());
      }
    }
    return checks;
  }

  /**
   * The units restart-service may restart, each checked against systemd's unit-name grammar; a bad
   * one names the config file's line and key ({@code allow-services}) or the option.
   */
  private AllowedServices services(AllowList allowList) {
    List<String> units = new ArrayList<>();
    for (String raw : o.allowServices == null ? List.<String>of() : o.allowServices) {
      String name = raw.strip();
      if (name.isEmpty() || name.equals("none")) {
        continue;
      }
      units.add(name);
    }
    if (units.isEmpty() && allowList.allows(Command.RESTART_SERVICE)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          where("--allow")
              + ": restart-service is allowed by naming its units in allow-services (for example"
              + " allow-services = nginx, postgresql), not in allow");
    }
    try {
      return new AllowedServices(units, where("--allow-services"));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--allow-services") + ": " + e.getMessage());
    }
  }

  /** The agent's tags, checked; a bad one names the line and key ({@code tags}) or the option. */
  private List<String> tags() {
    List<String> tags = new ArrayList<>();
    for (String raw : o.tags == null ? List.<String>of() : o.tags) {
      if (!raw.isBlank()) {
        tags.add(raw.strip());
      }
    }
    try {
      return Tags.checkAll(tags);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--tags") + ": " + e.getMessage());
    }
  }

  private AllowList allowList() {
    if (o.allow == null) {
      return AgentConfig.DEFAULT_ALLOW_LIST;
    }
    Set<Command> chosen = EnumSet.noneOf(Command.class);
    for (String raw : o.allow) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (name.equals("none") || name.isEmpty()) {
        continue;
      }
      Optional<Command> command = Command.byName(name);
      if (command.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            where("--allow")
                + ": unknown command '"
                + raw.trim()
                + "'; choose from "
                + Command.names(List.of(Command.values())));
      }
      chosen.add(command.get());
    }
    return new AllowList(chosen, where("--allow"));
  }
}
