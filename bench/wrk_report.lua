-- Prints one JSON line after a wrk run: requests per second, latency percentiles (ms), errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "errors": %d, "bytes": %d}\n',
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors, summary.bytes))
end
