package dev.vigil.console.reliability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A headless console in its own JVM (the one a kill -9 may stop), on the test's classpath, with its
 * answers collected line by line; {@code dir/ports} gets its ports and key.
 */
final class ConsoleProcess {
  final Process process;
  final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  final OutputStream stdin;

  /**
   * @param log every line it prints, for whoever investigates a failure
   * @param extra more options for {@code vigil console}
   */
  ConsoleProcess(Path dir, Queue<String> log, int tcpPort, int udpPort, String... extra)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigil.console.ConsoleMain",
                "--headless",
                "--json",
                "--data-dir",
                dir.resolve("console").toString(),
                "--tcp-port",
                String.valueOf(tcpPort),
                "--udp-port",
                String.valueOf(udpPort),
                "--port-file",
                dir.resolve("ports").toString()));
    command.addAll(List.of(extra));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    stdin = process.getOutputStream();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  lines.add(line);
                  log.add(line);
                }
              } catch (IOException e) {
                // the process was killed
              }
            });
  }

  JsonObject ask(String command) throws Exception {
    stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    String verb = command.split(" ")[0];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith("{") && line.contains("\"command\":\"" + verb + "\"")) {
        return JsonParser.parseString(line).getAsJsonObject();
      }
    }
    throw new AssertionError("no answer to '" + command + "'");
  }
}
