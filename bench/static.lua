-- The HTTP ceiling: GET the small static file nginx serves, with the same wrk settings as the
-- scenarios and the same per-response Lua work (common.lua), so that both pay for the script.
package.path = "bench/?.lua;" .. package.path
local common = require("common")
common.expect(200)
