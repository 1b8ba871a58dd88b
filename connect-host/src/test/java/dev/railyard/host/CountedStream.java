package dev.railyard.host;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Events put through the PutEvents API at a steady pace, counted: every entry the API acknowledged
 * with an event id, and every entry or call it refused (those may or may not have been written).
 * The fault tests inject their fault while it runs, then compare what went in with what came out
 * ({@link Tally}). Thread-safe.
 */
final class CountedStream implements AutoCloseable {

  private final Supplier<ApiClient> api;
  private final String bus;
  private volatile int total;
  private final int batch;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  private final ScheduledExecutorService pacer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("counted-stream"));

  /**
   * @param api the API to put to, asked again for every call (a restarted control plane)
   * @param total entries to put, in calls of {@code batch} every {@code periodMs}
   */
  CountedStream(Supplier<ApiClient> api, String bus, int total, int batch, long periodMs) {
    this.api = api;
    this.bus = bus;
    this.total = total;
    this.batch = batch;
    pacer.scheduleAtFixedRate(this::putOne, 0, periodMs, TimeUnit.MILLISECONDS);
  }

  private void putOne() {
    int from = sent.getAndAdd(batch);
    if (from >= total) {
      pacer.shutdown();
      return;
    }
    StringBuilder body = new StringBuilder("[");
    for (int i = from; i < Math.min(total, from + batch); i++) {
      body.append(i == from ? "" : ",")
          .append("{\"bus\":\"")
          .append(bus)
          .append("\",\"source\":\"faults\",\"type\":\"counted\",\"subject\":\"k")
          .append(i % 7)
          .append("\",\"data\":{\"n\":")
          .append(i)
          .append("}}");
    }
    int entries = Math.min(total, from + batch) - from;
    try {
      ApiClient.Response put = api.get().post("/api/v1/events", body.append("]").toString());
      statuses.merge(put.status(), 1, Integer::sum);
      if (put.status() != 200) {
        refused.addAndGet(entries);
        return;
      }
      for (JsonNode entry : put.json().get("entries")) {
        if (entry.hasNonNull("eventId")) {
          acknowledged.add(entry.get("eventId").asText());
        } else {
          refused.incrementAndGet();
        }
      }
    } catch (RuntimeException e) {
      // no answer (the control plane is gone): the entries are not acknowledged
      statuses.merge(-1, 1, Integer::sum);
      refused.addAndGet(entries);
    }
  }

  /** Waits until at least {@code count} entries have been acknowledged. */
  void awaitAcknowledged(int count, Duration atMost) {
    await(count + " events acknowledged by PutEvents")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> acknowledged.size() >= count);
  }

  /** Puts no more calls after the one under way. */
  void finish() {
    total = 0;
  }

  /** Waits until every call has been made. */
  void awaitDone(Duration atMost) throws InterruptedException {
    if (!pacer.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "the stream did not finish within " + atMost + ": " + sent.get() + " put");
    }
  }

  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  int refused() {
    return refused.get();
  }

  /** How many calls had each HTTP status; -1 for calls that got no answer. */
  Map<Integer, Integer> statuses() {
    return Map.copyOf(statuses);
  }

  /**
   * Waits until {@code file} holds every acknowledged event, or {@code atMost} passed, and counts
   * (the tally says what is missing).
   */
  Tally settle(Path file, Duration atMost) {
    Set<String> ids = acknowledged();
    try {
      await(ids.size() + " acknowledged events in " + file)
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> Tally.of(ids, file).lost() == 0);
    } catch (ConditionTimeoutException e) {
      // the tally says how many are missing
    }
    return Tally.of(ids, file);
  }

  /**
   * Stops the stream after the call under way, waits for it, then {@linkplain #settle settles} on
   * {@code file} and prints the tally under {@code name}.
   */
  Tally stopAndSettle(String name, Path file) throws InterruptedException {
    finish();
    awaitDone(Duration.ofSeconds(60));
    Tally tally = settle(file, Duration.ofSeconds(120));
    System.out.printf(
        "%s: %s, refused %d, calls by status %s%n", name, tally, refused(), statuses());
    return tally;
  }

  /** Applies a rule taking a stream's events on {@code bus} to a FileStreamSink on {@code file}. */
  static void applyFileRule(ApiClient api, String rule, String bus, Path file) {
    RuleFixtures.applyOk(
        api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: %s}
        spec:
          bus: %s
          pattern: {source: ["faults"]}
          targets:
            - name: file
              config: {connector.class: FileStreamSink, file: "%s"}
        """
            .formatted(rule, bus, file));
  }

  @Override
  public void close() {
    pacer.shutdownNow();
  }

  /**
   * What a target received against what was acknowledged.
   *
   * @param lost acknowledged events the target never received
   * @param duplicates receptions beyond the first of an event
   */
  record Tally(int acknowledged, int received, int lost, int duplicates) {

    /** Counts the CloudEvent ids in the lines of a FileStreamSink file. */
    static Tally of(Set<String> acknowledged, Path file) {
      return of(acknowledged, idsIn(file));
    }

    static Tally of(Set<String> acknowledged, List<String> ids) {
      Map<String, Integer> counts = new HashMap<>();
      ids.forEach(id -> counts.merge(id, 1, Integer::sum));
      int lost = (int) acknowledged.stream().filter(id -> !counts.containsKey(id)).count();
      return new Tally(acknowledged.size(), ids.size(), lost, ids.size() - counts.size());
    }

    static List<String> idsIn(Path file) {
      try {
        return Files.exists(file)
            ? Files.readAllLines(file).stream()
                .filter(l -> l.contains("\"id\":\""))
                .map(
                    l ->
                        l.substring(
                            l.indexOf("\"id\":\"") + 6, l.indexOf('"', l.indexOf("\"id\":\"") + 6)))
                .toList()
            : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
