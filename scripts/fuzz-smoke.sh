#!/usr/bin/env bash
# Builds each libFuzzer target in fuzz/ with clang (ASan + UBSan) and runs it for a bounded time:
# a smoke test in `make test`; run longer by hand with FUZZ_SECONDS=600.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-15}
out=build/fuzz
mkdir -p "$out"
flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -include utility -Isrc)
compile() {  # target sources...
  local target=$1; shift
  local launcher=""
  command -v ccache >/dev/null && launcher=ccache
  $launcher clang++ "${flags[@]}" "$@" -o "$out/$target"
}
compile ticket_number_fuzz fuzz/ticket_number_fuzz.cpp src/domain/tickets/ticket_number.cpp
compile text_fuzz fuzz/text_fuzz.cpp src/core/time.cpp src/core/utf8.cpp src/domain/tickets/text_similarity.cpp \
  src/domain/tickets/attachment_policy.cpp
# The calendar engine alone: the SLA product files (policies, ticket clocks, escalation, service)
# need the rest of the domain and are not what this target feeds.
calendar_engine=$(ls src/domain/sla/*.cpp src/domain/sla/presets/*.cpp src/core/*.cpp | grep -vE '_(test|benchmark)\.cpp$' |
  grep -vE '/(calendar_cache|escalation|reply_by|sla_policy|sla_report|sla_service|ticket_sla)\.cpp$')
compile calendar_fuzz fuzz/calendar_fuzz.cpp src/domain/validation.cpp $calendar_engine
# Incoming mail: GMime parsing, charsets and the filters, everything but the IMAP client.
compile mail_fuzz fuzz/mail_fuzz.cpp $(ls src/mail/inbound/*.cpp | grep -vE '_test\.cpp$|imap_') src/core/utf8.cpp \
  $(pkg-config --cflags --libs gmime-3.0)
if [ -f src/http/multipart/multipart.cpp ] && [ -f fuzz/multipart_fuzz.cpp ]; then
  compile multipart_fuzz fuzz/multipart_fuzz.cpp src/http/multipart/multipart.cpp src/http/context/query.cpp src/http/request.cpp src/core/utf8.cpp
fi
# Client frames of the live socket.
compile live_message_fuzz fuzz/live_message_fuzz.cpp src/http/realtime/live_protocol.cpp \
  src/http/json/json_writer.cpp src/domain/tickets/ticket_number.cpp src/domain/tickets/status.cpp \
  src/domain/events/ticket_activity.cpp src/core/time.cpp
# The JSON writer of every API answer against nlohmann's dump.
compile json_writer_fuzz fuzz/json_writer_fuzz.cpp src/http/json/json_writer.cpp
for target in "$out"/*_fuzz; do
  name=$(basename "$target")
  corpus="$out/corpus/$name"
  mkdir -p "$corpus"
  [ -d "fuzz/seeds/$name" ] && cp -n fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null || true
  echo "fuzzing $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=0 "$corpus" 2>&1 | tail -n 1
done
