-- Scenario: a signed-in agent GETs the URL wrk was given (the queue's first page, a search).
package.path = "bench/?.lua;" .. package.path
local common = require("common")
common.expect(200)

wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_AGENT_TOKEN")
