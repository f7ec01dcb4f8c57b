package dev.vigil.console;

import dev.vigil.common.HostPort;
import dev.vigil.console.attach.FleetApi;
import dev.vigil.console.attach.ManagerSet;
import dev.vigil.console.headless.HeadlessConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code vigil console --connect}: the window or the text interface over a manager elsewhere, and
 * any others the window was attached to before ({@link ManagerSet}), in place of an embedded
 * manager.
 */
final class AttachedConsole {
  private AttachedConsole() {}

  static int run(
      AttachOptions options, boolean headless, boolean json, Path settingsFile, CommandLine cli)
      throws Exception {
    if (options.token != null && options.tokenFile != null) {
      throw new CommandLine.ParameterException(cli, "give --token or --token-file, not both");
    }
    HostPort manager;
    Fingerprint pin = null;
    String token = options.token;
    try {
      manager = HostPort.parse(options.connect);
      if (options.managerFingerprint != null) {
        pin = Fingerprint.parse(options.managerFingerprint.strip());
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
    if (json && !headless) {
      throw new CommandLine.ParameterException(cli, "--json only works with --headless");
    }
    PrintStream out = System.out;
    ManagerSet managers = new ManagerSet(options.dataDir, options.name);
    try {
      if (options.tokenFile != null) {
        List<String> lines = Files.readAllLines(options.tokenFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
          throw new IOException(options.tokenFile + " is empty: its first line must be the token");
        }
        token = lines.get(0).strip();
      }
      managers.start(manager, token, pin);
    } catch (IOException e) {
      managers.close();
      cli.getErr().println("vigil console: " + e.getMessage());
      return 1;
    }
    try (FleetApi api = new FleetApi(managers)) {
      out.println(
          "Vigil console attached to "
              + manager
              + " as "
              + api.operatorName()
              + " ("
              + api.role().word()
              + ")");
      out.flush();
      Operator who = new Operator(api.operatorName(), "attached from this computer");
      if (headless) {
        new HeadlessConsole(
                api,
                who,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                out,
                json)
            .run();
      } else {
        DesktopLauncher.run(
            api,
            Settings.load(settingsFile != null ? settingsFile : Settings.defaultFile()),
            "Attached to "
                + manager
                + " as "
                + api.operatorName()
                + " ("
                + api.role().word()
                + ")");
      }
    }
    return 0;
  }
}
