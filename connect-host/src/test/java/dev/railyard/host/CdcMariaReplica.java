package dev.railyard.host;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table name in the local PostgreSQL database {@code test} that a JDBC sink creates and fills;
 * {@link #close()} drops the table. Not thread-safe.
 */
final class CdcMariaReplica implements AutoCloseable {

  static final String URL =
      "jdbc:postgresql://" + CdcPostgres.HOST + ":" + CdcPostgres.PORT + "/" + CdcPostgres.DATABASE;

  final String table;
  private final Connection connection;

  CdcMariaReplica(String table) throws SQLException {
    this.table = table;
    connection = DriverManager.getConnection(URL, CdcPostgres.USER, "");
  }

  /** The table's rows by id, as "name/qty"; empty while the table does not exist. */
  Map<Integer, String> rows() throws SQLException {
    Map<Integer, String> rows = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet exists = s.executeQuery("select to_regclass('public." + table + "')")) {
      exists.next();
      if (exists.getString(1) == null) {
        return rows;
      }
    }
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("select id, name, qty from " + table + " order by id")) {
      while (r.next()) {
        rows.put(r.getInt(1), r.getString(2) + "/" + r.getInt(3));
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("drop table if exists " + table);
    } finally {
      connection.close();
    }
  }
}
