# Shared by the bench scripts (sourced, not run): a JDK, a `qm serve` of their own in a throwaway
# data directory, stopped and removed on exit, and an admin token for it.
#   qm_serve PORT [VAR=value ...]   starts the server with those variables; sets server, base, data
#   qm_halt / qm_start PORT [...]   stops it keeping the data, and starts it again on that data
#   qm_login                        sets token and project (the admin's, in project "default")

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
password="bench-admin-password"
# A JDK 21+ for builds and helpers: JAVA_HOME, else the newest under /usr/lib/jvm.
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/*/ | sort -V | tail -n 1)}"

qm_serve() {
  data="$(mktemp -d /tmp/qm-bench-XXXXXX)"
  server=""
  trap qm_stop EXIT
  qm_start "$@"
}

# Starts a server on the data directory $data (kept from an earlier qm_serve); sets server, base.
qm_start() {
  local port="$1"
  shift
  base="http://127.0.0.1:$port"
  env QM_ADMIN_PASSWORD="$password" "$@" \
    "$root/qm" serve --port "$port" --data-dir "$data" >> "$data/serve.log" 2>&1 &
  # The launcher execs the JVM, so this is the server's pid.
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "$base/health" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "bench: the server did not start; see $data/serve.log" >&2
  exit 1
}

# Stops the server and waits for its PostgreSQL to remove its pid file; the data stays.
qm_halt() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  for _ in $(seq 1 60); do
    [[ -f "$data/postgres/postmaster.pid" ]] || break
    sleep 0.5
  done
}

# Stops the server, then removes the data.
qm_stop() {
  qm_halt
  rm -rf "$data"
}

qm_login() {
  local login response
  login='{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"'"$password"'","domain":{"name":"default"}}}},"scope":{"project":{"name":"default"}}}}'
  response="$(curl -fs -D "$data/headers" -H 'Content-Type: application/json' -d "$login" "$base/v3/auth/tokens")"
  token="$(grep -i '^x-subject-token:' "$data/headers" | cut -d' ' -f2 | tr -d '\r')"
  project="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"]["project"]["id"])' "$response")"
}

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
}
