-- Shared by the wrk scripts: counts unexpected statuses per thread and prints one
-- machine-readable line when the run ends. Latencies are in microseconds.
local M = {}

function M.expect(expected_status)
  local threads = {}
  setup = function(thread) table.insert(threads, thread) end
  response = function(status, headers, body)
    if status ~= expected_status then bad = (bad or 0) + 1 end
  end
  done = function(summary, latency, requests)
    local total_bad = 0
    for _, t in ipairs(threads) do total_bad = total_bad + (t:get("bad") or 0) end
    local e = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d bad=%d socket_errors=%d\n",
      summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
      total_bad, e.connect + e.read + e.write + e.timeout))
  end
end

return M
