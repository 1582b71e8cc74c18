// Chain-shaped live-feed load for `SCENARIO=chain bench/live.sh` (see docs/benchmarks.md, "Live feeds").
//
// Many stores, each with its own screens and its own events:
//   - the stores chain-0001 .. chain-NNNN (created over REST by bench/live.sh beforehand) get their screens
//     from --shape, e.g. "310x30 10x2 680x1" = stores 1..310 have 30 screens, 311..320 have 2, 321..1000 have 1;
//     every screen is one WebSocket on /ws/traffic/realtime?storeId=<its store>&access_token=..;
//   - every store POSTs its own single-event batches: --store-rate (1) events/s at a per-store offset
//     ((k-1)/stores of a second, so the sum is smooth); every --burst-every (10) s, starting at the phase's
//     second 0, --burst-stores (20) stores drawn at random send --burst-rate (20) events/s instead, for
//     --burst-seconds (3) s.
// This file is both the coordinator (default) and its workers (--worker i, forked by the coordinator with an
// IPC channel): store k (1-based) belongs to worker k mod --procs, which both POSTs that store's events and
// holds all of that store's screens, so each latency (receive time - POST send time) is taken on one clock.
// Each worker writes its raw latency samples of a phase as Float64 to <work-dir>/<prefix>-p<phase>-w<i>.f64;
// the coordinator concatenates them, sorts, and reports exact p50/p99/max, plus per-connection counts
// (expected = every accepted event of its store for each connection open at the phase start; received; lost;
// duplicates by a per-connection bitmap; deliveries of another store's event), CPU of the service /
// PostgreSQL / Redis / client processes / machine, the service's RSS, and the workers' event-loop lag, as
// one "BENCH phase=<name> k=v ..." line per phase (warm-up, measured).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { parseArgs, sleep, cpuSnapshot, rssKb, quantile, extensionRecorder, postEvent, eventIdOf, whenOpened } from './lib/live-common.mjs';

// ---- arguments (the coordinator passes its own to every worker) -----------------------------------
const argv = process.argv.slice(2);
const args = parseArgs(argv);
const WORKER = args.worker !== undefined ? +args.worker : -1;
const BASE = args.url ?? 'http://127.0.0.1:18091';
const TOKEN = args.token;
const SHAPE = args.shape ?? '310x30 10x2 680x1';
const PROCS = +(args.procs ?? 2);
const CONNECT_BATCH = +(args['batch-size'] ?? 50);   // concurrent upgrades, in total (split over the workers)
const STORE_RATE = +(args['store-rate'] ?? 1);
const BURST_EVERY = +(args['burst-every'] ?? 10);
const BURST_STORES = +(args['burst-stores'] ?? 20);
const BURST_SECONDS = +(args['burst-seconds'] ?? 3);
const BURST_RATE = +(args['burst-rate'] ?? 20);
const POST_SOCKETS = +(args['post-sockets'] ?? 0);    // keep-alive sockets per worker for the POSTs; 0 = one per store
const WARMUP = +(args.warmup ?? 5);
const DURATION = +(args.duration ?? 30);
const DEFLATE = (args.deflate ?? '0') === '1';
const SERVICE_PID = args['service-pid'] ?? '';
const CLK_TCK = +(args['clk-tck'] ?? 100);
const PREFIX = args.prefix ?? `c${Date.now()}`;
const WORK_DIR = args['work-dir'] ?? '/tmp';
const SEED = +(args.seed ?? 1);
const STORE_ID_PREFIX = 'chain-';
const DRAIN_MS = 10_000;         // max wait for deliveries after the last send of a phase
const MAX_IN_FLIGHT = 256;       // POSTs outstanding per worker before a due event is skipped
const SNAPSHOT_WAIT_MS = 120_000;

const who = WORKER >= 0 ? `live-chain w${WORKER}` : 'live-chain';
const log = (m) => console.log(`[${who} ${new Date().toISOString().slice(11, 19)}] ${m}`);
const fail = (m) => { console.error(`live-chain.mjs: ${m}`); process.exit(64); };
const epochNow = () => performance.timeOrigin + performance.now();

// "310x30 10x2 680x1" -> screens per store, index 0 = store 1
function parseShape(text) {
  const screens = [];
  for (const part of text.split(/[ ,]+/).filter(Boolean)) {
    const m = /^(\d+)x(\d+)$/.exec(part);
    if (!m || +m[1] < 1 || +m[2] < 1) fail(`--shape must be groups like "310x30 10x2 680x1" (stores x screens), not '${text}'`);
    for (let i = 0; i < +m[1]; i++) screens.push(+m[2]);
  }
  if (!screens.length) fail('--shape is empty');
  return screens;
}
const SCREENS = parseShape(SHAPE);
const STORES = SCREENS.length;
const CONNECTIONS = SCREENS.reduce((a, b) => a + b, 0);
const storeId = (k) => `${STORE_ID_PREFIX}${String(k).padStart(4, '0')}`;
for (const [n, v] of Object.entries({ PROCS, CONNECT_BATCH, STORE_RATE, BURST_RATE, DURATION, CLK_TCK })) {
  if (!(Number.isInteger(v) && v >= 1)) fail(`${n} must be a whole number >= 1`);
}
for (const [n, v] of Object.entries({ BURST_EVERY, BURST_STORES, BURST_SECONDS, WARMUP })) {
  if (!(Number.isInteger(v) && v >= 0)) fail(`${n} must be a whole number >= 0`);
}
if (PROCS > STORES) fail('--procs must not exceed the number of stores');
if (BURST_STORES > STORES) fail('--burst-stores must not exceed the number of stores');
if (!TOKEN) fail('--token is required');

// The bursts of a phase: [{start, end (exclusive, seconds), stores: [k...]}], the same for every worker.
function burstsOf(phaseNo, secs) {
  const out = [];
  if (BURST_EVERY === 0 || BURST_STORES === 0 || BURST_SECONDS === 0) return out;
  let x = (SEED * 2654435761 + phaseNo * 40503) >>> 0;   // mulberry32, seeded per phase
  const rnd = () => {
    x = (x + 0x6D2B79F5) >>> 0; let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let start = 0; start < secs; start += BURST_EVERY) {
    const picked = new Set();
    while (picked.size < BURST_STORES) picked.add(1 + Math.floor(rnd() * STORES));
    out.push({ start, end: Math.min(secs, start + BURST_SECONDS), stores: [...picked].sort((a, b) => a - b) });
  }
  return out;
}

// Due times (ms from the phase start) of store k's events in a phase, in order.
function storeSchedule(k, secs, bursts) {
  const offset = (k - 1) / STORES;                      // fraction of a second
  const times = [];
  for (let s = 0; s < secs; s++) {
    const r = bursts.some((b) => s >= b.start && s < b.end && b.stores.includes(k)) ? BURST_RATE : STORE_RATE;
    for (let i = 0; i < r; i++) { const f = offset + i / r; times.push(1000 * (s + f - Math.floor(f))); }
  }
  return times.sort((a, b) => a - b);
}

if (WORKER >= 0) await worker(); else await coordinator();

// =====================================================================================================
// Worker: the stores k with k mod PROCS == WORKER, their screens and their POSTs
// =====================================================================================================
async function worker() {
  process.on('disconnect', () => process.exit(3));   // the coordinator is gone
  const send = (m) => process.send(m);
  const stores = [];
  for (let k = 1; k <= STORES; k++) if (k % PROCS === WORKER) stores.push({ k, id: storeId(k), screens: SCREENS[k - 1], conns: [] });
  const wsBase = BASE.replace(/^http/, 'ws') + '/ws/traffic/realtime';
  const conns = [];
  const connectFailures = new Map();
  const closes = new Map();
  let deflateNegotiated = 0, lateTotal = 0;
  const ext = extensionRecorder();
  let phase = null;

  function onEvent(c, buf) {
    const t = performance.now();
    const id = eventIdOf(buf);
    if (id === null) return;                           // not a traffic event
    const p = phase;
    if (!p || !id.startsWith(p.idPrefix)) { if (id.startsWith(`${PREFIX}.`)) lateTotal++; return; }
    const rest = id.slice(p.idPrefix.length);          // "<k>.<n>"
    const dot = rest.indexOf('.');
    const k = +rest.slice(0, dot), n = +rest.slice(dot + 1);
    const st = c.store;
    if (k !== st.k) { p.foreign++; return; }           // another store's event on this store's screen
    if (!(n >= 0 && n < st.total)) { p.other++; return; }
    if (c.seenPhase !== p.no) { c.seen = new Uint8Array(st.total); c.seenPhase = p.no; }
    if (c.seen[n]) { p.dups++; return; }
    c.seen[n] = 1; c.recv++;
    st.perEvent[n]++;
    p.received++; p.lastRecv = t;
    if (p.n < p.lat.length) p.lat[p.n++] = t - st.sendTimes[n];
  }

  // ---- connect, in batches of CONNECT_BATCH concurrent upgrades; then wait for the snapshots ----------
  function connectOne(st) {
    return new Promise((resolve) => {
      const c = { store: st, ws: null, open: false, snapshot: false, seen: new Uint8Array(0), seenPhase: -1, recv: 0, openAtStart: false };
      const ws = new WebSocket(`${wsBase}?storeId=${encodeURIComponent(st.id)}&access_token=${encodeURIComponent(TOKEN)}`,
        { perMessageDeflate: DEFLATE, handshakeTimeout: 15_000, ...ext.wsOptions() });
      c.ws = ws;
      whenOpened(ws, ext, (ok, why, deflated) => {
        if (ok) {
          c.open = true;
          if (deflated) deflateNegotiated++;
          conns.push(c); st.conns.push(c);
        } else connectFailures.set(why, (connectFailures.get(why) ?? 0) + 1);
        resolve();
      });
      ws.on('message', (data) => {
        if (!c.snapshot) { if (data.indexOf('"type":"snapshot"') >= 0) { c.snapshot = true; return; } }
        onEvent(c, data);
      });
      ws.on('close', (code) => { if (c.open) closes.set(code, (closes.get(code) ?? 0) + 1); c.open = false; });
    });
  }
  const planned = stores.flatMap((st) => Array.from({ length: st.screens }, () => st));
  const batch = Math.max(1, Math.ceil(CONNECT_BATCH / PROCS));   // --batch-size is the total over all workers
  const t0 = performance.now();
  for (let i = 0; i < planned.length; i += batch) {
    await Promise.all(planned.slice(i, i + batch).map(connectOne));
  }
  const connectS = (performance.now() - t0) / 1000;
  const snapEnd = performance.now() + SNAPSHOT_WAIT_MS;
  while (conns.some((c) => c.open && !c.snapshot) && performance.now() < snapEnd) await sleep(100);
  const snapshotS = (performance.now() - t0) / 1000;
  log(`${conns.length}/${planned.length} connected in ${connectS.toFixed(1)} s (${stores.length} stores), ` +
    `snapshots ${conns.filter((c) => c.snapshot).length} after ${snapshotS.toFixed(1)} s`);
  send({ type: 'connected', planned: planned.length, connected: conns.length, snapshots: conns.filter((c) => c.snapshot).length,
    connectS, snapshotS, failures: Object.fromEntries(connectFailures), deflateNegotiated, extHeaders: ext.headers() });

  // ---- phases -----------------------------------------------------------------------------------
  // Each store's counter holds its own connection, as in a real chain; a smaller shared pool queues POSTs in the client.
  const agent = new http.Agent({ keepAlive: true, maxSockets: POST_SOCKETS > 0 ? POST_SOCKETS : stores.length });
  const postUrl = new URL('/api/v1/traffic/events', BASE);

  async function runPhase(m) {
    const { no, name, secs, startEpoch, bursts } = m;
    const idPrefix = `${PREFIX}.${no}.`;
    // schedule: every own store's events, merged in due order
    const due = [];
    for (const st of stores) {
      const times = storeSchedule(st.k, secs, bursts);
      st.total = times.length;
      st.sendTimes = new Float64Array(st.total);
      st.accepted = new Uint8Array(st.total);
      st.perEvent = new Uint32Array(st.total);
      st.openAtStart = 0;
      times.forEach((t, n) => due.push({ t, st, n }));
    }
    due.sort((a, b) => a.t - b.t);
    let capacity = 1;
    for (const c of conns) {
      c.openAtStart = c.open; c.recv = 0;
      if (c.open) { c.store.openAtStart++; capacity += c.store.total; }
    }
    const p = { no, idPrefix, lat: new Float64Array(capacity), n: 0, received: 0, dups: 0, foreign: 0, other: 0, lastRecv: 0 };
    let sent = 0, accepted = 0, non2xx = 0, errors = 0, skipped = 0, inFlight = 0, lastBad = '';
    const postMs = new Float64Array(due.length); let postN = 0;   // POST send -> answer, accepted ones
    const start = performance.now() + (startEpoch - epochNow());
    while (performance.now() < start) await sleep(Math.max(1, start - performance.now()));
    phase = p;
    const loop = monitorEventLoopDelay({ resolution: 10 }); loop.enable();
    const post = (st, n) => new Promise((resolve) => {
      const body = JSON.stringify([{ id: `${idPrefix}${st.k}.${n}`, storeId: st.id, sensorId: 'door-1',
        timestamp: new Date().toISOString(), in: 1 + (n % 2), out: n % 2 }]);
      st.sendTimes[n] = performance.now();   // the POST send time of this event
      postEvent(http, postUrl, agent, { Authorization: `Bearer ${TOKEN}` }, body, (status, text) => {
        if (status >= 200 && status < 300) { accepted++; st.accepted[n] = 1; postMs[postN++] = performance.now() - st.sendTimes[n]; }
        else if (status === 0) { errors++; lastBad = text; }
        else { non2xx++; lastBad = `${status} ${text.slice(0, 200)}`; }
        resolve();
      });
    });
    // open loop: each event is due at start + its time; each tick sends everything that is due
    const pending = [];
    for (let i = 0; i < due.length;) {
      const at = start + due[i].t;
      const now = performance.now();
      if (at > now) { await sleep(Math.min(at - now, 50)); continue; }
      const { st, n } = due[i++];
      if (inFlight >= MAX_IN_FLIGHT) { skipped++; continue; }
      inFlight++; sent++;
      pending.push(post(st, n).then(() => { inFlight--; }));
    }
    const sendEnd = performance.now();
    await Promise.race([Promise.all(pending), sleep(15_000)]);
    let expected = 0;
    for (const st of stores) { let a = 0; for (const x of st.accepted) a += x; st.acceptedCount = a; expected += a * st.openAtStart; }
    const drainEnd = performance.now() + DRAIN_MS;
    while (p.received < expected && performance.now() < drainEnd) await sleep(20);
    loop.disable();
    phase = null;
    // per connection: expected = accepted events of its store; lost = those it did not get
    let lost = 0, lostConns = 0, receivedAccepted = 0;
    for (const c of conns) {
      if (!c.openAtStart) continue;
      let got = 0;
      if (c.seenPhase === no) for (let n = 0; n < c.store.total; n++) if (c.seen[n] && c.store.accepted[n]) got++;
      receivedAccepted += got;
      if (got < c.store.acceptedCount) { lost += c.store.acceptedCount - got; lostConns++; }
    }
    const shortList = []; let shortEvents = 0;
    for (const st of stores) {
      for (let n = 0; n < st.total; n++) {
        if (st.accepted[n] && st.perEvent[n] < st.openAtStart) {
          shortEvents++;
          if (shortList.length < 20) shortList.push(`${st.k}.${n}:${st.perEvent[n]}/${st.openAtStart}`);
        }
      }
    }
    const file = path.join(WORK_DIR, `${PREFIX}-p${no}-w${WORKER}.f64`);
    const lat = p.lat.subarray(0, p.n);
    fs.writeFileSync(file, Buffer.from(lat.buffer, lat.byteOffset, lat.byteLength));
    const postFile = path.join(WORK_DIR, `${PREFIX}-p${no}-w${WORKER}-post.f64`);
    const pm = postMs.subarray(0, postN);
    fs.writeFileSync(postFile, Buffer.from(pm.buffer, pm.byteOffset, pm.byteLength));
    send({ type: 'phase-done', no, name, file, postFile, samples: p.n, due: due.length, sent, accepted, non2xx, errors, skipped,
      expected, received: p.received, receivedAccepted, lost, lostConns, duplicates: p.dups, foreign: p.foreign, other: p.other,
      shortEvents, shortList, lateTotal, closes: Object.fromEntries(closes),
      openAtStart: conns.filter((c) => c.openAtStart).length, openEnd: conns.filter((c) => c.open).length,
      sendEndEpoch: performance.timeOrigin + sendEnd, lastRecvEpoch: p.lastRecv ? performance.timeOrigin + p.lastRecv : 0,
      loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, lastBad });
  }

  process.on('message', async (m) => {
    if (m.type === 'phase') await runPhase(m);
    else if (m.type === 'close') {
      for (const c of conns) if (c.open) c.ws.close(1000);
      await sleep(500);
      agent.destroy();
      process.exit(0);
    }
  });
}

// =====================================================================================================
// Coordinator: forks the workers, starts each phase at the same instant in all of them, merges
// =====================================================================================================
async function coordinator() {
  const self = fileURLToPath(import.meta.url);
  const workers = [];
  const inbox = [];           // messages not yet taken, per worker
  const waiters = [];
  let failed = '';
  for (let i = 0; i < PROCS; i++) {
    const w = fork(self, [...argv, '--worker', String(i)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    inbox.push([]); waiters.push(null);
    w.on('message', (m) => { const f = waiters[i]; if (f) { waiters[i] = null; f(m); } else inbox[i].push(m); });
    w.on('exit', (code, sig) => {
      if (!w.closing) { failed ||= `worker ${i} exited (${sig ?? code})`; const f = waiters[i]; if (f) { waiters[i] = null; f(null); } }
    });
    workers.push(w);
  }
  const stopAll = () => { for (const w of workers) { w.closing = true; try { w.kill(); } catch { /* gone */ } } };
  process.on('SIGTERM', () => { stopAll(); process.exit(143); });
  process.on('SIGINT', () => { stopAll(); process.exit(130); });
  const next = (i, timeoutMs) => new Promise((resolve) => {
    if (inbox[i].length) return resolve(inbox[i].shift());
    if (failed) return resolve(null);
    const timer = setTimeout(() => { waiters[i] = null; resolve(null); }, timeoutMs);
    waiters[i] = (m) => { clearTimeout(timer); resolve(m); };
  });
  const all = async (timeoutMs) => {
    const ms = await Promise.all(workers.map((_, i) => next(i, timeoutMs)));
    if (ms.some((m) => m === null)) {
      console.log(`BENCH_ABORT ${failed || 'a worker did not answer in time'}`);
      stopAll(); process.exit(3);
    }
    return ms;
  };
  const pids = workers.map((w) => w.pid);
  const clientPids = [...pids, process.pid];

  // ---- connect --------------------------------------------------------------------------------------
  log(`${STORES} stores, ${CONNECTIONS} connections (shape '${SHAPE}'), ${PROCS} client processes (pids ${pids.join(',')}), deflate ${DEFLATE ? 'offered' : 'off'}`);
  const t0 = performance.now();
  const conn = await all(CONNECTIONS / CONNECT_BATCH * 20_000 + SNAPSHOT_WAIT_MS + 60_000);
  const connectS = (performance.now() - t0) / 1000;
  const sum = (xs, f) => xs.reduce((a, x) => a + f(x), 0);
  const failures = new Map();
  for (const m of conn) for (const [k, v] of Object.entries(m.failures)) failures.set(k, (failures.get(k) ?? 0) + v);
  const failuresText = [...failures].map(([k, v]) => `${k}:${v}`).join(',') || 'none';
  const connected = sum(conn, (m) => m.connected);
  const hdr = conn.find((m) => m.extHeaders)?.extHeaders ?? { offer: '', answer: '' };
  console.log(`BENCH phase=connect clients=${CONNECTIONS} connected=${connected} snapshots=${sum(conn, (m) => m.snapshots)} ` +
    `connect_s=${Math.max(...conn.map((m) => m.connectS)).toFixed(2)} snapshots_s=${connectS.toFixed(2)} failures=${failuresText} ` +
    `deflate_offered=${DEFLATE ? 'yes' : 'no'} deflate_negotiated=${sum(conn, (m) => m.deflateNegotiated)} ` +
    `stores=${STORES} procs=${PROCS} per_proc=${conn.map((m) => `${m.connected}/${m.planned}`).join(',')}`);
  console.log(`BENCH_DEFLATE_HEADERS offer=[${hdr.offer}] answer=[${hdr.answer}]`);
  if (connected === 0) { stopAll(); process.exit(2); }

  // ---- phases ---------------------------------------------------------------------------------------
  const phases = [];
  if (WARMUP > 0) phases.push(['warmup', WARMUP]);
  phases.push(['measured', DURATION]);
  let no = 0;
  for (const [name, secs] of phases) {
    no++;
    const bursts = burstsOf(no, secs);
    log(`${name}: ${secs} s, ${STORE_RATE} event/s per store, bursts at s ${bursts.map((b) => b.start).join(',') || 'none'} ` +
      `(${BURST_STORES} stores x ${BURST_RATE}/s for ${BURST_SECONDS} s)`);
    const startEpoch = epochNow() + 500;
    for (const w of workers) w.send({ type: 'phase', no, name, secs, startEpoch, bursts });
    await sleep(Math.max(0, startEpoch - epochNow()));
    const cpu0 = cpuSnapshot(SERVICE_PID, clientPids);
    let rssMax = rssKb(SERVICE_PID);
    const rssTimer = setInterval(() => { rssMax = Math.max(rssMax, rssKb(SERVICE_PID)); }, 1000);
    const done = await all((secs + 15 + DRAIN_MS / 1000 + 60) * 1000);
    const end = epochNow();
    clearInterval(rssTimer);
    const rssEnd = rssKb(SERVICE_PID); rssMax = Math.max(rssMax, rssEnd);
    const cpu1 = cpuSnapshot(SERVICE_PID, clientPids);
    // merge the raw samples of every worker: exact percentiles
    const merge = (files) => {
      const parts = files.map((f) => { const b = fs.readFileSync(f); fs.rmSync(f, { force: true }); return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8); });
      const all = new Float64Array(parts.reduce((a, x) => a + x.length, 0));
      let off = 0; for (const x of parts) { all.set(x, off); off += x.length; }
      return all.sort();
    };
    const lat = merge(done.map((m) => m.file));
    const total = lat.length;
    const postLat = merge(done.map((m) => m.postFile));
    const spanS = (end - startEpoch) / 1000;
    const pct = (d) => Math.round((100 * d) / CLK_TCK / spanS);
    const perProc = pids.map((pid) => pct((cpu1.pids[pid] ?? 0) - (cpu0.pids[pid] ?? 0)));
    const coordUs = (cpu1.self.user + cpu1.self.system) - (cpu0.self.user + cpu0.self.system);
    const coordPct = Math.round(coordUs / 1e4 / spanS);
    const closes = new Map();
    for (const m of done) for (const [k, v] of Object.entries(m.closes)) closes.set(k, (closes.get(k) ?? 0) + v);
    const sendEnd = Math.max(...done.map((m) => m.sendEndEpoch));
    const lastRecv = Math.max(sendEnd, ...done.map((m) => m.lastRecvEpoch));
    const received = sum(done, (m) => m.received);
    const sent = sum(done, (m) => m.sent);
    const r = {
      phase: name, seconds: secs, stores: STORES, clients_open: sum(done, (m) => m.openAtStart), clients_open_end: sum(done, (m) => m.openEnd),
      due: sum(done, (m) => m.due), sent, accepted: sum(done, (m) => m.accepted),
      non2xx: sum(done, (m) => m.non2xx), errors: sum(done, (m) => m.errors), skipped: sum(done, (m) => m.skipped),
      achieved_rate: (sent / ((sendEnd - startEpoch) / 1000)).toFixed(1),
      expected: sum(done, (m) => m.expected), received, lost: sum(done, (m) => m.lost), lost_connections: sum(done, (m) => m.lostConns),
      duplicates: sum(done, (m) => m.duplicates), foreign: sum(done, (m) => m.foreign), other: sum(done, (m) => m.other),
      deliveries_per_s: Math.round(received / ((lastRecv - startEpoch) / 1000)),
      samples: total, p50_ms: quantile(lat, 0.5).toFixed(2), p99_ms: quantile(lat, 0.99).toFixed(2),
      max_ms: (total ? lat[total - 1] : NaN).toFixed(2),
      post_p50_ms: quantile(postLat, 0.5).toFixed(2), post_p99_ms: quantile(postLat, 0.99).toFixed(2),
      cpu_service: pct(cpu1.service - cpu0.service), cpu_postgres: pct(cpu1.postgres - cpu0.postgres),
      cpu_redis: pct(cpu1.redis - cpu0.redis), cpu_clients: perProc.reduce((a, b) => a + b, 0) + coordPct,
      cpu_clients_split: `${perProc.join('+')}+${coordPct}`, cpu_machine: pct(cpu1.machine - cpu0.machine),
      loop_p99_ms: Math.max(...done.map((m) => m.loopP99)).toFixed(1), loop_max_ms: Math.max(...done.map((m) => m.loopMax)).toFixed(1),
      loop_p99_split: done.map((m) => m.loopP99.toFixed(1)).join('/'),
      rss_max_mib: Math.round(rssMax / 1024), rss_end_mib: Math.round(rssEnd / 1024),
      bursts: bursts.length, burst_starts: bursts.map((b) => b.start).join(',') || 'none',
      short_events: sum(done, (m) => m.shortEvents), short_seqs: done.flatMap((m) => m.shortList).slice(0, 20).join(',') || 'none',
      late_total: sum(done, (m) => m.lateTotal),
      closes: [...closes].map(([k, v]) => `${k}:${v}`).join(',') || 'none',
    };
    console.log('BENCH ' + Object.entries(r).map(([k, v]) => `${k}=${v}`).join(' '));
    const bad = done.find((m) => m.lastBad);
    if (bad) console.log(`BENCH_LAST_BAD phase=${name} ${bad.lastBad}`);
  }
  for (const w of workers) { w.closing = true; w.send({ type: 'close' }); }
  await Promise.race([Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r() : w.on('exit', r))))), sleep(10_000)]);
  stopAll();
  process.exit(0);
}
