-- Shared by the wrk scripts: times every request itself and prints machine-readable lines when the
-- run ends. Latencies are in microseconds.
--
-- wrk gives one latency histogram per run, and wrk 4 "corrects" it for coordinated omission: for
-- every answer slower than twice the mean it adds made-up samples, which inflates the tail of a
-- closed-loop run. To report the latencies as measured, and one p99 per kind of request in the
-- mixed workload, bench.py runs wrk with one connection per thread (-t64 -c64): a thread's only
-- connection then alternates strictly between request() and response(), so response() knows which
-- kind it answers and when that request was sent (LuaJIT's ffi reads CLOCK_MONOTONIC). Each thread
-- keeps a histogram per kind with buckets 1 % wide; done() merges them and reports each bucket's
-- upper edge, never less than measured.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec* ts);
]]
local now_ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
  return tonumber(now_ts.tv_sec) * 1e6 + tonumber(now_ts.tv_nsec) / 1e3
end

local function percentile(merged, total, p)
  local buckets = {}
  for bucket in pairs(merged) do table.insert(buckets, bucket) end
  table.sort(buckets)
  local seen, goal = 0, total * p / 100
  for _, bucket in ipairs(buckets) do
    seen = seen + merged[bucket]
    if seen >= goal then return math.exp((bucket + 1) / 100) end
  end
  return 0
end

local M = {}

-- scenario = {kinds = {name = expected status, ...}, init = function(args) (optional),
--             choose = function() return kind, request end}
-- Per-thread figures are flat globals (count_<kind>, bad_<kind>, hist_<kind>) because wrk 4.1
-- crashes copying nested tables between threads.
function M.run(scenario)
  local names = {}
  for name in pairs(scenario.kinds) do table.insert(names, name) end
  table.sort(names)
  local threads, next_id = {}, 0
  local pending_kind, pending_start

  setup = function(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
  end
  init = function(args)
    math.randomseed(1000 + id)
    if scenario.init then scenario.init(args) end
    for _, kind in ipairs(names) do
      _G["count_" .. kind], _G["bad_" .. kind], _G["hist_" .. kind] = 0, 0, {}
    end
  end
  request = function()
    local kind, text = scenario.choose()
    pending_kind, pending_start = kind, now_us()
    return text
  end
  response = function(status, headers, body)
    local kind = pending_kind
    if kind == nil then return end
    pending_kind = nil
    local latency = now_us() - pending_start
    _G["count_" .. kind] = _G["count_" .. kind] + 1
    if status ~= scenario.kinds[kind] then _G["bad_" .. kind] = _G["bad_" .. kind] + 1 end
    local bucket = math.floor(math.log(math.max(latency, 1)) * 100)
    local h = _G["hist_" .. kind]
    h[bucket] = (h[bucket] or 0) + 1
  end
  done = function(summary, latency, requests)
    for _, kind in ipairs(names) do
      local merged, total, total_bad = {}, 0, 0
      for _, t in ipairs(threads) do
        total = total + (t:get("count_" .. kind) or 0)
        total_bad = total_bad + (t:get("bad_" .. kind) or 0)
        for bucket, n in pairs(t:get("hist_" .. kind) or {}) do merged[bucket] = (merged[bucket] or 0) + n end
      end
      io.write(string.format("KIND kind=%s requests=%d seconds=%.3f p50_us=%d p99_us=%d bad=%d\n", kind, total,
        summary.duration / 1e6, percentile(merged, total, 50), percentile(merged, total, 99), total_bad))
    end
    -- wrk's own figures over all requests, its coordinated-omission correction included.
    local e = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d socket_errors=%d\n",
      summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
      e.connect + e.read + e.write + e.timeout))
  end
end

-- The common case: every request is the one wrk.method, wrk.path, wrk.headers and wrk.body
-- describe (the script sets them after this call; init reads them), answered with `expected_status`.
function M.expect(expected_status)
  local text
  M.run {
    kinds = { scenario = expected_status },
    init = function() text = wrk.format() end,
    choose = function() return "scenario", text end,
  }
end

return M
