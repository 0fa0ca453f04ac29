-- Scenarios: a signed-in user GETs the URL wrk was given (a customer's My tickets page, an agent's
-- queue page or search) with the token in BENCH_BEARER.
package.path = "bench/?.lua;" .. package.path
local common = require("common")
common.expect(200)

wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_BEARER")
