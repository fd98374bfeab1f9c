-- Shared by the scenario scripts: counts 2xx answers per thread and prints one machine-readable
-- line at the end ("WRK_JSON {...}") with throughput inputs and p50/p95/p99 latency.
-- Loaded with dofile() from each scenario script; BENCH_DIR comes from the environment.

threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function count_response(status)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    bad = bad + 1
    if bad <= 3 then
      io.stderr:write("unexpected HTTP status " .. status .. "\n")
    end
  end
end

function response(status, headers, body)
  count_response(status)
end

function done(summary, latency, requests)
  local acked, failed = 0, 0
  for _, t in ipairs(threads) do
    acked = acked + (t:get("ok") or 0)
    failed = failed + (t:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"ok":%d,"bad":%d,"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_us":%d,"p95_us":%d,' ..
    '"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, acked, failed, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean))
end
