package dev.vigil.console;

import dev.vigil.agent.Agent;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives each test a real console (the manager, on loopback with free ports,
 * in a fresh data directory) and starts real agents for it; after the test it stops every agent it
 * started, then the console, and deletes the directory. Register it with {@code @RegisterExtension
 * final RunningConsole console = RunningConsole.onLoopback();}.
 */
public final class RunningConsole implements BeforeEachCallback, AfterEachCallback {
  private final UnaryOperator<ManagerConfig.Builder> settings;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Path dir;
  private ConsoleManager manager;

  private RunningConsole(UnaryOperator<ManagerConfig.Builder> settings) {
    this.settings = settings;
  }

  /** A console with the defaults of {@link ManagerConfig#loopbackAnyPort}. */
  public static RunningConsole onLoopback() {
    return new RunningConsole(UnaryOperator.identity());
  }

  /** A console with some settings changed, for example shorter heartbeats. */
  public static RunningConsole configured(UnaryOperator<ManagerConfig.Builder> settings) {
    return new RunningConsole(settings);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("vigil-test-");
    manager =
        new ConsoleManager(settings.apply(ManagerConfig.builder(dir.resolve("console"))).build());
    manager.start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
    manager.close();
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(RunningConsole::delete);
    }
  }

  /** The running console. */
  public ConsoleManager manager() {
    return manager;
  }

  /** A directory for this test, beside the console's own, for agents and files. */
  public Path dir(String name) {
    return dir.resolve(name);
  }

  /** Closes {@code part} after the test, before the console stops; returns it. */
  public <T extends AutoCloseable> T closeAfter(T part) {
    started.push(part);
    return part;
  }

  /** An enrolled agent whose CPU alert fires on its first sample. */
  public Agent alertingAgent(String name) throws IOException {
    return closeAfter(TestAgents.alerting(manager, dir(name)));
  }

  /** An enrolled agent whose CPU alert practically never fires. */
  public Agent quietAgent(String name) throws IOException {
    return closeAfter(TestAgents.quiet(manager, dir(name)));
  }

  /** An enrolled agent that may run every command, on a stand-in machine the test drives. */
  public Agent agentOnMachine(String name, TestMachine machine) throws IOException {
    return closeAfter(TestAgents.onMachine(manager, dir(name), machine));
  }

  /** The agent {@code id} in {@code name}'s directory, on the same machine, starting again. */
  public Agent restartedAgent(String name, UUID id, TestMachine machine) throws IOException {
    return closeAfter(TestAgents.restarted(manager, dir(name), id, machine));
  }

  /** An agent without a token: it waits for the operator's approval. */
  public Agent unenrolledAgent(String name) throws IOException {
    return closeAfter(TestAgents.unenrolled(manager, dir(name)));
  }

  /** An agent in server mode on a free loopback port, pinned to the console's key. */
  public Agent listeningAgent(String name) throws IOException {
    return closeAfter(TestAgents.listening(manager, dir(name)));
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
