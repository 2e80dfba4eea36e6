#!/usr/bin/env bash
# Debian packages the test suite needs: a PostgreSQL server (tests start a throwaway cluster
# on 127.0.0.1), Chromium (renders the HTML digest to a screenshot) and redis-server (the
# distributed backfill's shared queue; tests and `backfill --workers N` start their own). Idempotent.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${need[*]} (run as root, or: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The Debian packages start their own cluster on 5432 and a redis-server on 6379 (when an init
# system runs); the tests start their own on free ports.
