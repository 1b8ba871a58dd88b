package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.host.RequiresLocalDatabase.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Change data capture through Railyard: the Debezium PostgreSQL connector, installed through the
 * API from Maven Central, writes CloudEvents onto a bus, and a rule routes them to a target: a
 * file, and the Debezium JDBC sink writing into MariaDB. Needs PostgreSQL with {@code
 * wal_level=logical} and MariaDB ({@code scripts/test-prerequisites.sh}).
 */
@RequiresLocalDatabase({Server.POSTGRESQL, Server.MARIADB})
@WithPlatform(workers = 1)
class CdcIT {

  static final String DEBEZIUM_POSTGRES = "io.debezium:debezium-connector-postgres:3.6.1.Final";
  static final String DEBEZIUM_JDBC = "io.debezium:debezium-connector-jdbc:3.5.0.Final";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRouteInsertsUpdatesAndDeletesOfAPostgresTableInOrderPerRow(ApiClient api, Path dataDir)
      throws Exception {
    long started = System.nanoTime();
    install(api, DEBEZIUM_POSTGRES, "io.debezium.connector.postgresql.PostgresConnector");
    System.out.printf(
        "CdcIT: Debezium PostgreSQL installed and workers rolled in %.1f s%n",
        (System.nanoTime() - started) / 1e9);

    try (CdcPostgres pg = new CdcPostgres()) {
      // given a table with rows already in it, and a rule on the bus its changes go to
      String bus = "cdc-" + pg.run;
      String prefix = "pg" + pg.run;
      Path file = dataDir.resolve("changes.jsonl");
      Path deletes = dataDir.resolve("deletes.jsonl");
      pg.insert(1, "one", 10);
      pg.insert(2, "two", 20);
      pg.insert(3, "three", 30);
      ApiClient.Response applied =
          api.post(
              "/api/v1/rules:apply?file=cdc.yaml",
              """
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: pg-changes-%1$s}
          spec:
            bus: %2$s
            pattern: {source: [{prefix: "/debezium/postgresql/%3$s"}]}
            targets:
              - name: file
                config: {connector.class: FileStreamSink, file: "%4$s"}
          ---
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: pg-deletes-%1$s}
          spec:
            bus: %2$s
            pattern:
              source: [{prefix: "/debezium/postgresql/%3$s"}]
              iodebeziumtable: ["%5$s"]
              iodebeziumop: ["d"]
            transform: {inputPath: "$.data"}
            targets:
              - name: file
                config: {connector.class: FileStreamSink, file: "%6$s"}
          """
                  .formatted(pg.run, bus, prefix, file, pg.table, deletes));
      assertThat(applied.status()).as(applied.body()).isEqualTo(200);

      // when a Debezium source captures it onto the bus as CloudEvents
      String connector = "pg-source-" + pg.run;
      try {
        ApiClient.Response created =
            api.put(
                "/api/v1/connectors/" + connector,
                JSON.writeValueAsString(sourceConfig(pg, prefix, bus, false)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ConnectorsApiIT.awaitState(api, connector, "RUNNING");
        await("replication slot " + pg.slot + " created")
            .atMost(Duration.ofSeconds(60))
            .until(pg::slotExists);

        // and rows are inserted, updated and deleted
        for (int id = 4; id <= 10; id++) {
          pg.insert(id, "row" + id, id * 10);
        }
        pg.update(2, "two-v2", 21);
        pg.update(4, "row4-v2", 41);
        pg.update(6, "row6-v2", 61);
        pg.update(4, "row4-v3", 42);
        pg.delete(3);
        pg.delete(5);

        // then the target receives every change, in order per row, with the right values
        Map<Integer, List<String>> expected = new LinkedHashMap<>();
        expected.put(1, List.of("r one/10"));
        expected.put(2, List.of("r two/20", "u two-v2/21"));
        expected.put(3, List.of("r three/30", "d three/30"));
        expected.put(4, List.of("c row4/40", "u row4-v2/41", "u row4-v3/42"));
        expected.put(5, List.of("c row5/50", "d row5/50"));
        expected.put(6, List.of("c row6/60", "u row6-v2/61"));
        for (int id = 7; id <= 10; id++) {
          expected.put(id, List.of("c row" + id + "/" + id * 10));
        }
        int in = expected.values().stream().mapToInt(List::size).sum();
        long changed = System.nanoTime();
        await(in + " change events in " + file)
            .atMost(Duration.ofSeconds(120))
            .until(() -> linesOf(file).size() >= in);
        List<JsonNode> out = linesOf(file);
        System.out.printf(
            "CdcIT: %d changes made, %d events delivered, last one %.1f s after"
                + " the last change; first: %s%n",
            in, out.size(), (System.nanoTime() - changed) / 1e9, out.get(0));
        assertThat(out).hasSize(in);
        assertThat(out)
            .allSatisfy(
                event -> {
                  assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                  assertThat(event.path("source").asText())
                      .startsWith("/debezium/postgresql/" + prefix);
                  assertThat(event.path("iodebeziumtable").asText()).isEqualTo(pg.table);
                });
        assertThat(changesPerRow(out)).isEqualTo(expected);

        // and a rule on the operation receives only the deletes, as their data
        await("2 deletes in " + deletes)
            .atMost(Duration.ofSeconds(60))
            .until(() -> linesOf(deletes).size() >= 2);
        assertThat(linesOf(deletes))
            .map(JsonNode::toString)
            .containsExactlyInAnyOrder(
                "{\"before\":{\"id\":3,\"name\":\"three\",\"qty\":30},\"after\":null}",
                "{\"before\":{\"id\":5,\"name\":\"row5\",\"qty\":50},\"after\":null}");
      } finally {
        api.delete("/api/v1/connectors/" + connector);
      }
    }
  }

  @Test
  void shouldMakeAMariaDbTableConvergeWithAPostgresTableThroughABusAndARule(ApiClient api)
      throws Exception {
    long started = System.nanoTime();
    install(api, DEBEZIUM_POSTGRES, "io.debezium.connector.postgresql.PostgresConnector");
    install(api, DEBEZIUM_JDBC, "io.debezium.connector.jdbc.JdbcSinkConnector");
    System.out.printf(
        "CdcIT: Debezium PostgreSQL and JDBC sink ready in %.1f s%n",
        (System.nanoTime() - started) / 1e9);

    try (CdcPostgres pg = new CdcPostgres();
        CdcMariaDb maria = new CdcMariaDb(pg.table)) {
      // given a table with rows, and a rule whose target writes the rows' new state to MariaDB
      String bus = "replica-" + pg.run;
      String prefix = "pg" + pg.run;
      pg.insert(1, "one", 10);
      pg.insert(2, "two", 20);
      pg.insert(3, "three", 30);
      ApiClient.Response applied =
          api.post(
              "/api/v1/rules:apply?file=replica.yaml",
              """
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: pg-to-mariadb-%1$s}
          spec:
            bus: %2$s
            pattern: {source: [{prefix: "/debezium/postgresql/%3$s"}]}
            transform: {inputPath: "$.data"}
            targets:
              %4$s
          """
                  .formatted(
                      pg.run,
                      bus,
                      prefix,
                      CdcRules.jdbcSinkTarget(
                          "mariadb", CdcMariaDb.URL, CdcMariaDb.USER, maria.table)));
      assertThat(applied.status()).as(applied.body()).isEqualTo(200);

      // when a Debezium source captures the table onto the bus, schemas kept in the events
      String connector = "pg-replica-" + pg.run;
      try {
        ApiClient.Response created =
            api.put(
                "/api/v1/connectors/" + connector,
                JSON.writeValueAsString(sourceConfig(pg, prefix, bus, true)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ConnectorsApiIT.awaitState(api, connector, "RUNNING");
        await("replication slot " + pg.slot + " created")
            .atMost(Duration.ofSeconds(60))
            .until(pg::slotExists);
        try {
          await("the snapshot of " + pg.table + " in MariaDB")
              .atMost(Duration.ofSeconds(90))
              .until(() -> maria.rows().equals(pg.rows()));
        } catch (ConditionTimeoutException e) {
          System.out.println("CdcIT: connectors " + api.get("/api/v1/connectors").body());
          System.out.println("CdcIT: rules " + api.get("/api/v1/rules").body());
          throw e;
        }

        // and rows are inserted, updated and deleted
        for (int id = 4; id <= 10; id++) {
          pg.insert(id, "row" + id, id * 10);
        }
        pg.update(2, "two-v2", 21);
        pg.update(4, "row4-v2", 41);
        pg.update(4, "row4-v3", 42);
        pg.delete(3);
        pg.delete(5);
        pg.insert(5, "row5-again", 55);
        long changed = System.nanoTime();

        // then the MariaDB table converges to the PostgreSQL one
        Map<Integer, String> expected = pg.rows();
        assertThat(expected).hasSize(9).containsEntry(4, "row4-v3/42").doesNotContainKey(3);
        await("MariaDB " + maria.table + " equal to PostgreSQL " + pg.table)
            .atMost(Duration.ofSeconds(120))
            .until(() -> maria.rows().equals(expected));
        System.out.printf(
            "CdcIT: 13 changes made, MariaDB converged %.1f s after the last%n",
            (System.nanoTime() - changed) / 1e9);
      } finally {
        api.delete("/api/v1/connectors/" + connector);
      }
    }
  }

  /** Installs a plugin from Maven coordinates and waits until the workers offer its class. */
  static void install(ApiClient api, String coordinates, String connectorClass) {
    ApiClient.Response installed =
        api.post("/api/v1/plugins", "{\"maven\": \"" + coordinates + "\"}");
    assertThat(installed.status()).as(installed.body()).isIn(200, 201);
    await("the rolling restart after installing " + coordinates)
        .atMost(Duration.ofSeconds(180))
        .until(
            () -> {
              JsonNode rollout = api.get("/api/v1/workers").json().path("rollout");
              assertThat(rollout.path("state").asText())
                  .as(rollout.toString())
                  .isNotEqualTo("FAILED");
              return rollout.path("state").asText().equals("DONE");
            });
    await(connectorClass + " offered by the workers")
        .atMost(Duration.ofSeconds(60))
        .until(() -> api.get("/connect/connector-plugins").body().contains(connectorClass));
  }

  /** A Debezium PostgreSQL source whose change events land on {@code bus} as CloudEvents. */
  static Map<String, String> sourceConfig(
      CdcPostgres pg, String prefix, String bus, boolean schemas) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    config.put("database.hostname", CdcPostgres.HOST);
    config.put("database.port", String.valueOf(CdcPostgres.PORT));
    config.put("database.user", CdcPostgres.USER);
    config.put("database.password", "");
    config.put("database.dbname", CdcPostgres.DATABASE);
    config.put("topic.prefix", prefix);
    config.put("table.include.list", "public." + pg.table);
    config.put("plugin.name", "pgoutput");
    config.put("slot.name", pg.slot);
    config.put("publication.name", pg.publication);
    config.put("publication.autocreate.mode", "filtered");
    config.put("snapshot.mode", "initial");
    // a delete is one event; a tombstone (null value) is not a CloudEvent
    config.put("tombstones.on.delete", "false");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", String.valueOf(schemas));
    config.put("value.converter", "io.debezium.converters.CloudEventsConverter");
    config.put("value.converter.serializer.type", "json");
    config.put("value.converter.data.serializer.type", "json");
    config.put("value.converter.json.schemas.enable", String.valueOf(schemas));
    config.put("transforms", "toBus");
    config.put("transforms.toBus.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.toBus.regex", ".*");
    config.put("transforms.toBus.replacement", "railyard.bus." + bus);
    return config;
  }

  /** Each row's changes as "op name/qty", in the order they arrived. */
  private static Map<Integer, List<String>> changesPerRow(List<JsonNode> events) {
    Map<Integer, List<String>> changes = new LinkedHashMap<>();
    for (JsonNode event : events) {
      JsonNode data =
          event.path("data").has("payload")
              ? event.path("data").path("payload")
              : event.path("data");
      String op = event.path("iodebeziumop").asText();
      JsonNode row = op.equals("d") ? data.path("before") : data.path("after");
      changes
          .computeIfAbsent(row.path("id").asInt(), id -> new ArrayList<>())
          .add(op + " " + row.path("name").asText() + "/" + row.path("qty").asText());
    }
    return new TreeMap<>(changes);
  }

  static List<JsonNode> linesOf(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    return lines;
  }
}
