package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpSinkTaskTest {

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();

  private final HttpSinkTask task = new HttpSinkTask();
  private long offset;

  @AfterEach
  void stopTask() {
    task.stop();
  }

  @Test
  void shouldSendEachValueInOrderWithItsHeaders() throws Exception {
    // given
    start(Map.of(HttpSinkConfig.HEADERS_CONFIG, "X-Team: billing, Authorization: Bearer a:b"));
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("railyard.event.id", "evt-1");
    headers.addString("railyard.rule", "paid-orders");
    headers.addString("traceparent", "00-abc-def-01");

    // when
    task.put(
        List.of(
            record("{\"id\":\"evt-1\"}", headers),
            record(null, new ConnectHeaders()),
            record("{\"id\":\"evt-2\"}".getBytes(StandardCharsets.UTF_8), new ConnectHeaders()),
            record("{\"id\":\"évt-3\"}", new ConnectHeaders())));

    // then
    LocalEndpoint.Request first = endpoint.next();
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/hooks/orders");
    assertThat(first.body()).isEqualTo("{\"id\":\"evt-1\"}");
    assertThat(first.headers().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(first.headers().getFirst("X-Team")).isEqualTo("billing");
    assertThat(first.headers().getFirst("Authorization")).isEqualTo("Bearer a:b");
    assertThat(first.headers().getFirst("X-Railyard-Event-Id")).isEqualTo("evt-1");
    assertThat(first.headers().getFirst("X-Railyard-Rule")).isEqualTo("paid-orders");
    assertThat(first.headers()).doesNotContainKey("Traceparent");
    assertThat(endpoint.next().body()).isEqualTo("{\"id\":\"evt-2\"}");
    assertThat(endpoint.next().body()).isEqualTo("{\"id\":\"évt-3\"}");
    assertThat(endpoint.pending()).as("requests beyond the three values").isZero();
  }

  @Test
  void shouldSendWithTheConfiguredMethodAndContentType() throws Exception {
    // given
    start(
        Map.of(
            HttpSinkConfig.METHOD_CONFIG,
            "PUT",
            HttpSinkConfig.CONTENT_TYPE_CONFIG,
            "text/plain; charset=utf-8"));

    // when
    task.put(List.of(record("hello", new ConnectHeaders())));

    // then
    LocalEndpoint.Request request = endpoint.next();
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.headers().getFirst("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(request.body()).isEqualTo("hello");
  }

  @Test
  void shouldSendTheSecretAuthorizationWithEveryRequest() throws Exception {
    // given
    start(Map.of(HttpSinkConfig.AUTHORIZATION_CONFIG, "Bearer s3cret"));

    // when
    task.put(List.of(record("{}", new ConnectHeaders())));

    // then
    assertThat(endpoint.next().headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
  }

  @Test
  void shouldRetryWhenTheEndpointIsUnavailable() throws Exception {
    // given
    start(Map.of());
    endpoint.answer(503, "down for maintenance");

    // when / then
    assertThatThrownBy(() -> task.put(List.of(record("{}", new ConnectHeaders()))))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("POST " + endpoint.url("/hooks/orders"))
        .hasMessageContaining("answered 503")
        .hasMessageContaining("down for maintenance");
    assertThat(endpoint.next().body()).isEqualTo("{}");
  }

  @Test
  void shouldRefuseARecordTheEndpointRejectsWithAnExcerptOfItsAnswer() {
    // given
    start(Map.of());
    endpoint.answer(400, "{\"error\": \"amount must be positive\"}\n" + "x".repeat(1000));

    // when / then
    assertThatThrownBy(() -> task.put(List.of(record("{}", new ConnectHeaders()))))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(endpoint.url("/hooks/orders").toString())
        .hasMessageContaining("answered 400")
        .hasMessageContaining("amount must be positive")
        .hasMessageContaining("refuses this record")
        .hasMessageNotContaining("x".repeat(HttpResponses.EXCERPT_CHARS));
  }

  @Test
  void shouldStopAtTheFailingRecordSoTheRestIsNotSentOutOfOrder() throws Exception {
    // given
    start(Map.of());
    endpoint.answer(200, "");
    endpoint.answer(500, "oops");

    // when / then
    assertThatThrownBy(
            () ->
                task.put(
                    List.of(
                        record("one", new ConnectHeaders()),
                        record("two", new ConnectHeaders()),
                        record("three", new ConnectHeaders()))))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("answered 500");
    assertThat(endpoint.next().body()).isEqualTo("one");
    assertThat(endpoint.next().body()).isEqualTo("two");
    assertThat(endpoint.pending()).as("requests after the failing one").isZero();
  }

  @Test
  void shouldRetryWhenNothingListens() throws IOException {
    // given a port that was free a moment ago
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/hooks/orders";
    Map<String, String> props = new HashMap<>(Map.of(HttpSinkConfig.URL_CONFIG, url));
    task.start(props);

    // when / then
    assertThatThrownBy(() -> task.put(List.of(record("{}", new ConnectHeaders()))))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("POST " + url + " failed");
  }

  @Test
  void shouldSendAgainAtOnceWhenAKeptAliveConnectionWasClosedUnderIt() throws Exception {
    // given a server that answers the first request on a connection, keeps it open, then drops
    // the connection when the second request arrives on it, as an idle-timeout would
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread serving =
          new Thread(
              () -> {
                try {
                  while (!server.isClosed()) {
                    try (java.net.Socket socket = server.accept()) {
                      var in =
                          new java.io.BufferedReader(
                              new java.io.InputStreamReader(
                                  socket.getInputStream(),
                                  java.nio.charset.StandardCharsets.UTF_8));
                      for (int n = 0; ; n++) {
                        String body = readRequest(in);
                        if (body == null) {
                          break;
                        }
                        received.add(body);
                        if (n == 1) {
                          break; // the second request on this connection: drop it unanswered
                        }
                        socket
                            .getOutputStream()
                            .write(
                                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        socket.getOutputStream().flush();
                      }
                    }
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      serving.setDaemon(true);
      serving.start();
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/hooks/orders";
      task.start(new HashMap<>(Map.of(HttpSinkConfig.URL_CONFIG, url)));

      // when two records are sent
      task.put(List.of(record("one", new ConnectHeaders()), record("two", new ConnectHeaders())));

      // then both arrived, the second after it was dropped once, and no exception reached Connect
      assertThat(received).containsExactly("one", "two", "two");
    }
  }

  // one request's body (Content-Length framed), or null when the connection ended
  private static String readRequest(java.io.BufferedReader in) throws IOException {
    int length = 0;
    String line = in.readLine();
    if (line == null) {
      return null;
    }
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    char[] body = new char[length];
    int read = 0;
    while (read < length) {
      int n = in.read(body, read, length - read);
      if (n < 0) {
        return null;
      }
      read += n;
    }
    return new String(body);
  }

  @Test
  void shouldRetryWhenTheEndpointDoesNotAnswerInTime() throws Exception {
    // given
    start(Map.of(HttpSinkConfig.TIMEOUT_MS_CONFIG, "300"));
    endpoint.holdAnswers();

    // when / then
    assertThatThrownBy(() -> task.put(List.of(record("{}", new ConnectHeaders()))))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("no answer within 300 ms");
    assertThat(endpoint.next().body()).isEqualTo("{}");
  }

  @Test
  void shouldRefuseAValueThatIsNeitherBytesNorText() {
    // given
    start(Map.of());
    Schema schema = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
    Struct struct = new Struct(schema).put("id", "evt-1");

    // when / then
    assertThatThrownBy(() -> task.put(List.of(record(struct, new ConnectHeaders()))))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("not Struct")
        .hasMessageContaining("org.apache.kafka.connect.storage.StringConverter")
        .hasMessageContaining("org.apache.kafka.connect.converters.ByteArrayConverter");
    assertThatThrownBy(() -> task.put(List.of(record(Map.of("id", 1), new ConnectHeaders()))))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("value.converter");
    assertThat(endpoint.pending()).as("requests for values that cannot be sent").isZero();
  }

  private void start(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    task.start(props);
  }

  private SinkRecord record(Object value, ConnectHeaders headers) {
    return new SinkRecord(
        "railyard.to.paid-orders.hook",
        0,
        Schema.OPTIONAL_STRING_SCHEMA,
        "key",
        null,
        value,
        offset++,
        null,
        null,
        headers);
  }
}
