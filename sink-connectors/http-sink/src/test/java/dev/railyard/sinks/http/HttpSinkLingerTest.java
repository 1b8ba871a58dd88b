package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.railyard.connectors.support.LateDeliveryException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Linger: requests that wait for records of later puts, the offsets Connect may commit meanwhile,
 * and failures after put returned; time moved by the test, requests to a real endpoint.
 */
class HttpSinkLingerTest {

  private static final String TOPIC = "railyard.to.orders.hook";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();

  private final ManualTimer timer = new ManualTimer();
  private final Permits permits = new Permits();
  private final TaskContext context = new TaskContext();
  private final HttpSinkTask task = new HttpSinkTask(Clock.systemUTC(), timer, permits);

  @AfterEach
  void stopTask() {
    task.stop();
  }

  @Test
  void shouldHoldARequestThatIsNotFullUntilItsLingerIsOver() throws Exception {
    // given room for ten records a request and a linger of 500 ms
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "10"), 500);

    // when two puts hand over five records, and time passes without another put
    task.put(records(P0, "k-0", 0, 3));
    task.put(records(P0, "k-0", 3, 2));
    timer.advance(Duration.ofMillis(499));

    // then nothing was sent before the linger was over, and all five went in one request at it
    assertThat(permits.permitted()).as("requests started before the linger was over").isEmpty();
    timer.advance(Duration.ofMillis(1));
    assertThat(Events.delivered(List.of(endpoint.next())))
        .containsExactly("e-0", "e-1", "e-2", "e-3", "e-4");
    assertThat(permits.permitted()).hasSize(1);
  }

  @Test
  void shouldSendFullRequestsAtOnceAndCommitOnlyUpToTheRecordsHeld() throws Exception {
    // given four records a request and a linger that does not end during the test
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "4"), 60_000);

    // when ten records of one key are put
    task.put(records(P0, "k-0", 0, 10));

    // then two full requests went without waiting, and Connect may commit up to the two held
    assertThat(Events.delivered(List.of(endpoint.next(), endpoint.next())))
        .containsExactly("e-0", "e-1", "e-2", "e-3", "e-4", "e-5", "e-6", "e-7");
    await()
        .atMost(LocalEndpoint.WAIT)
        .untilAsserted(() -> assertThat(task.preCommit(offsets(P0, 10))).isEqualTo(offsets(P0, 8)));
    assertThat(endpoint.pending()).isZero();
  }

  @Test
  void shouldNeverAnswerAnOffsetPastARecordHeldOrInFlight() {
    // given four records of partition 0 delivered
    start(
        Map.of(
            HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "2",
            HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "2"),
        60_000);
    task.put(records(P0, "k-0", 0, 4));
    task.flush(Map.of());

    // when the endpoint stops answering and more records of partitions 0 and 1 are put
    endpoint.holdAnswers();
    task.put(records(P0, "k-0", 4, 3));
    task.put(records(P1, "k-1", 0, 2));

    // then the offsets stop at the first record not delivered of each, partition 2's pass as given
    Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>(offsets(P0, 7));
    current.putAll(offsets(P1, 2));
    current.putAll(offsets(P2, 5));
    Map<TopicPartition, OffsetAndMetadata> expected = new HashMap<>(offsets(P0, 4));
    expected.putAll(offsets(P1, 0));
    expected.putAll(offsets(P2, 5));
    assertThat(task.preCommit(current)).isEqualTo(expected);
  }

  @Test
  void shouldReportARequestThatFailedAfterPutWithEveryRecordNotDelivered() throws Exception {
    // given an endpoint refusing the first request, and full requests of three records
    endpoint.answer(503, "busy");
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "3"), 500);

    // when three records go at once and fail after put returned, as Connect keeps calling put
    task.put(records(P0, "k-0", 0, 3));
    await()
        .atMost(LocalEndpoint.WAIT)
        .until(
            () -> {
              task.put(List.of());
              return context.commitsRequested.get() > 0;
            });
    task.put(records(P0, "k-0", 3, 2));

    // then nothing more is sent, and the next preCommit names all five in their order
    assertThat(permits.permitted()).hasSize(1);
    assertThatThrownBy(() -> task.preCommit(offsets(P0, 5)))
        .isInstanceOfSatisfying(
            LateDeliveryException.class,
            e -> {
              assertThat(e.records())
                  .extracting(SinkRecord::kafkaOffset)
                  .containsExactly(0L, 1L, 2L, 3L, 4L);
              assertThat(e.getCause())
                  .isInstanceOf(RetriableException.class)
                  .hasMessageContaining("answered 503: busy");
            });
    // and the task holds none of them any more: they are the catcher's
    assertThat(task.preCommit(offsets(P0, 5))).isEqualTo(offsets(P0, 5));
    assertThat(endpoint.drain()).hasSize(1);
  }

  @Test
  void shouldNameOnlyTheRecordsOfTheFailedRequestWhenAnotherLaneDelivered() throws Exception {
    // given two lanes, the first request to arrive refused
    endpoint.answer(500, "oops");
    start(
        Map.of(
            HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "2",
            HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "2"),
        60_000);
    List<SinkRecord> records = new ArrayList<>(records(P0, "k-0", 0, 2));
    records.addAll(records(P0, keyInOtherLane("k-0", 2), 2, 2));

    // when both full requests go at once
    task.put(records);

    // then flush names the two records of the refused request, not those delivered
    LocalEndpoint.Request refused =
        List.of(endpoint.next(), endpoint.next()).stream()
            .filter(r -> r.status() == 500)
            .findFirst()
            .orElseThrow();
    List<String> refusedIds = Events.delivered(List.of(refusedAsDelivered(refused)));
    assertThatThrownBy(() -> task.flush(Map.of()))
        .isInstanceOfSatisfying(
            LateDeliveryException.class,
            e ->
                assertThat(e.records())
                    .extracting(r -> Events.delivered(List.of(bodyOf(r))).get(0))
                    .containsExactlyElementsOf(refusedIds));
  }

  @Test
  void shouldDropTheRecordsOfARevokedPartitionWithoutCommittingThem() throws Exception {
    // given records of partitions 0 and 1 held
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "10"), 60_000);
    task.put(records(P0, "k-0", 0, 3));
    task.put(records(P1, "k-1", 3, 3));
    Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>(offsets(P0, 3));
    current.putAll(offsets(P1, 6));
    Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(current);

    // when partition 0 is taken away, then the rest is flushed
    task.close(Set.of(P0));
    task.flush(Map.of());

    // then Connect committed none of them, and only partition 1's went
    assertThat(committed.get(P0).offset()).isZero();
    assertThat(committed.get(P1).offset()).isEqualTo(3);
    assertThat(Events.delivered(List.of(endpoint.next()))).containsExactly("e-3", "e-4", "e-5");
    assertThat(endpoint.pending()).isZero();
  }

  @Test
  void shouldSendNothingOnceStoppedWithARequestHeld() {
    start(Map.of(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "10"), 500);
    task.put(records(P0, "k-0", 0, 3));
    Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(offsets(P0, 3));

    task.stop();
    timer.advance(Duration.ofSeconds(1));

    assertThat(committed).isEqualTo(offsets(P0, 0));
    assertThat(permits.permitted()).isEmpty();
  }

  @Test
  void shouldRefuseANegativeLingerNamingTheKey() {
    Map<String, String> props =
        Map.of(
            HttpSinkConfig.URL_CONFIG,
            "http://127.0.0.1:1/hooks",
            HttpSinkConfig.BATCH_LINGER_MS_CONFIG,
            "-1");

    assertThatThrownBy(() -> new HttpSinkConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.batch.linger.ms")
        .hasMessageContaining("at least 0");
  }

  private void start(Map<String, String> extra, int lingerMs) {
    Map<String, String> props = new HashMap<>(extra);
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    props.put(HttpSinkConfig.BATCH_LINGER_MS_CONFIG, String.valueOf(lingerMs));
    task.initialize(context);
    task.start(props);
  }

  /** {@code n} events of one key and partition from {@code first}, their ids e-{offset}. */
  private static List<SinkRecord> records(TopicPartition at, String key, int first, int n) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String value = "{\"id\":\"e-" + i + "\",\"key\":\"" + key + "\",\"seq\":" + i + "}";
      records.add(
          new SinkRecord(at.topic(), at.partition(), Schema.STRING_SCHEMA, key, null, value, i));
    }
    return records;
  }

  /** A key whose records go in another of {@code lanes} lanes than {@code key}'s. */
  private static String keyInOtherLane(String key, int lanes) {
    int lane = Batches.laneOf(records(P0, key, 0, 1).get(0), lanes);
    for (int i = 1; ; i++) {
      String other = "k-" + i;
      if (Batches.laneOf(records(P0, other, 0, 1).get(0), lanes) != lane) {
        return other;
      }
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(TopicPartition at, long offset) {
    return Map.of(at, new OffsetAndMetadata(offset));
  }

  private static LocalEndpoint.Request refusedAsDelivered(LocalEndpoint.Request r) {
    return new LocalEndpoint.Request(
        r.method(), r.path(), r.headers(), r.bytes(), r.arrived(), 200);
  }

  private static LocalEndpoint.Request bodyOf(SinkRecord record) {
    return new LocalEndpoint.Request(
        "POST", "/", null, String.valueOf(record.value()).getBytes(), 0, 200);
  }
}
