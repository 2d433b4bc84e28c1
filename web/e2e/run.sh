#!/usr/bin/env bash
# Browser test of `zongjie serve`: builds zongjie and the fake model, starts
# both on free loopback ports with a throw-away data directory and a token,
# and runs draft.test.mjs (node:test + playwright-core driving Debian's
# Chromium). Installs Chromium, CJK fonts and the npm package when missing.
# Leaves screenshots in artifacts/ (web-corpus, web-draft, web-plan, web-log
# .png). Always stops its servers.
set -euo pipefail
E2E="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

log() { printf '== %s\n' "$*" >&2; }

# apt-get needs root: use sudo when not root and sudo is there, else say
# what to install and stop.
apt_updated=""
apt_install() {
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
    else
      echo "浏览器测试需要以下软件包：$*" >&2
      echo "当前不是 root，也没有 sudo，无法自动安装。请让管理员执行：" >&2
      echo "  apt-get install $*" >&2
      echo "（或设置 CHROMIUM=浏览器路径 指向已安装的 Chromium）后再运行 bash web/e2e/run.sh" >&2
      exit 1
    fi
  fi
  if [ -z "$apt_updated" ]; then
    "${as_root[@]}" apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x "$CHROMIUM" ]; then
  log "installing Debian's chromium"
  apt_install chromium
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  log "installing CJK fonts (fonts-noto-cjk)"
  apt_install fonts-noto-cjk
fi
if ! command -v node >/dev/null 2>&1; then
  log "installing node and npm"
  apt_install nodejs npm
fi
if [ ! -f "$E2E/node_modules/playwright-core/package.json" ]; then
  log "installing playwright-core (npm ci)"
  (cd "$E2E" && { npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; })
fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# waitline FILE PATTERN: print the first line of FILE matching PATTERN,
# waiting up to 20 s for it.
waitline() {
  for _ in $(seq 200); do
    if line="$(grep -m1 -E "$2" "$1" 2>/dev/null)"; then
      printf '%s\n' "$line"
      return 0
    fi
    sleep 0.1
  done
  echo "timed out waiting for /$2/ in $1:" >&2
  cat "$1" >&2
  return 1
}

log "building zongjie and the fake model"
(cd "$ROOT" && CGO_ENABLED=1 go build -tags sqlite_fts5 -o "$WORK/zongjie" ./cmd/zongjie)
(cd "$ROOT" && go build -o "$WORK/fakellm" ./web/e2e/fakellm)

"$WORK/fakellm" -addr 127.0.0.1:0 >"$WORK/fakellm.log" 2>&1 &
PIDS+=($!)
FAKE_URL="$(waitline "$WORK/fakellm.log" '^FAKE_LLM_URL=' | cut -d= -f2-)"

TOKEN="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p "$WORK/run"
(
  cd "$WORK/run" # no config.yaml here: built-in defaults plus the variables below
  unset ZONGJIE_DB ZONGJIE_LLM_API_KEY_ENV
  export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
  export ZONGJIE_LLM_BASE_URL="$FAKE_URL" ZONGJIE_LLM_MODEL=fake-model ZONGJIE_LLM_API_KEY=sk-fake
  exec "$WORK/zongjie" serve --addr 127.0.0.1:0 --token "$TOKEN"
) >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
URL="$(waitline "$WORK/serve.log" 'http://127\.0\.0\.1:[0-9]+/' | grep -oE 'http://[^ ]+')"
log "zongjie serve at ${URL%%\?*} (model: $FAKE_URL)"

mkdir -p "$ROOT/artifacts"
status=0
(
  cd "$E2E"
  ZONGJIE_URL="$URL" CHROMIUM="$CHROMIUM" \
    FIXTURE="$E2E/fixtures/云杉县教育局2023年工作总结.txt" SEARCH_WORD="星火助学" \
    SCREENSHOT="$ROOT/artifacts/web-draft.png" \
    node --test --test-reporter=spec draft.test.mjs
) || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- zongjie serve log" >&2
  tail -n 40 "$WORK/serve.log" >&2
fi
exit "$status"
