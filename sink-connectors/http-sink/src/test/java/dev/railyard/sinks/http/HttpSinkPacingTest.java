package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retry-After and the rate limit against a real endpoint. What the limiter decided is checked on
 * its own record of permits, releases and pauses ({@link Permits}), which a loaded machine cannot
 * blur; what the endpoint saw is checked only where load cannot make it pass or fail wrongly.
 */
class HttpSinkPacingTest {

  /** Room for rounding in the bucket's arithmetic, in tokens. */
  private static final double ROUNDING = 1e-6;

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();

  private final List<HttpSinkTask> tasks = new ArrayList<>();
  private final Permits permits = new Permits();

  @AfterEach
  void stopTasks() {
    tasks.forEach(HttpSinkTask::stop);
  }

  @Test
  void shouldWaitTheSecondsOfRetryAfterThenSendAgainWithoutFailing() throws Exception {
    // given
    endpoint.answer(429, "slow down", Map.of("Retry-After", "1"));
    HttpSinkTask task = start(Clock.systemUTC(), Map.of());

    // when
    task.put(Events.of(1, 1));

    // then the same request came again no sooner than a second later
    LocalEndpoint.Request first = endpoint.next();
    LocalEndpoint.Request again = endpoint.next();
    assertThat(first.status()).isEqualTo(429);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(Duration.ofNanos(again.arrived() - first.arrived()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldHoldBackEveryLaneWhileTheEndpointAsksToWait() throws Exception {
    // given four lanes, and a 503 with Retry-After for the first request to arrive
    endpoint.answer(503, "", Map.of("Retry-After", "1"));
    HttpSinkTask task = start(Clock.systemUTC(), Map.of(HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "4"));

    // when
    task.put(Events.of(40, 8));

    // then no request passed the gate during the second the endpoint asked for
    List<LocalEndpoint.Request> requests = endpoint.drain();
    assertThat(requests.get(0).status()).isEqualTo(503);
    Permits.Pause pause = permits.pauses().get(0);
    assertThat(pause.until() - pause.from()).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(permits.released())
        .as("requests let go during the pause")
        .filteredOn(at -> at > pause.from() && at < pause.until())
        .isEmpty();
    assertThat(Events.delivered(requests)).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void shouldReadAnHttpDateInRetryAfterAgainstTheClock() throws Exception {
    // given a clock at NOW and an answer asking to wait until one second later
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(1).atZone(ZoneOffset.UTC));
    endpoint.answer(503, "", Map.of("Retry-After", date));
    HttpSinkTask task = start(Clock.fixed(NOW, ZoneOffset.UTC), Map.of());

    // when
    task.put(Events.of(1, 1));

    // then the task paused for exactly the second to that date, and the request came again after
    LocalEndpoint.Request first = endpoint.next();
    LocalEndpoint.Request again = endpoint.next();
    assertThat(permits.pauses())
        .singleElement()
        .satisfies(p -> assertThat(p.until() - p.from()).isEqualTo(1_000_000_000L));
    assertThat(Duration.ofNanos(again.arrived() - first.arrived()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldFailAtOnceWhenRetryAfterIsBeyondTheCap() throws Exception {
    // given
    endpoint.answer(429, "quota spent", Map.of("Retry-After", "120"));
    HttpSinkTask task = start(Clock.systemUTC(), Map.of());

    // when / then the guard's retry policy takes over
    assertThatThrownBy(() -> task.put(Events.of(1, 1)))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("answered 429: quota spent")
        .hasMessageContaining("120000 ms")
        .hasMessageContaining("http.retry.after.max.ms = 30000");
    endpoint.next();
    assertThat(endpoint.pending()).isZero();
  }

  @Test
  void shouldNotWaitOnRetryAfterWhenTheCapIsZero() throws Exception {
    endpoint.answer(503, "", Map.of("Retry-After", "1"));
    HttpSinkTask task =
        start(Clock.systemUTC(), Map.of(HttpSinkConfig.RETRY_AFTER_MAX_MS_CONFIG, "0"));

    assertThatThrownBy(() -> task.put(Events.of(1, 1))).isInstanceOf(RetriableException.class);
  }

  @Test
  void shouldKeepTheRateWithinOneBurstWithSeveralRequestsInFlight() {
    // given 40 requests a second, a burst of 4, eight lanes
    HttpSinkTask task =
        start(
            Clock.systemUTC(),
            Map.of(
                HttpSinkConfig.RATE_LIMIT_CONFIG, "40",
                HttpSinkConfig.RATE_LIMIT_BURST_CONFIG, "4",
                HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "8"));

    // when 60 events go, one a request
    task.put(Events.of(60, 20));

    // then
    List<LocalEndpoint.Request> requests = endpoint.drain();
    assertThat(Events.delivered(requests)).hasSize(60);
    assertWithinRate(requests, 40, 4);
  }

  @Test
  void shouldShareTheConnectorsRateBetweenItsTasks() {
    // given the connector's two tasks with 40 requests a second between them
    HttpSinkConnector connector = new HttpSinkConnector();
    Map<String, String> props = new HashMap<>();
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    props.put(HttpSinkConfig.RATE_LIMIT_CONFIG, "40");
    props.put(HttpSinkConfig.RATE_LIMIT_BURST_CONFIG, "4");
    props.put(HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "4");
    connector.start(props);
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (Map<String, String> config : connector.taskConfigs(2)) {
      HttpSinkTask task = new HttpSinkTask(Clock.systemUTC(), Lingering.Timer.SYSTEM, permits);
      tasks.add(task);
      task.start(config);
      List<SinkRecord> events = Events.of(30, 10);
      running.add(CompletableFuture.runAsync(() -> task.put(events)));
    }

    // when both send at once
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();

    // then together they kept the connector's rate
    List<LocalEndpoint.Request> requests = endpoint.drain();
    assertThat(requests).hasSize(60);
    assertWithinRate(requests, 40, 4);
  }

  /**
   * By the bucket's own record: in every span between two permits, at most burst + rate · span of
   * them, so together they span at least the time the rate allows; no request let go before its
   * permit; one permit for each request the endpoint got. Arrival times are not compared: on a
   * loaded machine the first requests may reach the endpoint late and the rest on time, which
   * squeezes their span below what was sent.
   */
  private void assertWithinRate(List<LocalEndpoint.Request> requests, double rate, int burst) {
    long[] at = permits.permitted().stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(at).as("permits, one a request").hasSize(requests.size());
    for (int i = 0; i < at.length; i++) {
      for (int j = i; j < at.length; j++) {
        double seconds = (at[j] - at[i]) / 1e9;
        assertThat(j - i + 1)
            .as("permits %d..%d within %.6f s", i, j, seconds)
            .isLessThanOrEqualTo(burst + (int) Math.floor(rate * seconds + ROUNDING));
      }
    }
    long[] released = permits.released().stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(released).hasSameSizeAs(at);
    for (int i = 0; i < at.length; i++) {
      assertThat(released[i]).as("release %d against its permit", i).isGreaterThanOrEqualTo(at[i]);
    }
    double seconds = (at[at.length - 1] - at[0]) / 1e9;
    assertThat(seconds)
        .as("the time %d permits spanned", at.length)
        .isGreaterThanOrEqualTo((at.length - burst) / rate - ROUNDING);
  }

  private HttpSinkTask start(Clock clock, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    HttpSinkTask task = new HttpSinkTask(clock, Lingering.Timer.SYSTEM, permits);
    tasks.add(task);
    task.start(props);
    return task;
  }
}
