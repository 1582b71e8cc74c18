#!/usr/bin/env node
// Open-loop load generator for the ingest benchmark (Node.js 20, no dependencies).
//
// Unlike wrk (closed loop: a connection waits for its answer before sending again, so a slow server is
// sent less work and its stalls hide from the percentiles), this sends requests on a fixed schedule —
// request k is due at t0 + k/rate — whether or not earlier ones were answered. Latency is measured from
// the time a request was *due*, not from when it was actually written, so time a request spent waiting
// for the generator or for a free connection counts too (no "coordinated omission"). Every latency of the
// measured phase is kept (rate x duration numbers) and the percentiles are exact (sorted), which is
// what an HDR histogram approximates.
//
// Usage (bench/ingest.sh does this for you):
//   node bench/openloop.mjs --url http://127.0.0.1:18090 --token T --kind traffic --batch 1 \
//        --rate 2000 --duration 30 --warmup 5 --stores 20 --prefix RUN-open-1 [--connections 64]
// Prints a human summary, then one line "BENCH key=value ..." that ingest.sh parses.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: o } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:18090' },
    token: { type: 'string', default: process.env.BENCH_TOKEN ?? '' },
    kind: { type: 'string', default: 'traffic' },         // traffic | sales
    batch: { type: 'string', default: '1' },              // events per request
    rate: { type: 'string', default: '2000' },            // requests per second
    duration: { type: 'string', default: '30' },          // measured seconds
    warmup: { type: 'string', default: '5' },             // seconds sent first and not measured
    stores: { type: 'string', default: '20' },
    prefix: { type: 'string', default: `open${Date.now().toString(36)}` },
    connections: { type: 'string', default: '64' },      // most sockets kept open to the service
    'max-inflight': { type: 'string', default: '1024' },  // beyond this, due requests are skipped and counted
    timeout: { type: 'string', default: '10' },           // seconds before a request counts as an error
  },
});

const rate = Number(o.rate);
const batch = Number(o.batch);
const stores = Number(o.stores);
const durationS = Number(o.duration);
const warmupS = Number(o.warmup);
const maxInflight = Number(o['max-inflight']);
const timeoutMs = Number(o.timeout) * 1000;
const target = new URL(o.url);
const path = o.kind === 'sales' ? '/api/v1/sales/events' : '/api/v1/traffic/events';
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(o.connections) });

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const pad2 = (n) => String(n).padStart(2, '0');
const rnd = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1));

// One request body: `batch` events for one store (rotating), ids <prefix>-<phase>-<k>-<i>, unique per run.
// Written as text directly (not objects + JSON.stringify): at overload rates the generator must not starve
// the service of CPU. The timestamp (one second in the past) is recomputed once per second.
let tsSecond = -1;
let ts = '';
function body(k, phase) {
  const now = Math.floor(Date.now() / 1000);
  if (now !== tsSecond) {
    tsSecond = now;
    ts = new Date((now - 1) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const store = `bench-${pad2((k % stores) + 1)}`;
  const idPrefix = `${o.prefix}-${phase}-${k}-`;
  let text = '[';
  for (let i = 0; i < batch; i++) {
    if (i > 0) text += ',';
    text += o.kind === 'sales'
      ? `{"id":"${idPrefix}${i + 1}","storeId":"${store}","timestamp":"${ts}","amount":"${rnd(1, 200)}.${pad2(rnd(0, 99))}",`
        + `"currency":"EUR","items":${rnd(1, 9)},"type":"sale"}`
      : `{"id":"${idPrefix}${i + 1}","storeId":"${store}","sensorId":"door-${(i % 4) + 1}","timestamp":"${ts}",`
        + `"in":${rnd(0, 5)},"out":${rnd(0, 5)}}`;
  }
  return text + ']';
}

// Tallies of the measured phase.
// refused: 503 answers (overload, the service's own bounded queues); refusedNoRetry: those without Retry-After.
const measured = { sent: 0, ok: 0, non2xx: 0, refused: 0, refusedNoRetry: 0, errors: 0, skipped: 0, accepted: 0, duplicates: 0 };
const latencies = new Float64Array(Math.ceil(rate * durationS) + 16); // ms from due time to full answer
const serviceTimes = new Float64Array(latencies.length);              // ms from getting a connection to full answer
let nLat = 0;
let maxLag = 0;        // worst delay between a request's due time and the generator writing it
let inflight = 0;
let lastBad = '';

function send(k, due, phase, measure) {
  if (inflight >= maxInflight) { if (measure) measured.skipped++; return; }
  const lag = nowMs() - due;
  if (measure) { measured.sent++; if (lag > maxLag) maxLag = lag; }
  let written = nowMs();   // reset when the request gets a connection (it may wait in the agent's queue)
  const payload = body(k, phase);
  inflight++;
  let finished = false;
  const finish = (status, text, retryAfter) => {
    if (finished) return;
    finished = true;
    inflight--;
    if (!measure) return;
    if (status >= 200 && status < 300) {
      measured.ok++;
      const end = nowMs();
      serviceTimes[nLat] = end - written;
      latencies[nLat++] = end - due;
      const a = /"accepted"\s*:\s*(\d+)/.exec(text);
      const d = /"duplicates"\s*:\s*(\d+)/.exec(text);
      measured.accepted += a ? Number(a[1]) : 0;
      measured.duplicates += d ? Number(d[1]) : 0;
    } else if (status > 0) {
      measured.non2xx++;
      if (status === 503) {
        measured.refused++;
        if (!retryAfter) measured.refusedNoRetry++;
      } else {
        lastBad = `${status} ${text.slice(0, 200).replace(/\s+/g, ' ')}`;
      }
    } else {
      measured.errors++;
      lastBad = `error ${text}`;
    }
  };
  const req = http.request({
    host: target.hostname, port: target.port, path, method: 'POST', agent,
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload),
               Authorization: `Bearer ${o.token}` },
  }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => finish(res.statusCode, Buffer.concat(chunks).toString('utf8'), res.headers['retry-after']));
    res.on('error', (e) => finish(0, e.message));
  });
  req.on('socket', () => { written = nowMs(); });
  req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
  req.on('error', (e) => finish(0, e.message));
  req.end(payload);
}

// Sends every request that is due, then sleeps ~1 ms; a bounded number of requests per phase.
function runPhase(phase, seconds, measure) {
  return new Promise((resolve) => {
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const t0 = nowMs();
    let k = 0;
    const tick = () => {
      const now = nowMs();
      while (k < total && t0 + k * interval <= now) {
        send(k, t0 + k * interval, phase, measure);
        k++;
      }
      if (k < total) setTimeout(tick, 1); else resolve(nowMs() - t0);
    };
    tick();
  });
}

// Waits (bounded) until every request still in flight is answered or has timed out.
async function drain() {
  const deadline = nowMs() + timeoutMs + 2000;
  while (inflight > 0 && nowMs() < deadline) await new Promise((r) => setTimeout(r, 5));
}

const pct = (sorted, n, p) => (n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]);

if (warmupS > 0) { await runPhase('w', warmupS, false); await drain(); }
// The measured time runs from the first due request to the last answer, so a service that falls behind
// shows a lower achieved rate instead of having its late answers credited to the sending window.
const tMeasure = nowMs();
await runPhase('m', durationS, true);
await drain();
const elapsed = nowMs() - tMeasure;
agent.destroy();

const sorted = latencies.subarray(0, nLat).sort();
const sortedService = serviceTimes.subarray(0, nLat).sort();
const r = {
  requests: measured.ok + measured.non2xx,
  duration_us: Math.round(elapsed * 1000),
  target_rate: rate,
  sent: measured.sent,
  skipped: measured.skipped,
  p50_us: Math.round(pct(sorted, nLat, 50) * 1000),
  p90_us: Math.round(pct(sorted, nLat, 90) * 1000),
  p99_us: Math.round(pct(sorted, nLat, 99) * 1000),
  p999_us: Math.round(pct(sorted, nLat, 99.9) * 1000),
  max_us: Math.round((nLat ? sorted[nLat - 1] : NaN) * 1000),
  max_send_lag_us: Math.round(maxLag * 1000),
  p50_from_conn_us: Math.round(pct(sortedService, nLat, 50) * 1000),
  p99_from_conn_us: Math.round(pct(sortedService, nLat, 99) * 1000),
  accepted: measured.accepted,
  duplicates: measured.duplicates,
  non2xx: measured.non2xx,
  refused: measured.refused,              // 503 (bounded queues full), counted in non2xx too
  refused_no_retry_after: measured.refusedNoRetry,
  errors: measured.errors,       // socket errors and timeouts (no answer within --timeout once connected)
  unanswered: inflight,          // still waiting when the drain gave up (--timeout + 2 s after the last send)
};
const ms = (us) => (us / 1000).toFixed(2);
console.log(`open loop: ${o.kind} batch ${batch} at ${rate} req/s for ${durationS}s (+${warmupS}s warm-up)`);
console.log(`  sent ${r.sent} (skipped ${r.skipped} at the in-flight cap), 2xx ${measured.ok}, non-2xx ${r.non2xx} (503 ${r.refused}), `
  + `errors ${r.errors}, unanswered ${r.unanswered}; achieved ${(r.requests / elapsed * 1000).toFixed(0)} req/s`);
console.log(`  latency from due time: p50 ${ms(r.p50_us)} ms, p90 ${ms(r.p90_us)} ms, p99 ${ms(r.p99_us)} ms, `
  + `p99.9 ${ms(r.p999_us)} ms, max ${ms(r.max_us)} ms; worst generator lag ${ms(r.max_send_lag_us)} ms`);
console.log(`  latency from getting a connection: p50 ${ms(r.p50_from_conn_us)} ms, p99 ${ms(r.p99_from_conn_us)} ms`);
if (lastBad) console.log(`BENCH_LAST_NON2XX ${lastBad}`);
console.log('BENCH ' + Object.entries(r).map(([k, v]) => `${k}=${v}`).join(' '));
