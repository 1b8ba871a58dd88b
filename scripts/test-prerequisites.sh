#!/usr/bin/env bash
# Installs or starts what the test suite needs on this machine, so that `./railyard test` works on
# a fresh machine. Idempotent; prints what it does.
set -euo pipefail

say() { echo "test-prerequisites: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; exit 2
  fi
}

# Headless Chromium and its driver, from Debian's packages, for the dashboard tests.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
say "chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') ready"

# Java 17+ and Maven 3.8.7+ are checked by the build itself (maven-enforcer-plugin).
command -v mvn >/dev/null || { say "Maven (mvn) is missing: apt-get install -y maven"; exit 2; }

# PostgreSQL on 127.0.0.1:5432 with wal_level=logical, for the Debezium PostgreSQL (CDC) tests.
pg_cluster() {
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
  [ -n "$version" ] || { say "PostgreSQL is not installed (no /etc/postgresql/<version>)"; exit 2; }
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main "$1"
}
pg_sql() {
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -Atqc "$1"
  else
    as_root su postgres -c "psql -d postgres -Atqc \"$1\""
  fi
}
pg_ready() {
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  return 1
}
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  say "PostgreSQL does not answer on 127.0.0.1:5432: starting it"
  pg_cluster start
  pg_ready || { say "PostgreSQL did not answer on 127.0.0.1:5432 within 30 s"; exit 2; }
fi
if [ "$(pg_sql 'show wal_level')" != "logical" ]; then
  say "PostgreSQL has wal_level=$(pg_sql 'show wal_level'): setting it to logical and restarting"
  pg_sql 'alter system set wal_level = logical' >/dev/null
  pg_cluster restart
  pg_ready || { say "PostgreSQL did not come back on 127.0.0.1:5432 within 30 s"; exit 2; }
  [ "$(pg_sql 'show wal_level')" = "logical" ] \
    || { say "PostgreSQL still has wal_level=$(pg_sql 'show wal_level') after a restart"; exit 2; }
fi
say "PostgreSQL $(pg_sql 'show server_version') ready on 127.0.0.1:5432 (wal_level=logical)"

# MariaDB on 127.0.0.1:3306 (root, no password, database test), for the JDBC sink tests.
maria_ok() { mariadb -h 127.0.0.1 -P 3306 -uroot -e 'select 1' test >/dev/null 2>&1; }
if ! maria_ok; then
  say "MariaDB does not answer on 127.0.0.1:3306: starting it"
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 30); do maria_ok && break; sleep 1; done
  maria_ok || { say "MariaDB did not answer on 127.0.0.1:3306 within 30 s"; exit 2; }
fi

# MariaDB with a row-based binary log, for the Debezium MariaDB (CDC) tests: log_bin ON,
# binlog_format=ROW, binlog_row_image=FULL and a server_id. log_bin needs a restart.
maria_sql() { mariadb -h 127.0.0.1 -P 3306 -uroot -Nse "$1"; }
maria_binlog() { maria_sql 'select concat_ws(" ", @@log_bin, @@binlog_format, @@binlog_row_image)'; }
MARIA_BINLOG_WANTED="ON ROW FULL"
MARIA_CNF_DIR=/etc/mysql/mariadb.conf.d
MARIA_CNF="$MARIA_CNF_DIR/60-railyard-binlog.cnf"
if [ "$(maria_binlog)" != "$MARIA_BINLOG_WANTED" ]; then
  say "MariaDB has log_bin binlog_format binlog_row_image = $(maria_binlog): writing $MARIA_CNF"
  as_root mkdir -p "$MARIA_CNF_DIR"
  as_root tee "$MARIA_CNF" >/dev/null <<'CNF'
# Written by Railyard's scripts/test-prerequisites.sh: a row-based binary log for Debezium.
[mysqld]
server_id = 1
log_bin = mariadb-bin
binlog_format = ROW
binlog_row_image = FULL
binlog_expire_logs_seconds = 86400
CNF
  # Debian's my.cnf includes this directory; a stripped-down one may not.
  if ! my_print_defaults --mysqld | grep -q -- '--log[-_]bin=mariadb-bin'; then
    [ -f /etc/mysql/my.cnf ] || { say "no /etc/mysql/my.cnf to include $MARIA_CNF_DIR from"; exit 2; }
    say "adding '!includedir $MARIA_CNF_DIR/' to /etc/mysql/my.cnf"
    printf '\n!includedir %s/\n' "$MARIA_CNF_DIR" | as_root tee -a /etc/mysql/my.cnf >/dev/null
  fi
  my_print_defaults --mysqld | grep -q -- '--log[-_]bin=mariadb-bin' \
    || { say "MariaDB does not read $MARIA_CNF (see: mariadbd --help --verbose | head)"; exit 2; }
  say "restarting MariaDB"
  as_root mariadb-admin -h 127.0.0.1 -P 3306 -uroot shutdown \
    || { say "could not stop MariaDB with mariadb-admin shutdown"; exit 2; }
  for _ in $(seq 1 60); do pgrep -x mariadbd >/dev/null || break; sleep 1; done
  pgrep -x mariadbd >/dev/null && { say "MariaDB did not stop within 60 s"; exit 2; }
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 30); do maria_ok && break; sleep 1; done
  maria_ok || { say "MariaDB did not come back on 127.0.0.1:3306 within 30 s"; exit 2; }
  [ "$(maria_binlog)" = "$MARIA_BINLOG_WANTED" ] || {
    say "MariaDB still has log_bin binlog_format binlog_row_image = $(maria_binlog) after a restart"
    exit 2
  }
fi
say "MariaDB $(maria_sql 'select version()') ready on 127.0.0.1:3306" \
  "(log_bin=ON, binlog_format=ROW, binlog_row_image=FULL, server_id=$(maria_sql 'select @@server_id'))"
