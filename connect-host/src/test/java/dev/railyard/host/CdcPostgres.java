package dev.railyard.host;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One uniquely named table in the local PostgreSQL database {@code test}, with the replication slot
 * and publication names a Debezium connector on it should use; {@link #close()} drops all three.
 * Not thread-safe.
 */
final class CdcPostgres implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  static final String DATABASE = "test";
  static final String USER = "postgres";

  final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String table = "cdc_" + run;
  final String slot = "railyard_slot_" + run;
  final String publication = "railyard_pub_" + run;
  private final Connection connection;

  CdcPostgres() throws SQLException {
    connection =
        DriverManager.getConnection(
            "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, USER, "");
    execute("create table " + table + " (id integer primary key, name text not null, qty integer)");
    // deletes and updates then carry the whole old row, not only its key
    execute("alter table " + table + " replica identity full");
  }

  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  void insert(int id, String name, int qty) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("insert into " + table + " (id, name, qty) values (?, ?, ?)")) {
      s.setInt(1, id);
      s.setString(2, name);
      s.setInt(3, qty);
      s.executeUpdate();
    }
  }

  void update(int id, String name, int qty) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("update " + table + " set name = ?, qty = ? where id = ?")) {
      s.setString(1, name);
      s.setInt(2, qty);
      s.setInt(3, id);
      s.executeUpdate();
    }
  }

  void delete(int id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("delete from " + table + " where id = ?")) {
      s.setInt(1, id);
      s.executeUpdate();
    }
  }

  /** The table's rows by id, as "name/qty". */
  Map<Integer, String> rows() throws SQLException {
    Map<Integer, String> rows = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("select id, name, qty from " + table + " order by id")) {
      while (r.next()) {
        rows.put(r.getInt(1), r.getString(2) + "/" + r.getInt(3));
      }
    }
    return rows;
  }

  /** Whether the connector's replication slot exists, i.e. changes from now on are streamed. */
  boolean slotExists() throws SQLException {
    return count("select count(*) from pg_replication_slots where slot_name = '" + slot + "'") > 0;
  }

  private long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Drops the slot (once no connector holds it), the publication and the table. */
  @Override
  public void close() throws SQLException {
    try {
      await("replication slot " + slot + " released by its connector")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  count(
                          "select count(*) from "
                              + "pg_replication_slots where slot_name = '"
                              + slot
                              + "' and active")
                      == 0);
      if (slotExists()) {
        execute("select pg_drop_replication_slot('" + slot + "')");
      }
      execute("drop publication if exists " + publication);
      execute("drop table if exists " + table);
    } finally {
      connection.close();
    }
  }
}
