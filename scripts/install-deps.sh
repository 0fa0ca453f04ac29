#!/usr/bin/env bash
# Installs what `make build`, `make run` and `make test` need on Debian 12, and nothing that is
# already there: Debian packages with apt-get, front-end packages with npm from the lock files.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-system-dev libsqlite3-dev libsodium-dev libmagic-dev nlohmann-json3-dev
  libcli11-dev libspdlog-dev libfmt-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libpq-dev
  libgmime-3.0-dev libkainjow-mustache-dev libcurl4-openssl-dev python3-aiosmtpd dovecot-imapd
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev libjemalloc-dev
  chromium fonts-wqy-microhei wrk nginx-light openssl curl postgresql
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm: install from the lock file only when it changed since the last install.
for dir in web tests; do
  [ -f "$dir/package.json" ] || continue
  stamp="$dir/node_modules/.gongdan-installed"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ] || [ "$dir/package.json" -nt "$stamp" ]; then
    echo "npm install in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
done
