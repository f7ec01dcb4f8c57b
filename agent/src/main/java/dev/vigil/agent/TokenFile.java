package dev.vigil.agent;

import dev.vigil.common.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The enrollment token from {@code --token} or, kept off every command line that any local user can
 * read in {@code /proc}, from {@code --token-file}; a token file others may read gets a warning
 * sentence. Used once per start.
 */
final class TokenFile {
  private final CommandLine.Model.CommandSpec spec;
  private final Map<String, String> origins;

  TokenFile(CommandLine.Model.CommandSpec spec, Map<String, String> origins) {
    this.spec = spec;
    this.origins = origins;
  }

  /** The token given, or null; a bad one is refused with a sentence naming its option. */
  String token(String inline, Path file) {
    if (inline != null && file != null) {
      throw refused("give either --token or --token-file, not both");
    }
    String token = inline;
    String option = where("--token");
    if (file != null) {
      option = where("--token-file") + " " + file;
      token = read(file, option);
    }
    if (token != null && (token.isBlank() || token.length() > 128)) {
      throw refused(option + " must hold 1 to 128 characters");
    }
    return token;
  }

  private String read(Path file, String option) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.lines().count() > 1) {
        throw refused(option + " must hold the token alone, on one line");
      }
      if (FilePermissions.readableByOthers(file)) {
        spec.commandLine()
            .getErr()
            .println(
                "vigil agent: warning: "
                    + file
                    + " can be read by other users, and so can the token in it until it is used;"
                    + " run: chmod 600 "
                    + file);
      }
      return text;
    } catch (IOException e) {
      throw refused(
          option
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  private String where(String option) {
    return origins.getOrDefault(option, option);
  }

  private CommandLine.ParameterException refused(String sentence) {
    return new CommandLine.ParameterException(spec.commandLine(), sentence);
  }
}
