-- Scenario 6, the mixed workload: every request is drawn at random, 70 % reads, 25 % customer
-- messages, 5 % submissions (BENCH_MIX overrides, "70,25,5"); common.lua reports each kind's
-- throughput and latency. Reads rotate over a customer's My tickets page, one of their ticket
-- pages, a status lookup and an agent's queue page; messages and submissions are the customer's.
package.path = "bench/?.lua;" .. package.path
local common = require("common")

local reads, message_paths, message_headers, submit_request
local message_body = '{"body":"补充一下：刚才又试了一次，还是闪退。Tried again just now, it still crashes."}'
local weights

common.run {
  kinds = { read = 200, message = 201, submit = 201 },
  init = function(args)
    local token, agent = os.getenv("BENCH_TOKEN"), os.getenv("BENCH_AGENT_TOKEN")
    local customer = { ["Authorization"] = "Bearer " .. token }
    message_headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
    reads, message_paths = {}, {}
    for number in string.gmatch(os.getenv("BENCH_MIX_NUMBERS"), "[^,]+") do
      -- One read of each kind per number, so that the rotation visits every ticket page.
      table.insert(reads, wrk.format("GET", "/api/v1/tickets", customer))
      table.insert(reads, wrk.format("GET", "/api/v1/tickets/" .. number, customer))
      table.insert(reads, wrk.format("POST", "/api/v1/tickets/lookup", { ["Content-Type"] = "application/json" },
        string.format('{"number":"%s","email":"%s"}', number, os.getenv("BENCH_EMAIL"))))
      table.insert(reads, wrk.format("GET", "/api/v1/agent/tickets?status=new,open,pending",
        { ["Authorization"] = "Bearer " .. agent }))
      table.insert(message_paths, "/api/v1/tickets/" .. number .. "/messages")
    end
    submit_request = wrk.format("POST", "/api/v1/tickets", message_headers, os.getenv("BENCH_SUBMIT_BODY"))
    local r, m, s = string.match(os.getenv("BENCH_MIX") or "70,25,5", "(%d+),(%d+),(%d+)")
    weights = { tonumber(r), tonumber(r) + tonumber(m), tonumber(r) + tonumber(m) + tonumber(s) }
  end,
  choose = function()
    local roll = math.random() * weights[3]
    if roll < weights[1] then return "read", reads[math.random(#reads)] end
    if roll < weights[2] then
      return "message", wrk.format("POST", message_paths[math.random(#message_paths)], message_headers, message_body)
    end
    return "submit", submit_request
  end,
}
