#!/usr/bin/env bash
# Team rules a compiler cannot check (DESIGN.md "Shape", STYLE.md): each names the trap it stops.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
fail() { echo "lint: $1"; status=1; }

# The domain is pure: no Boost, SQL engine, JSON or HTTP header may leak into it.
if grep -rnE '#include <(boost|sqlite3|libpq|nlohmann|spdlog|sodium|magic)' src/domain src/core; then
  fail "src/domain and src/core include only the standard library and each other"
fi
# Dependencies point inward: the domain never includes an outer layer.
if grep -rnE '#include "(storage|http|app|security|mail|jobs)/' src/domain src/core; then
  fail "src/domain and src/core must not include outer layers"
fi
# SQL lives in storage only.
if grep -rnlE '\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b' src --include='*.cpp' --include='*.hpp' | grep -v '^src/storage/'; then
  fail "SQL outside src/storage"
fi
# Time is injected: only the system clock reads the real time.
if grep -rn 'system_clock::now' src | grep -v '^src/core/clock\.cpp'; then
  fail "read time through core::Clock, not system_clock::now()"
fi
# Beast types stay inside http.
if grep -rn 'boost/beast' src | grep -v '^src/http/'; then
  fail "Boost.Beast outside src/http"
fi
# Mail protocols and formats stay inside mail: GMime, libcurl and Mustache headers nowhere else.
if grep -rnE '#include <(gmime|curl|kainjow)/' src | grep -v '^src/mail/'; then
  fail "GMime, libcurl and Mustache belong to src/mail"
fi
exit $status
