package dev.railyard.sinks.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A second JVM on this test's class path, running one main class: a worker of its own that can be
 * killed with SIGKILL or outlive its partition. Each line it prints goes to {@code lines}, read by
 * a daemon thread until the child is gone.
 */
final class ChildJvm {

  private ChildJvm() {}

  static Process start(Class<?> main, Consumer<String> lines, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  lines.accept(line);
                }
              } catch (IOException e) {
                // the child is gone
              }
            },
            main.getSimpleName() + "-output");
    reader.setDaemon(true);
    reader.start();
    return child;
  }
}
