-- Scenario 3: the word diff between two versions, through the server function the page uses.
-- Arguments: origin process_id from to
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function init(args)
  ok, bad = 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Origin"] = args[1]
  wrk.headers["Sec-Fetch-Site"] = "same-origin"
  wrk.body = "process_id=" .. args[2] .. "&from=" .. args[3] .. "&to=" .. args[4]
end
