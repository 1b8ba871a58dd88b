package dev.railyard.embedded.worker;

import dev.railyard.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Connect worker running as a child JVM of this process, with the workers' own class path
 * ({@link WorkerClasspath}: the distribution's {@code worker/lib}, or what the system property
 * {@value WorkerClasspath#PROPERTY} names). Its log goes to {@code <logDir>/<name>.log}, its
 * standard error to {@code <logDir>/<name>.stderr}. Thread-safe.
 */
public final class WorkerProcess {

  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Instant startedAt;
  private final StderrTail stderr;
  private final CompletableFuture<String> announced = new CompletableFuture<>();

  private WorkerProcess(String name, Process process, StderrTail stderr) {
    this.name = name;
    this.process = process;
    this.startedAt = Instant.now();
    this.stderr = stderr;
  }

  /**
   * Launches a worker JVM. Returns at once; use {@link #awaitReady} to wait until it serves.
   *
   * @param name the worker's name in the pool, used for its files
   * @param workerProperties the Connect worker properties
   * @param runDir where its properties and argument files are written
   * @param logDir where its log files go
   * @param jvmOptions extra JVM options such as {@code -Xmx512m}, never null
   */
  public static WorkerProcess launch(
      String name,
      Map<String, String> workerProperties,
      Path runDir,
      Path logDir,
      List<String> jvmOptions) {
    return launch(
        name,
        workerProperties,
        runDir,
        logDir,
        jvmOptions,
        Pattern.compile(WorkerEnvironment.DEFAULT_SECRETS_PATTERN));
  }

  /**
   * Launches a worker JVM with a minimal environment ({@link WorkerEnvironment}). Returns at once;
   * use {@link #awaitReady} to wait until it serves.
   *
   * @param secretsEnvironment names of the control plane's environment variables the worker also
   *     gets, for connectors' {@code ${env:NAME}} references; never null
   */
  public static WorkerProcess launch(
      String name,
      Map<String, String> workerProperties,
      Path runDir,
      Path logDir,
      List<String> jvmOptions,
      Pattern secretsEnvironment) {
    try {
      Files.createDirectories(runDir);
      Files.createDirectories(logDir);
      Path propsFile = runDir.resolve(name + ".properties");
      // a secured cluster's passwords are in there
      PrivateFiles.writeProperties(
          propsFile,
          workerProperties,
          "Connect worker written by Railyard; regenerated at every start");
      Path argFile = runDir.resolve(name + ".args");
      String classpath = WorkerClasspath.join(WorkerClasspath.current());
      Files.writeString(argFile, "-cp " + quote(classpath) + "\n");
      List<String> command = new ArrayList<>();
      command.add(javaExecutable());
      command.addAll(jvmOptions);
      command.add("-Drailyard.log.file=" + logDir.resolve(name + ".log").toAbsolutePath());
      command.add("-Dlog4j2.configurationFile=railyard-worker-log4j2.xml");
      command.add("@" + argFile.toAbsolutePath());
      command.add(WorkerMain.class.getName());
      command.add(propsFile.toAbsolutePath().toString());
      Path stderrFile = logDir.resolve(name + ".stderr");
      StderrTail stderr = StderrTail.from(stderrFile);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE);
      // the control plane's environment may hold any secret of the shell that started it
      Map<String, String> environment = builder.environment();
      Map<String, String> kept = WorkerEnvironment.of(environment, secretsEnvironment);
      environment.clear();
      environment.putAll(kept);
      Process process = builder.start();
      WorkerProcess worker = new WorkerProcess(name, process, stderr);
      worker.watchOutput();
      return worker;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot launch Connect worker " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Instant startedAt() {
    return startedAt;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes with the exit code when the process ends, however it ends. */
  public CompletableFuture<Integer> onExit() {
    return process.onExit().thenApply(Process::exitValue);
  }

  /** Whether it has announced its REST URL, i.e. Connect started in it. */
  public boolean hasAnnounced() {
    return restUrl() != null;
  }

  /**
   * The last lines this process wrote to standard error (at most {@value StderrTail#MAX_LINES}
   * lines, {@value StderrTail#MAX_BYTES} bytes), empty if none; where a JVM that refused its
   * options says why.
   */
  public String stderrTail() {
    return stderr.read();
  }

  /** The worker's REST base URL (no trailing slash) once it has announced it, else null. */
  public String restUrl() {
    return announced.isDone() && !announced.isCompletedExceptionally() ? announced.join() : null;
  }

  /** The Connect worker id ({@code host:port}) once known, else null. */
  public String workerId() {
    String url = restUrl();
    if (url == null) {
      return null;
    }
    URI uri = URI.create(url);
    return uri.getHost() + ":" + uri.getPort();
  }

  /**
   * Waits until the worker has announced its REST URL and its {@code /health} answers 200, i.e. it
   * has joined the Connect group and serves requests.
   *
   * @throws IllegalStateException if it exits first or the timeout passes; the message says which
   */
  public String awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String url;
    try {
      url = announced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Worker " + name + " did not start within " + timeout + "; see its log file", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for worker " + name, e);
    }
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(exitedMessage("while starting"));
      }
      if (healthy(url)) {
        return url;
      }
      pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        "Worker " + name + " at " + url + " did not report healthy within " + timeout);
  }

  /**
   * Stops the worker gracefully (SIGTERM: it leaves the group and commits offsets), killing it if
   * it has not exited within {@code timeout}.
   *
   * @return true if it stopped gracefully
   */
  public boolean stop(Duration timeout) {
    process.destroy();
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      log.warn("Worker {} did not stop within {}; killing it", name, timeout);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    return false;
  }

  /** Kills the worker at once (SIGKILL), as a crash would. */
  public void kill() {
    process.destroyForcibly();
  }

  private void watchOutput() {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(WorkerMain.READY_PREFIX)) {
                    String url = line.substring(WorkerMain.READY_PREFIX.length()).trim();
                    announced.complete(
                        url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
                  } else {
                    log.debug("{}: {}", name, line);
                  }
                }
              } catch (IOException e) {
                log.debug("Output of worker {} closed", name, e);
              }
              if (!announced.isDone()) { // a worker that served has nothing to report here
                awaitExit(Duration.ofSeconds(5));
                announced.completeExceptionally(
                    new IllegalStateException(exitedMessage("before it started")));
              }
            },
            "railyard-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  private void awaitExit(Duration timeout) {
    try {
      process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String exitedMessage(String when) {
    String code = process.isAlive() ? "?" : String.valueOf(process.exitValue());
    String tail = stderrTail();
    return "Worker "
        + name
        + " exited with code "
        + code
        + " "
        + when
        + (tail.isEmpty() ? "; see its log file" : "; its standard error ends with:\n" + tail);
  }

  private static boolean healthy(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/health"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void pause(Duration d) {
    try {
      CompletableFuture.runAsync(
              () -> {}, CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  // @argfile syntax: a quoted token, backslashes and quotes escaped
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
