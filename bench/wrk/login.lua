-- Scenario 4: log in (argon2id verification at the app's unchanged parameters), rotating
-- through the load accounts. Arguments: origin staff_count password
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function init(args)
  ok, bad = 0, 0
  origin, staff, password = args[1], tonumber(args[2]), args[3]
  n = 0
end

function request()
  n = n + 1
  local who = ((tid * 7919 + n * 64) % staff) + 1
  local body = string.format("email=mitarbeit-%05d%%40last.mitsprache.de&password=%s", who, password)
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
    ["Sec-Fetch-Site"] = "same-origin",
  }
  return wrk.format("POST", "/api/login", headers, body)
end
