// WebSocket fan-out load generator for bench/live.sh (see docs/benchmarks.md, "Live feeds").
//
// One process both sends and receives, so every latency uses one clock:
//   1. opens --clients WebSocket clients to /ws/traffic/realtime?storeId=..&access_token=.. in batches
//      of --batch-size concurrent upgrades, and waits (bounded) for every client's snapshot;
//   2. for each phase (warm-up, measured, then the rate ramp) POSTs single-event batches to
//      /api/v1/traffic/events at a steady rate (open loop), remembering each event's send time by its
//      sequence number (the event id is "<prefix>.<phase>.<seq>");
//   3. every client records, per received event, latency = receive time - POST send time, and counts
//      duplicates; after the phase it waits (bounded) for the stragglers, then prints one line
//      "BENCH phase=<name> k=v ..." with exact percentiles over all samples and the CPU/RSS of the service.
// The ramp stops at the first rate whose p99 exceeds --ramp-p99-ms or that loses anything.
// --target bare drives bench/bare-broadcast instead: clients on /bare (no token, no store, ready on open,
// no snapshot), POSTs to /bare/events without Authorization; everything else is the same.
// --deflate 1 makes every client offer permessage-deflate as Chromium does (ws perMessageDeflate: true sends
// "permessage-deflate; client_max_window_bits"); each client records what the server negotiated.
import http from 'node:http';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { parseArgs, sleep, cpuSnapshot as procSnapshot, rssKb as pidRssKb, quantile, extensionRecorder, postEvent, eventIdOf, whenOpened } from './lib/live-common.mjs';

// ---- arguments ---------------------------------------------------------------------------------
const args = parseArgs(process.argv.slice(2));
const TARGET = args.target ?? 'service';   // 'service' or 'bare'
const BARE = TARGET === 'bare';
const BASE = args.url ?? 'http://127.0.0.1:18091';
const TOKEN = args.token;
const STORE = args.store ?? 'live-01';
const CLIENTS = +(args.clients ?? 1000);
const CONNECT_BATCH = +(args['batch-size'] ?? 50);
const RATE = +(args.rate ?? 100);
const DURATION = +(args.duration ?? 30);
const WARMUP = +(args.warmup ?? 5);
const RAMP = (args.ramp ?? '').split(/[ ,]+/).filter(Boolean).map(Number);
const RAMP_DURATION = +(args['ramp-duration'] ?? 15);
const RAMP_P99_MS = +(args['ramp-p99-ms'] ?? 100);
const PREFIX = args.prefix ?? `l${Date.now()}`;
const SERVICE_PID = args['service-pid'] ?? '';
const CLK_TCK = +(args['clk-tck'] ?? 100);
const DEFLATE = (args.deflate ?? '0') === '1';
const DRAIN_MS = 10_000;         // max wait for deliveries after the last send of a phase
const MAX_IN_FLIGHT = 256;       // POSTs outstanding before the sender skips (= service cannot keep up)
if (TARGET !== 'service' && !BARE) { console.error('live-clients.mjs: --target must be service or bare'); process.exit(64); }
if (!['0', '1', undefined].includes(args.deflate)) { console.error('live-clients.mjs: --deflate must be 0 or 1'); process.exit(64); }
if (!TOKEN && !BARE) { console.error('live-clients.mjs: --token is required'); process.exit(64); }

const wsUrl = BARE ? BASE.replace(/^http/, 'ws') + '/bare'
  : BASE.replace(/^http/, 'ws') + `/ws/traffic/realtime?storeId=${encodeURIComponent(STORE)}` +
    `&access_token=${encodeURIComponent(TOKEN)}`;
const log = (m) => console.log(`[live-clients ${new Date().toISOString().slice(11, 19)}] ${m}`);

// ---- per-phase state, shared by all clients --------------------------------------------------------
let phase = null;   // {id, sendTimes: Float64Array, lat: Float64Array, n, received, dups, other}
let lateTotal = 0;          // deliveries of events of an already closed phase (counted as lost there)
const closes = new Map();   // close code -> count (over the whole run)

function onEvent(client, buf) {
  const t = performance.now();
  const id = eventIdOf(buf);
  if (id === null) return;                            // not a traffic event
  const p = phase;
  const dot2 = id.lastIndexOf('.');
  if (!p || id.slice(0, dot2) !== p.idPrefix) {   // not this phase's event
    if (id.startsWith(`${PREFIX}.`)) lateTotal++;  // an earlier phase's event, after that phase was closed
    return;
  }
  const seq = +id.slice(dot2 + 1);
  if (!(seq >= 0 && seq < p.capacity)) { p.other++; return; }
  if (client.seenPhase !== p.id) { client.seen = new Uint8Array(p.capacity); client.seenPhase = p.id; }
  if (client.seen[seq]) { p.dups++; return; }
  client.seen[seq] = 1;
  p.perEvent[seq]++;
  p.received++;
  p.lastRecv = t;
  if (p.n < p.lat.length) p.lat[p.n++] = t - p.sendTimes[seq];
}

// ---- 1. connect the clients in batches ------------------------------------------------------------
const clients = [];
const connectFailures = new Map();   // reason -> count
let deflateNegotiated = 0;           // clients whose server accepted permessage-deflate
const ext = extensionRecorder();     // the first client's offer and the server's answer
function connectOne() {
  return new Promise((resolve) => {
    // bare: no snapshot comes, so a client is ready once open
    const c = { ws: null, snapshot: BARE, open: false, seen: new Uint8Array(0), seenPhase: -1 };
    const ws = new WebSocket(wsUrl, { perMessageDeflate: DEFLATE, handshakeTimeout: 15_000, ...ext.wsOptions() });
    c.ws = ws;
    whenOpened(ws, ext, (ok, why, deflated) => {
      if (ok) {
        c.open = true;
        if (deflated) deflateNegotiated++;
        clients.push(c);
      } else connectFailures.set(why, (connectFailures.get(why) ?? 0) + 1);
      resolve();
    });
    ws.on('message', (data) => {
      if (!c.snapshot) {
        if (data.indexOf('"type":"snapshot"') >= 0) { c.snapshot = true; return; }
      }
      onEvent(c, data);
    });
    ws.on('close', (code) => {
      if (c.open) closes.set(code, (closes.get(code) ?? 0) + 1);
      c.open = false;
    });
  });
}

const t0 = performance.now();
for (let i = 0; i < CLIENTS; i += CONNECT_BATCH) {
  const batch = [];
  for (let j = i; j < Math.min(CLIENTS, i + CONNECT_BATCH); j++) batch.push(connectOne());
  await Promise.all(batch);
}
const connectSecs = (performance.now() - t0) / 1000;
for (let i = 0; i < 600 && clients.some((c) => c.open && !c.snapshot); i++) await sleep(100);   // <= 60 s
const snapshots = BARE ? 'n/a' : clients.filter((c) => c.snapshot).length;
const failuresText = [...connectFailures].map(([k, v]) => `${k}:${v}`).join(',') || 'none';
log(`connected ${clients.length}/${CLIENTS} in ${connectSecs.toFixed(1)} s, snapshots ${snapshots}, failures ${failuresText}, ` +
  `deflate offered: ${DEFLATE ? 'yes' : 'no'}; negotiated on ${deflateNegotiated} of ${clients.length} connections`);
console.log(`BENCH phase=connect clients=${CLIENTS} connected=${clients.length} snapshots=${snapshots} ` +
  `connect_s=${connectSecs.toFixed(2)} failures=${failuresText} ` +
  `deflate_offered=${DEFLATE ? 'yes' : 'no'} deflate_negotiated=${deflateNegotiated}`);
// The headers as sent and answered (free text, so on a line of its own).
console.log(`BENCH_DEFLATE_HEADERS offer=[${ext.headers().offer}] answer=[${ext.headers().answer}]`);
if (clients.length === 0) process.exit(2);

// ---- CPU / RSS of the service, PostgreSQL, Redis and the machine (from /proc, bench/lib/live-common.mjs) --
const cpuSnapshot = () => procSnapshot(SERVICE_PID);
const rssKb = () => pidRssKb(SERVICE_PID);

// ---- 2./3. one phase: send at a steady rate, receive, drain, report ---------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const postUrl = new URL(BARE ? '/bare/events' : '/api/v1/traffic/events', BASE);
const auth = BARE ? {} : { Authorization: `Bearer ${TOKEN}` };
let phaseNo = 0;

async function runPhase(name, rate, secs) {
  phaseNo++;
  const total = Math.max(1, Math.round(rate * secs));
  const openAtStart = clients.filter((c) => c.open).length;
  const p = {
    id: phaseNo, idPrefix: `${PREFIX}.${phaseNo}`, capacity: total,
    sendTimes: new Float64Array(total), lat: new Float64Array(total * openAtStart + 1),
    n: 0, received: 0, dups: 0, lastRecv: 0, perEvent: new Uint32Array(total),
  };
  phase = p;
  const acceptedSeq = new Uint8Array(total);
  let sent = 0, accepted = 0, non2xx = 0, errors = 0, skipped = 0, inFlight = 0, lastBad = '';
  const cpu0 = cpuSnapshot(); let rssMax = rssKb();
  const loop = monitorEventLoopDelay({ resolution: 10 }); loop.enable();   // this process's own lag
  const rssTimer = setInterval(() => { rssMax = Math.max(rssMax, rssKb()); }, 1000);
  const start = performance.now();
  const post = (seq) => new Promise((resolve) => {
    const body = JSON.stringify([{ id: `${p.idPrefix}.${seq}`, storeId: STORE, sensorId: 'door-1',
      timestamp: new Date().toISOString(), in: 1 + (seq % 2), out: seq % 2 }]);
    p.sendTimes[seq] = performance.now();   // the POST send time of this event
    postEvent(http, postUrl, agent, auth, body, (status, text) => {
      if (status >= 200 && status < 300) { accepted++; acceptedSeq[seq] = 1; }
      else if (status === 0) { errors++; lastBad = text; }
      else { non2xx++; lastBad = `${status} ${text.slice(0, 200)}`; }
      resolve();
    });
  });
  // Open loop: event seq is due at start + seq/rate; each tick sends everything that is due.
  const pending = [];
  for (let seq = 0; seq < total;) {
    const due = start + (seq * 1000) / rate;
    const now = performance.now();
    if (due > now) { await sleep(Math.min(due - now, 50)); continue; }
    if (inFlight >= MAX_IN_FLIGHT) { skipped++; seq++; continue; }
    inFlight++; sent++;
    pending.push(post(seq).then(() => { inFlight--; }));
    seq++;
  }
  const sendEnd = performance.now();
  await Promise.race([Promise.all(pending), sleep(15_000)]);
  // Deliveries expected: every accepted event to every client open at the phase start.
  const expected = accepted * openAtStart;
  const drainEnd = performance.now() + DRAIN_MS;
  while (p.received < expected && performance.now() < drainEnd) await sleep(20);
  const lastRecvWait = performance.now();
  loop.disable();
  clearInterval(rssTimer); rssMax = Math.max(rssMax, rssKb());
  const cpu1 = cpuSnapshot();
  const spanS = (lastRecvWait - start) / 1000;
  const pct = (d) => Math.round((100 * d) / CLK_TCK / spanS);
  const selfUs = (cpu1.self.user + cpu1.self.system) - (cpu0.self.user + cpu0.self.system);
  const lat = p.lat.subarray(0, p.n).sort();
  const shortSeqs = [];
  for (let seq = 0; seq < total; seq++) if (acceptedSeq[seq] && p.perEvent[seq] < openAtStart) shortSeqs.push(`${seq}:${p.perEvent[seq]}`);
  const q = (f) => quantile(lat, f);
  const sendSecs = (sendEnd - start) / 1000;
  const r = {
    phase: name, rate, seconds: secs, clients_open: openAtStart, clients_open_end: clients.filter((c) => c.open).length,
    sent, accepted, non2xx, errors, skipped, expected, received: p.received, lost: expected - p.received,
    duplicates: p.dups, achieved_rate: (sent / sendSecs).toFixed(1),
    // first send -> last delivery, so deliveries made during the drain do not inflate the rate
    deliveries_per_s: Math.round(p.received / (Math.max(p.lastRecv, sendEnd) - start) * 1000),
    p50_ms: q(0.5).toFixed(2), p99_ms: q(0.99).toFixed(2), max_ms: (lat.length ? lat[lat.length - 1] : NaN).toFixed(2),
    cpu_service: pct(cpu1.service - cpu0.service), cpu_postgres: pct(cpu1.postgres - cpu0.postgres),
    cpu_redis: pct(cpu1.redis - cpu0.redis), cpu_clients: Math.round(selfUs / 1e4 / spanS),
    cpu_machine: pct(cpu1.machine - cpu0.machine),
    loop_p99_ms: (loop.percentile(99) / 1e6).toFixed(1), loop_max_ms: (loop.max / 1e6).toFixed(1), rss_max_mib: Math.round(rssMax / 1024),
    // sequence numbers of accepted events that some client never got (at most 20 listed)
    short_seqs: shortSeqs.slice(0, 20).join(',') || 'none', short_events: shortSeqs.length,
    late_total: lateTotal,
    closes: [...closes].map(([k, v]) => `${k}:${v}`).join(',') || 'none',
  };
  console.log('BENCH ' + Object.entries(r).map(([k, v]) => `${k}=${v}`).join(' '));
  if (lastBad) console.log(`BENCH_LAST_BAD phase=${name} ${lastBad}`);
  phase = null;
  return r;
}

// ---- run: warm-up, measured phase, ramp ------------------------------------------------------------
if (WARMUP > 0) { log(`warm-up ${WARMUP} s at ${RATE}/s`); await runPhase('warmup', RATE, WARMUP); }
log(`measured ${DURATION} s at ${RATE}/s`);
await runPhase('measured', RATE, DURATION);
for (const rate of RAMP) {
  if (!clients.some((c) => c.open)) break;
  log(`ramp ${RAMP_DURATION} s at ${rate}/s`);
  const r = await runPhase(`ramp-${rate}`, rate, RAMP_DURATION);
  if (r.lost !== 0 || r.skipped !== 0 || r.non2xx !== 0 || r.errors !== 0 || !(+r.p99_ms <= RAMP_P99_MS)) {
    log(`ramp stops at ${rate}/s (p99 ${r.p99_ms} ms, lost ${r.lost}, skipped ${r.skipped})`);
    break;
  }
}
for (const c of clients) if (c.open) c.ws.close(1000);
await sleep(500);
agent.destroy();
process.exit(0);
