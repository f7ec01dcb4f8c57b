package dev.vigil.console.headless;

/** How the text interface says how many problems fire, counted from the manager's problems. */
final class ProblemCount {
  private ProblemCount() {}

  /** "No problems firing.", "1 problem firing.", "3 problems firing." */
  static String sentence(int problems) {
    return switch (problems) {
      case 0 -> "No problems firing.";
      case 1 -> "1 problem firing.";
      default -> problems + " problems firing.";
    };
  }
}
