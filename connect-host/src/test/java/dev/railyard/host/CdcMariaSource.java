package dev.railyard.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One uniquely named table in the local MariaDB database {@code test} that a Debezium MariaDB
 * source captures, with the server id and topic names such a connector should use; {@link #close()}
 * drops the table. Statements go through the {@code mariadb} command line client, for the reason
 * given in {@link CdcMariaDb}. Not thread-safe.
 */
final class CdcMariaSource implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final int PORT = 3306;
  static final String DATABASE = "test";

  final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String table = "cdcm_" + run;
  final String prefix = "maria" + run;
  final String historyTopic = "railyard.schema-history." + run;

  /** Unique among the clients of the server's binary log; the server itself has id 1. */
  final long serverId = 100_000 + (Long.parseLong(run.substring(0, 7), 16) % 1_000_000_000L);

  private final CdcMariaDb reader;

  CdcMariaSource() throws IOException, InterruptedException {
    sql("create table " + table + " (id int primary key, name varchar(64) not null, qty int)");
    reader = new CdcMariaDb(table);
  }

  void insert(int id, String name, int qty) throws IOException, InterruptedException {
    sql(
        "insert into "
            + table
            + " (id, name, qty) values ("
            + id
            + ", '"
            + name
            + "', "
            + qty
            + ")");
  }

  void update(int id, String name, int qty) throws IOException, InterruptedException {
    sql("update " + table + " set name = '" + name + "', qty = " + qty + " where id = " + id);
  }

  void delete(int id) throws IOException, InterruptedException {
    sql("delete from " + table + " where id = " + id);
  }

  /** The table's rows by id, as "name/qty". */
  Map<Integer, String> rows() throws IOException, InterruptedException {
    return reader.rows();
  }

  /** The server's binary log settings, as "log_bin binlog_format binlog_row_image". */
  static String binlog() throws IOException, InterruptedException {
    return sql("select concat_ws(' ', @@log_bin, @@binlog_format, @@binlog_row_image)").strip();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    reader.close();
  }

  private static String sql(String statement) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    "mariadb",
                    "-h",
                    HOST,
                    "-P",
                    String.valueOf(PORT),
                    "-u",
                    CdcMariaDb.USER,
                    "--batch",
                    "--skip-column-names",
                    "-e",
                    statement,
                    DATABASE))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("mariadb -e \"" + statement + "\" failed: " + out);
    }
    return out;
  }
}
