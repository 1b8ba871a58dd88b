package dev.railyard.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One table name in the local MariaDB database {@code test} that a sink may create; {@link
 * #close()} drops the table. Queries go through the {@code mariadb} command line client: worker
 * JVMs started by tests share the test class path, and a MariaDB driver on it clashes with the one
 * inside an installed JDBC sink plugin. Not thread-safe.
 */
final class CdcMariaDb implements AutoCloseable {

  static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
  static final String USER = "root";

  final String table;

  CdcMariaDb(String table) {
    this.table = table;
  }

  /** The table's rows by id, as "name/qty"; empty while the table does not exist. */
  Map<Integer, String> rows() throws IOException, InterruptedException {
    Map<Integer, String> rows = new LinkedHashMap<>();
    String exists =
        sql(
            "select count(*) from information_schema.tables"
                + " where table_schema = 'test' and table_name = '"
                + table
                + "'");
    if (exists.strip().equals("0")) {
      return rows;
    }
    for (String line : sql("select id, name, qty from " + table + " order by id").split("\n")) {
      if (!line.isBlank()) {
        String[] columns = line.split("\t");
        rows.put(Integer.parseInt(columns[0]), columns[1] + "/" + columns[2]);
      }
    }
    return rows;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    sql("drop table if exists " + table);
  }

  private static String sql(String statement) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    "mariadb",
                    "-h",
                    "127.0.0.1",
                    "-P",
                    "3306",
                    "-u",
                    USER,
                    "--batch",
                    "--skip-column-names",
                    "-e",
                    statement,
                    "test"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("mariadb -e \"" + statement + "\" failed: " + out);
    }
    return out;
  }
}
