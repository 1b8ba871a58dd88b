package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.host.RequiresLocalDatabase.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Change data capture from MariaDB through Railyard: the Debezium MariaDB connector, installed
 * through the API from Maven Central, writes a table's changes onto a bus as CloudEvents, and a
 * rule's Debezium JDBC sink target keeps a PostgreSQL table equal to it. Needs MariaDB with a
 * row-based binary log and PostgreSQL ({@code scripts/test-prerequisites.sh}).
 */
@RequiresLocalDatabase({Server.MARIADB, Server.POSTGRESQL})
@WithPlatform(workers = 1)
class CdcMariaDbIT {

  static final String DEBEZIUM_MARIADB = "io.debezium:debezium-connector-mariadb:3.5.0.Final";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldMakeAPostgresTableConvergeWithAMariaDbTableThroughABusAndARule(
      ApiClient api, Platform platform, Path dataDir) throws Exception {
    assertThat(CdcMariaSource.binlog())
        .as(
            "MariaDB log_bin binlog_format binlog_row_image;"
                + " run scripts/test-prerequisites.sh")
        .isEqualTo("ON ROW FULL");
    long started = System.nanoTime();
    CdcIT.install(api, DEBEZIUM_MARIADB, "io.debezium.connector.mariadb.MariaDbConnector");
    CdcIT.install(api, CdcIT.DEBEZIUM_JDBC, "io.debezium.connector.jdbc.JdbcSinkConnector");
    System.out.printf(
        "CdcMariaDbIT: Debezium MariaDB and JDBC sink ready in %.1f s%n",
        (System.nanoTime() - started) / 1e9);

    try (Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()));
        CdcMariaSource maria = new CdcMariaSource();
        CdcMariaReplica pg = new CdcMariaReplica(maria.table)) {
      // given a table with rows, a schema history topic, and a rule whose targets are a file
      // (every event) and PostgreSQL (the rows' new state)
      admin
          .createTopics(
              List.of(
                  new NewTopic(maria.historyTopic, 1, (short) 1)
                      .configs(
                          Map.of(
                              "cleanup.policy",
                              "delete",
                              "retention.ms",
                              "-1",
                              "retention.bytes",
                              "-1"))))
          .all()
          .get(30, TimeUnit.SECONDS);
      String bus = "maria-" + maria.run;
      Path events = dataDir.resolve("maria-" + maria.run + ".jsonl");
      maria.insert(1, "one", 10);
      maria.insert(2, "two", 20);
      maria.insert(3, "three", 30);
      ApiClient.Response applied =
          api.post(
              "/api/v1/rules:apply?file=maria.yaml",
              """
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: mariadb-to-postgres-%1$s}
          spec:
            bus: %2$s
            pattern: {source: [{prefix: "/debezium/mariadb/%3$s"}], iodebeziumtable: ["%4$s"]}
            transform: {inputPath: "$.data"}
            targets:
              %5$s
          ---
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: mariadb-events-%1$s}
          spec:
            bus: %2$s
            pattern: {source: [{prefix: "/debezium/mariadb/%3$s"}]}
            targets:
              - name: file
                config: {connector.class: FileStreamSink, file: "%6$s"}
          """
                  .formatted(
                      maria.run,
                      bus,
                      maria.prefix,
                      maria.table,
                      CdcRules.jdbcSinkTarget(
                          "postgres", CdcMariaReplica.URL, CdcPostgres.USER, pg.table),
                      events));
      assertThat(applied.status()).as(applied.body()).isEqualTo(200);

      // when a Debezium MariaDB source captures the table onto the bus, schemas kept
      String connector = "maria-source-" + maria.run;
      try {
        ApiClient.Response created =
            api.put(
                "/api/v1/connectors/" + connector,
                JSON.writeValueAsString(sourceConfig(maria, platform.bootstrapServers(), bus)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ConnectorsApiIT.awaitState(api, connector, "RUNNING");
        try {
          await("the snapshot of MariaDB " + maria.table + " in PostgreSQL")
              .atMost(Duration.ofSeconds(120))
              .until(() -> pg.rows().equals(maria.rows()));
        } catch (ConditionTimeoutException e) {
          System.out.println("CdcMariaDbIT: connectors " + api.get("/api/v1/connectors").body());
          System.out.println("CdcMariaDbIT: rules " + api.get("/api/v1/rules").body());
          System.out.println("CdcMariaDbIT: events " + CdcIT.linesOf(events));
          throw e;
        }

        // and rows are inserted, updated and deleted
        for (int id = 4; id <= 10; id++) {
          maria.insert(id, "row" + id, id * 10);
        }
        maria.update(2, "two-v2", 21);
        maria.update(4, "row4-v2", 41);
        maria.update(4, "row4-v3", 42);
        maria.delete(3);
        maria.delete(5);
        maria.insert(5, "row5-again", 55);
        long changed = System.nanoTime();

        // then the PostgreSQL table converges to the MariaDB one
        Map<Integer, String> expected = maria.rows();
        assertThat(expected)
            .hasSize(9)
            .containsEntry(4, "row4-v3/42")
            .doesNotContainKey(3)
            .containsEntry(5, "row5-again/55");
        await("PostgreSQL " + pg.table + " equal to MariaDB " + maria.table)
            .atMost(Duration.ofSeconds(120))
            .until(() -> pg.rows().equals(expected));
        System.out.printf(
            "CdcMariaDbIT: 13 changes made, PostgreSQL converged %.1f s after the" + " last%n",
            (System.nanoTime() - changed) / 1e9);

        // and every change went over the bus once: 3 snapshot reads, 8 inserts, 3 updates,
        // 2 deletes
        Map<String, Long> in = new TreeMap<>(Map.of("r", 3L, "c", 8L, "u", 3L, "d", 2L));
        await("16 events in " + events)
            .atMost(Duration.ofSeconds(60))
            .until(() -> CdcIT.linesOf(events).size() >= 16);
        List<JsonNode> out = CdcIT.linesOf(events);
        System.out.printf(
            "CdcMariaDbIT: %d changes in, %d events out; first: %s%n",
            in.values().stream().mapToLong(Long::longValue).sum(), out.size(), out.get(0));
        assertThat(out)
            .allSatisfy(
                event -> {
                  assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                  assertThat(event.path("source").asText())
                      .startsWith("/debezium/mariadb/" + maria.prefix);
                  assertThat(event.path("iodebeziumtable").asText()).isEqualTo(maria.table);
                });
        Map<String, Long> perOperation =
            out.stream()
                .collect(
                    Collectors.groupingBy(
                        event -> event.path("iodebeziumop").asText(),
                        TreeMap::new,
                        Collectors.counting()));
        assertThat(perOperation).isEqualTo(in);
      } finally {
        api.delete("/api/v1/connectors/" + connector);
        admin.deleteTopics(List.of(maria.historyTopic)).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** A Debezium MariaDB source whose change events land on {@code bus} as CloudEvents. */
  static Map<String, String> sourceConfig(
      CdcMariaSource maria, String bootstrapServers, String bus) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
    config.put("database.hostname", CdcMariaSource.HOST);
    config.put("database.port", String.valueOf(CdcMariaSource.PORT));
    config.put("database.user", CdcMariaDb.USER);
    config.put("database.password", "");
    config.put("database.server.id", String.valueOf(maria.serverId));
    config.put("topic.prefix", maria.prefix);
    config.put("database.include.list", CdcMariaSource.DATABASE);
    config.put("table.include.list", CdcMariaSource.DATABASE + "." + maria.table);
    config.put("schema.history.internal.kafka.bootstrap.servers", bootstrapServers);
    config.put("schema.history.internal.kafka.topic", maria.historyTopic);
    config.put("schema.history.internal.store.only.captured.tables.ddl", "true");
    // schema changes would go to the topic named after the prefix, i.e. onto the bus
    config.put("include.schema.changes", "false");
    config.put("snapshot.mode", "initial");
    config.put("tombstones.on.delete", "false");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "true");
    config.put("value.converter", "io.debezium.converters.CloudEventsConverter");
    config.put("value.converter.serializer.type", "json");
    config.put("value.converter.data.serializer.type", "json");
    config.put("value.converter.json.schemas.enable", "true");
    config.put("transforms", "toBus");
    config.put("transforms.toBus.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.toBus.regex", ".*");
    config.put("transforms.toBus.replacement", "railyard.bus." + bus);
    return config;
  }
}
