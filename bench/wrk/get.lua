-- Scenario 1 and the nginx baseline: GET one page (the cookie, if any, comes with -H).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function init(args)
  ok, bad = 0, 0
end
