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

# Debian packages, installed when missing; the package lists are refreshed once per run.
APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null \
    || { say "cannot install $* without apt-get (a Debian-like system); install it by hand"; exit 2; }
  say "installing $*"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Headless Chromium and its driver, for the dashboard tests.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt_install chromium chromium-driver
fi
say "chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') ready"

# Java 17+ and Maven 3.8.7+ are checked by the build itself (maven-enforcer-plugin).
command -v mvn >/dev/null || { say "Maven (mvn) is missing: apt-get install -y maven"; exit 2; }

# PostgreSQL on 127.0.0.1:5432 with wal_level=logical, for the Debezium PostgreSQL (CDC) tests:
# user postgres without a password over TCP (trust), database test.
pg_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n1; }
if [ -z "$(pg_version)" ] || ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null; then
  apt_install postgresql
fi
[ -n "$(pg_version)" ] || { say "PostgreSQL is not installed (no /etc/postgresql/<version>)"; exit 2; }
if [ ! -d "/etc/postgresql/$(pg_version)/main" ]; then
  say "creating the PostgreSQL $(pg_version) cluster main"
  as_root pg_createcluster "$(pg_version)" main >/dev/null
fi
pg_cluster() { as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main "$1"; }
pg_tcp_ok() { psql -w -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; }
pg_sql() {
  if pg_tcp_ok; then
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
if ! pg_tcp_ok; then
  PG_HBA="$(pg_sql 'show hba_file')"
  say "PostgreSQL refuses user postgres without a password on 127.0.0.1: trusting it in $PG_HBA"
  # pg_hba.conf is read top down and the first matching line wins: the trust line goes first.
  as_root sed -i '1i host all postgres 127.0.0.1/32 trust # added by Railyard test-prerequisites.sh' \
    "$PG_HBA"
  pg_cluster reload
  pg_tcp_ok || { say "PostgreSQL still refuses user postgres on 127.0.0.1 (see $PG_HBA)"; exit 2; }
fi
if [ "$(pg_sql 'show wal_level')" != "logical" ]; then
  say "PostgreSQL has wal_level=$(pg_sql 'show wal_level'): setting it to logical and restarting"
  pg_sql 'alter system set wal_level = logical' >/dev/null
  pg_cluster restart
  pg_ready || { say "PostgreSQL did not come back on 127.0.0.1:5432 within 30 s"; exit 2; }
  [ "$(pg_sql 'show wal_level')" = "logical" ] \
    || { say "PostgreSQL still has wal_level=$(pg_sql 'show wal_level') after a restart"; exit 2; }
fi
if [ -z "$(pg_sql "select 1 from pg_database where datname = 'test'")" ]; then
  say "creating the PostgreSQL database test"
  pg_sql 'create database test' >/dev/null
fi
say "PostgreSQL $(pg_sql 'show server_version') ready on 127.0.0.1:5432" \
  "(user postgres trusted, database test, wal_level=logical)"

# MariaDB on 127.0.0.1:3306 (root, no password, database test), for the JDBC sink tests.
if [ ! -x /usr/sbin/mariadbd ] || ! command -v mariadb >/dev/null; then
  apt_install mariadb-server
fi
# mariadb-admin ping succeeds when the server answers, even if it refuses the login.
maria_up() { mariadb-admin -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; }
maria_root_ok() { mariadb -h 127.0.0.1 -P 3306 -uroot -e 'select 1' >/dev/null 2>&1; }
maria_ok() { mariadb -h 127.0.0.1 -P 3306 -uroot -e 'select 1' test >/dev/null 2>&1; }
maria_start() {
  # the socket directory is made by Debian's init scripts, which a container does not run
  [ -d /run/mysqld ] || as_root install -d -o mysql -g mysql /run/mysqld
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 30); do maria_up && return 0; sleep 1; done
  return 1
}
if ! maria_up; then
  say "MariaDB does not answer on 127.0.0.1:3306: starting it"
  maria_start || { say "MariaDB did not answer on 127.0.0.1:3306 within 30 s"; exit 2; }
fi
if ! maria_root_ok; then
  # Debian's root@localhost logs in only through the socket (unix_socket): allow no password too.
  say "MariaDB refuses root without a password on 127.0.0.1: allowing it (through the socket as root)"
  as_root mariadb -uroot -e "
    alter user 'root'@'localhost' identified via mysql_native_password using password('') or unix_socket;
    create user if not exists 'root'@'127.0.0.1' identified by '';
    grant all privileges on *.* to 'root'@'127.0.0.1' with grant option;" \
    || { say "could not change root's login through the socket (as_root mariadb -uroot)"; exit 2; }
  maria_root_ok || { say "MariaDB still refuses root without a password on 127.0.0.1"; exit 2; }
fi
if ! maria_ok; then
  say "creating the MariaDB database test"
  mariadb -h 127.0.0.1 -P 3306 -uroot -e 'create database if not exists test'
  maria_ok || { say "MariaDB still has no database test for root on 127.0.0.1"; exit 2; }
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
  maria_start && maria_ok || { say "MariaDB did not come back on 127.0.0.1:3306 within 30 s"; exit 2; }
  [ "$(maria_binlog)" = "$MARIA_BINLOG_WANTED" ] || {
    say "MariaDB still has log_bin binlog_format binlog_row_image = $(maria_binlog) after a restart"
    exit 2
  }
fi
say "MariaDB $(maria_sql 'select version()') ready on 127.0.0.1:3306" \
  "(log_bin=ON, binlog_format=ROW, binlog_row_image=FULL, server_id=$(maria_sql 'select @@server_id'))"

# The tools the connector tests run for real: logrotate (the log source's rotations), logger
# (syslog), zcat and zstdcat (the log sink's rolled files), kubectl (a second client of the mock
# Kubernetes API server).
need_tool() { command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] || apt_install "$2"; }
need_tool logrotate logrotate
need_tool logger bsdutils
need_tool zstdcat zstd
need_tool zcat gzip
command -v kubectl >/dev/null || say "kubectl is missing: the Kubernetes tests that use it say so and skip that part"
say "logrotate, logger, zcat, zstdcat ready"

# RabbitMQ on 127.0.0.1:5672 (guest/guest), for the Camel connector tests.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! port_open 5672; then
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  say "RabbitMQ does not answer on 127.0.0.1:5672: starting it"
  as_root rabbitmq-server -detached
  for _ in $(seq 1 60); do port_open 5672 && break; sleep 1; done
  port_open 5672 || { say "RabbitMQ did not answer on 127.0.0.1:5672 within 60 s"; exit 2; }
fi
say "RabbitMQ ready on 127.0.0.1:5672"
