-- Scenario 2: post comments through the server function, each with a unique text (the app
-- refuses the same text by the same author within 10 s), rotating through several signed-in
-- accounts. Arguments: origin cookie_file round_id version_id blocks(comma-separated) tag
-- The body starts with "Lasttest <tag> " so the stored rows of this run can be counted.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local function split(text, sep)
  local out = {}
  for part in string.gmatch(text, "([^" .. sep .. "]+)") do table.insert(out, part) end
  return out
end

function init(args)
  ok, bad = 0, 0
  origin, round_id, version_id, tag = args[1], args[3], args[4], args[6]
  cookies = {}
  for line in io.lines(args[2]) do
    if #line > 0 then table.insert(cookies, line) end
  end
  blocks = split(args[5], ",")
  n = 0
end

function request()
  n = n + 1
  local body = "round_id=" .. round_id .. "&version_id=" .. version_id ..
    "&block_id=" .. blocks[(n * 7 + tid) % #blocks + 1] ..
    "&body=Lasttest+" .. tag .. "+t" .. tid .. "+n" .. n ..
    "%3A+Bitte+diesen+Absatz+verst%C3%A4ndlicher+formulieren."
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
    ["Sec-Fetch-Site"] = "same-origin",
    ["Cookie"] = cookies[(n + tid) % #cookies + 1],
  }
  return wrk.format("POST", "/api/post_comment", headers, body)
end
