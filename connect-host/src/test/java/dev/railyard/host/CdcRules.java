package dev.railyard.host;

import java.util.List;

/** Rule pieces the change-data-capture ITs share. */
final class CdcRules {

  private CdcRules() {}

  /**
   * A rule target that writes each change's new row state into a table through the Debezium JDBC
   * sink; the rule must send the CloudEvent's {@code data} ({@code inputPath: "$.data"}) with
   * schemas kept, and a delete becomes a null value, which the sink deletes by key. Meant for a
   * placeholder standing where the list item starts, under {@code targets:} of a rule's {@code
   * spec} (four spaces in): the lines after the first carry that indentation.
   */
  static String jdbcSinkTarget(String name, String url, String user, String table) {
    List<String> config =
        List.of(
            "connector.class: io.debezium.connector.jdbc.JdbcSinkConnector",
            "connection.url: \"" + url + "\"",
            "connection.username: " + user,
            "connection.password: \"\"",
            "insert.mode: upsert",
            "delete.enabled: \"true\"",
            "primary.key.mode: record_key",
            "schema.evolution: basic",
            "collection.name.format: " + table,
            "key.converter: org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable: \"true\"",
            "value.converter: org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable: \"true\"",
            "transforms: after",
            "transforms.after.type: \"org.apache.kafka.connect.transforms.ExtractField$Value\"",
            "transforms.after.field: after");
    return "- name: " + name + "\n      config:\n        " + String.join("\n        ", config);
  }
}
