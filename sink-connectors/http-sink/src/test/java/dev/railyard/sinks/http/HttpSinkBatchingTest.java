package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several records a request, several requests at once, against a real endpoint with faults. */
class HttpSinkBatchingTest {

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();

  private final HttpSinkTask task = new HttpSinkTask();

  @AfterEach
  void stopTask() {
    task.stop();
  }

  @Test
  void shouldSendUpToTheCountInOneRequestAsAJsonArrayWithTheHeadersTheyShare() throws Exception {
    // given
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "4"));

    // when ten events of one key go
    task.put(Events.of(10, 1));

    // then three requests hold 4, 4 and 2 of them, in order
    List<LocalEndpoint.Request> requests =
        List.of(endpoint.next(), endpoint.next(), endpoint.next());
    assertThat(endpoint.pending()).isZero();
    assertThat(requests.get(0).body()).startsWith("[{\"id\":\"e-0\"").endsWith("\"seq\":3}]");
    assertThat(Events.delivered(requests))
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "e-" + i).toList());
    assertThat(requests.get(2).body())
        .isEqualTo(
            "[{\"id\":\"e-8\",\"key\":\"k-0\",\"seq\":8},{\"id\":\"e-9\",\"key\":\"k-0\",\"seq\":9}]");
    assertThat(requests.get(0).headers().getFirst("X-Railyard-Rule")).isEqualTo("orders");
    assertThat(requests.get(0).headers()).doesNotContainKey("X-railyard-event-id");
    assertThat(requests.get(0).headers().getFirst("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void shouldSendAnArrayOfOneWhenBatchingSoTheReceiverSeesOneShape() throws Exception {
    // given batches, and a record handed over alone (as the guard does after a failed batch)
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "10"));

    // when
    task.put(Events.of(1, 1));

    // then
    assertThat(endpoint.next().body()).isEqualTo("[{\"id\":\"e-0\",\"key\":\"k-0\",\"seq\":0}]");
  }

  @Test
  void shouldKeepARequestWithinTheBytes() throws Exception {
    // given room for two events of 32 bytes a request, not three
    start(
        Map.of(
            HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "100",
            HttpSinkConfig.BATCH_MAX_BYTES_CONFIG, "80"));

    // when
    task.put(Events.of(5, 1));

    // then
    List<LocalEndpoint.Request> requests =
        List.of(endpoint.next(), endpoint.next(), endpoint.next());
    assertThat(requests).allSatisfy(r -> assertThat(r.body().length()).isLessThanOrEqualTo(80));
    assertThat(Events.delivered(requests)).containsExactly("e-0", "e-1", "e-2", "e-3", "e-4");
  }

  @Test
  void shouldKeepEachKeysOrderWithSeveralRequestsInFlight() {
    // given an endpoint taking 30 ms an answer and a task with 8 requests in flight
    endpoint.latency(Duration.ofMillis(30));
    start(
        Map.of(
            HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "8",
            HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "5"));
    List<SinkRecord> events = Events.of(400, 16);

    // when
    task.put(events);

    // then every event arrived once, each key's in order, with several requests at once
    List<LocalEndpoint.Request> requests = endpoint.drain();
    assertThat(Events.delivered(requests)).hasSize(400).doesNotHaveDuplicates();
    assertThat(Events.firstDeliveriesByKey(requests))
        .hasSize(16)
        .allSatisfy((key, seqs) -> assertThat(seqs).as(key).isSorted().hasSize(25));
    assertThat(endpoint.mostInFlight()).isBetween(2, 8);
  }

  @Test
  void shouldDeliverEveryEventInEachKeysOrderThroughBurstsOf5xxAndResets() {
    // given an endpoint that answers 503 three times, drops two connections, then 500 twice
    endpoint.latency(Duration.ofMillis(5));
    endpoint.answer(503, "busy");
    endpoint.answer(503, "busy");
    endpoint.answer(503, "busy");
    endpoint.reset();
    endpoint.reset();
    endpoint.answer(500, "oops");
    endpoint.answer(500, "oops");
    start(
        Map.of(
            HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "4",
            HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "3"));
    List<SinkRecord> events = Events.of(120, 10);

    // when the batch is handed over again after each retriable failure, as Connect does
    List<RuntimeException> failures = putAsConnectDoes(events, 20);

    // then it failed, then got through; every event arrived, each key's first deliveries in order
    assertThat(failures).isNotEmpty().hasSizeLessThan(20);
    List<LocalEndpoint.Request> requests = endpoint.drain();
    assertThat(Events.delivered(requests))
        .containsAll(IntStream.range(0, 120).mapToObj(i -> "e-" + i).toList());
    assertThat(Events.firstDeliveriesByKey(requests))
        .allSatisfy((key, seqs) -> assertThat(seqs).as(key).isSorted().hasSize(12));
  }

  @Test
  void shouldRetryEveryEventOfARequestAnsweredTooSlowlyWhileOthersWereInFlight() {
    // given four lanes, requests timing out after 300 ms, and one answer coming after 2 s
    endpoint.latency(Duration.ofMillis(5));
    endpoint.answer(200, "");
    endpoint.answerSlowly(Duration.ofSeconds(2));
    start(
        Map.of(
            HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "4",
            HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "2",
            HttpSinkConfig.TIMEOUT_MS_CONFIG, "300"));
    List<SinkRecord> events = Events.of(40, 8);

    // when / then the first put fails as retriable, naming the timeout
    assertThatThrownBy(() -> task.put(events))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("no answer within 300 ms");

    // and handed over again, as Connect does after each retriable failure (on a loaded machine
    // another answer may come later than 300 ms), every event arrives, each key's in order
    assertThat(putAsConnectDoes(events, 20)).as("puts that failed again").hasSizeLessThan(20);
    List<LocalEndpoint.Request> requests = endpoint.drain();
    assertThat(Events.delivered(requests))
        .containsAll(IntStream.range(0, 40).mapToObj(i -> "e-" + i).toList());
    assertThat(Events.firstDeliveriesByKey(requests))
        .allSatisfy((key, seqs) -> assertThat(seqs).as(key).isSorted().hasSize(5));
  }

  @Test
  void shouldThrowTheFailureOfTheFirstRecordWhoseRequestFailed() {
    // given one lane: the second request of three is refused
    endpoint.answer(200, "");
    endpoint.answer(422, "bad amount");
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "2"));

    // when / then
    assertThatThrownBy(() -> task.put(Events.of(6, 1)))
        .isInstanceOf(org.apache.kafka.connect.errors.DataException.class)
        .hasMessageContaining("answered 422: bad amount");
    assertThat(endpoint.drain())
        .as("the third request is not sent after the failing second")
        .hasSize(2);
  }

  /** Puts until a put passes, at most {@code attempts} times; the failures before. */
  private List<RuntimeException> putAsConnectDoes(List<SinkRecord> events, int attempts) {
    List<RuntimeException> failures = new ArrayList<>();
    for (int attempt = 0; attempt < attempts; attempt++) {
      try {
        task.put(events);
        break;
      } catch (RetriableException e) {
        failures.add(e);
      }
    }
    return failures;
  }

  private void start(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    task.start(props);
  }
}
