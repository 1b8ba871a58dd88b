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
say "MariaDB $(mariadb -h 127.0.0.1 -uroot -Nse 'select version()') ready on 127.0.0.1:3306"
