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
