package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.host.kafka.WorkerClientSettings;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Railyard against a broker that requires SASL/SCRAM-SHA-512 over TLS: the control plane, the
 * workers, the router, the delivery guard and the stats all reach it with the kafka.* settings, and
 * the password shows in no connector config Connect serves.
 */
class SecuredKafkaIT {

  private static final String RULE = "secured-paid";
  private static final String TARGET = "ledger";

  private static OnCluster<SecuredBroker> on;

  @BeforeAll
  static void start() throws Exception {
    on = OnCluster.start(SecuredBroker::start, 1, SecuredBroker::railyardSettings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (on != null) {
      on.close();
    }
  }

  @Test
  void shouldRefuseClientsWithoutRailyardsCredentials() throws Exception {
    // a client with a wrong password is refused by the broker
    Map<String, Object> wrong = on.cluster.clientSettings(SecuredBroker.USER, "not-the-password");
    try (Admin admin = Admin.create(quick(wrong))) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
    // a client that speaks TLS but no SASL, or plaintext, gets no answer at all
    for (Map<String, Object> settings :
        List.of(
            withProtocol(on.cluster.tlsOnly(), "SSL"),
            withProtocol(on.cluster.tlsOnly(), "PLAINTEXT"))) {
      try (Admin admin = Admin.create(quick(settings))) {
        assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .as("a client with security.protocol=" + settings.get("security.protocol"))
            .isInstanceOf(java.util.concurrent.ExecutionException.class);
      }
    }
    // and Railyard's own credentials are let in: it made its default bus there
    Map<String, Object> railyard =
        on.cluster.clientSettings(SecuredBroker.USER, on.cluster.password());
    try (Admin admin = Admin.create(quick(railyard))) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .contains("railyard.bus.default", "railyard.connect.configs");
    }
  }

  @Test
  void shouldDeliverPutEventsThroughARuleToItsTargetOnTheSecuredCluster() throws Exception {
    // given a rule on bus "secured" whose file target takes the paid orders
    Path file = on.dir.resolve("railyard/paid.jsonl");
    RuleFixtures.applyOk(
        on.api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: %s}
        spec:
          bus: secured
          pattern: {type: ["order.paid"]}
          targets:
            - name: %s
              config: {connector.class: FileStreamSink, file: "%s"}
        """
            .formatted(RULE, TARGET, file));

    // when 400 events are put, 300 of them paid orders
    Set<String> paid = new HashSet<>();
    for (int batch = 0; batch < 4; batch++) {
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 100; i++) {
        String type = i % 4 == 3 ? "order.created" : "order.paid";
        body.append(i == 0 ? "" : ",")
            .append(
                "{\"bus\":\"secured\",\"source\":\"shop\",\"type\":\"%s\",\"data\":{\"n\":%d}}"
                    .formatted(type, batch * 100 + i));
      }
      ApiClient.Response put = on.api.post("/api/v1/events", body.append("]").toString());
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(put.json().get("failedEntryCount").asInt()).as(put.body()).isZero();
      JsonNode entries = put.json().get("entries");
      for (int i = 0; i < 100; i++) {
        if (i % 4 != 3) {
          paid.add(entries.get(i).get("eventId").asText());
        }
      }
    }

    // then the target received each paid order, and only those
    await("the 300 paid orders in " + file)
        .atMost(Duration.ofSeconds(120))
        .until(() -> ids(RuleFixtures.linesOf(file)).size() >= paid.size());
    List<JsonNode> lines = RuleFixtures.linesOf(file);
    Set<String> received = ids(lines);
    assertThat(received).as("ids delivered").isEqualTo(paid);
    assertThat(lines.size() - received.size())
        .as("duplicates among " + lines.size() + " lines")
        .isZero();
    // and the router's counts came back through the stats topic
    await("the router's count of " + RULE + " in the API")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(RuleFixtures.targetStats(on.api, RULE, 0).path("matched").asInt())
                    .isEqualTo(paid.size()));
  }

  @Test
  void shouldKeepThePasswordOutOfConnectorConfigsAndInOwnerOnlyFiles() throws Exception {
    // given the rule's connectors exist
    RuleFixtures.applyOk(
        on.api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: secured-audit}
        spec:
          bus: audited
          pattern: {source: ["shop"]}
          targets:
            - name: audit
              config: {connector.class: FileStreamSink, file: "%s"}
        """
            .formatted(on.dir.resolve("railyard/audit.jsonl")));
    String router = "/connect/connectors/railyard.router.audited";
    String target = "/connect/connectors/railyard.to.secured-audit.audit";
    await("the target's tasks")
        .atMost(Duration.ofSeconds(60))
        .until(() -> on.api.get(target + "/tasks").json().size() > 0);

    // then what Connect serves holds the references, never the password
    for (String path : List.of(router + "/config", target + "/config", target + "/tasks")) {
      String body = on.api.get(path).body();
      assertThat(body)
          .as(path)
          .contains("${railyard:kafka:sasl.jaas.config}")
          .doesNotContain(on.cluster.password());
    }
    assertThat(on.api.get(router + "/tasks").body()).doesNotContain(on.cluster.password());

    // and the files that do hold it are readable by their owner only
    Path workers = on.dir.resolve("railyard/workers");
    List<Path> secretFiles;
    try (Stream<Path> files = Files.list(workers)) {
      secretFiles =
          files
              .filter(f -> f.getFileName().toString().endsWith(".properties"))
              .collect(Collectors.toList());
    }
    assertThat(secretFiles)
        .contains(workers.resolve(WorkerClientSettings.FILE_NAME))
        .hasSizeGreaterThan(1);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      for (Path f : secretFiles) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  private static Set<String> ids(List<JsonNode> lines) {
    return lines.stream().map(l -> l.path("id").asText()).collect(Collectors.toSet());
  }

  private static Map<String, Object> withProtocol(Map<String, Object> settings, String protocol) {
    Map<String, Object> s = new HashMap<>(settings);
    s.put("security.protocol", protocol);
    return s;
  }

  private static Map<String, Object> quick(Map<String, Object> settings) {
    Map<String, Object> s = new HashMap<>(settings);
    s.put("request.timeout.ms", 5000);
    s.put("default.api.timeout.ms", 10000);
    return s;
  }
}
