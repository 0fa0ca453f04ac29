-- Scenario 6, the mixed workload: every request is drawn at random, 70 % reads, 25 % customer
-- messages, 5 % submissions (BENCH_MIX overrides, "70,25,5").
--
-- wrk reports one latency distribution for a whole run. To report each kind's own p99, run this
-- script with one connection per thread (wrk -t64 -c64): a thread's connection then alternates
-- strictly request(), response(), so response() knows which kind it answers and when it was sent
-- (LuaJIT's ffi reads CLOCK_MONOTONIC). Each thread keeps a histogram per kind with buckets 1 %
-- wide; done() merges them. Reads rotate over a customer's My tickets page, one of their ticket
-- pages, a status lookup and an agent's queue; messages and submissions are the customer's.
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

local kinds = { "read", "message", "submit" }
local expected = { read = 200, message = 201, submit = 201 }

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local reads, message_paths, submit_request, message_body, message_headers
local weights = {}
local pending_kind, pending_start
-- Per-thread results, read back by done() with thread:get: one flat table per kind and figure
-- (count_read, bad_read, hist_read, ...). Flat, because wrk 4.1 crashes copying nested tables.

function init(args)
  math.randomseed(1000 + id)
  local token = os.getenv("BENCH_TOKEN")
  local agent = os.getenv("BENCH_AGENT_TOKEN")
  local numbers = {}
  for number in string.gmatch(os.getenv("BENCH_MIX_NUMBERS"), "[^,]+") do table.insert(numbers, number) end
  local customer = { ["Authorization"] = "Bearer " .. token }
  local json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  reads = {}
  for i, number in ipairs(numbers) do
    -- Four reads per number, one of each kind, so that the rotation visits every ticket page.
    table.insert(reads, wrk.format("GET", "/api/v1/tickets", customer))
    table.insert(reads, wrk.format("GET", "/api/v1/tickets/" .. number, customer))
    table.insert(reads, wrk.format("POST", "/api/v1/tickets/lookup", { ["Content-Type"] = "application/json" },
      string.format('{"number":"%s","email":"%s"}', number, os.getenv("BENCH_EMAIL"))))
    table.insert(reads, wrk.format("GET", "/api/v1/agent/tickets?status=new,open,pending",
      { ["Authorization"] = "Bearer " .. agent }))
  end
  message_paths = {}
  for i, number in ipairs(numbers) do message_paths[i] = "/api/v1/tickets/" .. number .. "/messages" end
  message_body = '{"body":"补充一下：刚才又试了一次，还是闪退。Tried again just now, it still crashes."}'
  message_headers = json
  submit_request = wrk.format("POST", "/api/v1/tickets", json, os.getenv("BENCH_SUBMIT_BODY"))
  local mix = os.getenv("BENCH_MIX") or "70,25,5"
  local r, m, s = string.match(mix, "(%d+),(%d+),(%d+)")
  weights = { tonumber(r), tonumber(r) + tonumber(m), tonumber(r) + tonumber(m) + tonumber(s) }
  for _, kind in ipairs(kinds) do
    _G["count_" .. kind], _G["bad_" .. kind], _G["hist_" .. kind] = 0, 0, {}
  end
end

function request()
  local roll = math.random() * weights[3]
  if roll < weights[1] then
    pending_kind = "read"
    pending_start = now_us()
    return reads[math.random(#reads)]
  elseif roll < weights[2] then
    pending_kind = "message"
    pending_start = now_us()
    return wrk.format("POST", message_paths[math.random(#message_paths)], message_headers, message_body)
  end
  pending_kind = "submit"
  pending_start = now_us()
  return submit_request
end

function response(status, headers, body)
  local kind = pending_kind
  if kind == nil then return end
  local latency = now_us() - pending_start
  pending_kind = nil
  _G["count_" .. kind] = _G["count_" .. kind] + 1
  if status ~= expected[kind] then _G["bad_" .. kind] = _G["bad_" .. kind] + 1 end
  local bucket = math.floor(math.log(math.max(latency, 1)) * 100)
  local h = _G["hist_" .. kind]
  h[bucket] = (h[bucket] or 0) + 1
end

local function percentile(merged, total, p)
  local buckets = {}
  for bucket in pairs(merged) do table.insert(buckets, bucket) end
  table.sort(buckets)
  local seen, goal = 0, total * p / 100
  for _, bucket in ipairs(buckets) do
    seen = seen + merged[bucket]
    -- The bucket's upper edge: never report a latency lower than measured.
    if seen >= goal then return math.exp((bucket + 1) / 100) end
  end
  return 0
end

function done(summary, latency, requests)
  for _, kind in ipairs(kinds) do
    local merged, total, total_bad = {}, 0, 0
    for _, t in ipairs(threads) do
      total = total + (t:get("count_" .. kind) or 0)
      total_bad = total_bad + (t:get("bad_" .. kind) or 0)
      for bucket, n in pairs(t:get("hist_" .. kind) or {}) do merged[bucket] = (merged[bucket] or 0) + n end
    end
    io.write(string.format("MIXED kind=%s requests=%d seconds=%.3f p50_us=%d p99_us=%d bad=%d\n", kind, total,
      summary.duration / 1e6, percentile(merged, total, 50), percentile(merged, total, 99), total_bad))
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d bad=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
