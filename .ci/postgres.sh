#!/usr/bin/env bash
# Prints a TEST_DATABASE_URL for the PostgreSQL tests. Uses the server this kind of machine starts on
# 127.0.0.1:5432 (trust auth, database `test`); when none answers, installs Debian's postgresql, starts a
# cluster on loopback with trust auth for local connections and creates the `test` database.
# Needs node_modules (the probe uses the pg client). Messages go to stderr; only the URL goes to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

probe() {
  node -e '
    const pg = require("pg");
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.on("error", () => {});
    client.connect().then(() => client.query("SELECT 1")).then(() => client.end()).then(() => process.exit(0), () => process.exit(1));
  ' "$1"
}

find_url() {
  for role in postgres root "$(id -un)"; do
    local url="postgres://${role}@127.0.0.1:5432/test"
    if probe "$url"; then echo "$url"; return 0; fi
  done
  return 1
}

if url=$(find_url); then echo "$url"; exit 0; fi

echo "postgres.sh: no PostgreSQL answers on 127.0.0.1:5432; installing Debian's postgresql" >&2
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^${version} main"; then pg_createcluster "$version" main >&2; fi
conf="/etc/postgresql/${version}/main"
# Loopback only, trust auth (a throw-away CI machine), the standard port.
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$conf/postgresql.conf"
sed -i "s/^#\?port = .*/port = 5432/" "$conf/postgresql.conf"
cat > "$conf/pg_hba.conf" <<'HBA'
local all all trust
host  all all 127.0.0.1/32 trust
host  all all ::1/128 trust
HBA
pg_ctlcluster "$version" main restart >&2 || pg_ctlcluster "$version" main start >&2
for _ in $(seq 1 30); do
  if runuser -u postgres -- psql -h 127.0.0.1 -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then break; fi
  sleep 1
done
runuser -u postgres -- psql -h 127.0.0.1 -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
  || runuser -u postgres -- createdb -h 127.0.0.1 test >&2
if url=$(find_url); then echo "$url"; exit 0; fi
echo "postgres.sh: PostgreSQL could not be started" >&2
exit 1
