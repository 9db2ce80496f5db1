/*
 * Paced load for the cost benchmark: USERS people, each sending one request
 * a second on their own keep-alive connection, their seconds starting at
 * evenly spread moments (people do not click in step). Timed from the
 * moment each request was due, so a slow answer that delays the next one
 * counts against the server (no coordinated omission).
 *
 * autocannon's overallRate fires every connection on the same timer tick,
 * which measures how fast 1,000 simultaneous requests drain, not 1,000
 * users; it is used for the saturation run only.
 *
 *   node paced-load.js '{"url": "...", "headers": {...}, "users": 1000, "seconds": 30}'
 *
 * Prints one JSON line with the figures.
 */
const http = require('node:http');

const options = JSON.parse(process.argv[2]);
const { url, headers, users, seconds } = options;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: users });

const latencies = [];
let failures = 0;
let non2xx = 0;
const started = performance.now();
const end = started + seconds * 1000;

function send() {
  return new Promise(resolve => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers,
        agent,
        timeout: 10_000,
      },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function user(index) {
  let due = started + (index / users) * 1000;
  while (due < end) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise(r => setTimeout(r, wait));
    const status = await send();
    latencies.push(performance.now() - due);
    if (status === 0) failures++;
    else if (status < 200 || status >= 300) non2xx++;
    due += 1000;
  }
}

function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

Promise.all(Array.from({ length: users }, (_, i) => user(i))).then(() => {
  const sorted = latencies.sort((a, b) => a - b);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({
      requests: sorted.length,
      throughput: sorted.length / elapsed,
      p50: Math.round(percentile(sorted, 0.5) * 10) / 10,
      p90: Math.round(percentile(sorted, 0.9) * 10) / 10,
      p99: Math.round(percentile(sorted, 0.99) * 10) / 10,
      max: Math.round(sorted[sorted.length - 1] * 10) / 10,
      non2xx,
      errors: failures,
      timeouts: 0,
      loadCpuMs: (cpu.user + cpu.system) / 1000,
    }),
  );
  agent.destroy();
});
