-- Scenario: anyone looks up a ticket's status by number + email (rate limits off for the run).
package.path = "bench/?.lua;" .. package.path
local common = require("common")
common.expect(200)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"number":"%s","email":"%s"}', os.getenv("BENCH_NUMBER"), os.getenv("BENCH_EMAIL"))

