// Small helpers shared by bench/live-clients.mjs and bench/live-chain.mjs (see docs/benchmarks.md, "Live feeds").
import fs from 'node:fs';

// "--name value" pairs -> {name: value}.
export function parseArgs(argv) {
  return Object.fromEntries(argv.reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// CPU ticks (utime + stime, in CLK_TCK units) from /proc: the machine (all CPUs), the service's PID, every
// postgres and redis-server process, and each PID of `pids` (e.g. the client processes) under its own key.
export function cpuSnapshot(servicePid, pids = []) {
  const s = { machine: 0, service: 0, postgres: 0, redis: 0, pids: {} };
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  s.machine = cpu[1] + cpu[2] + cpu[3] + cpu[6] + cpu[7] + cpu[8];   // user nice system irq softirq steal
  const wanted = new Set(pids.map(String));
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let st; try { st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    const close = st.lastIndexOf(')');
    const comm = st.slice(st.indexOf('(') + 1, close);
    const f = st.slice(close + 2).split(' ');
    const ticks = +f[11] + +f[12];                     // utime + stime
    if (pid === String(servicePid)) s.service += ticks;
    else if (wanted.has(pid)) s.pids[pid] = ticks;
    else if (comm === 'postgres') s.postgres += ticks;
    else if (comm === 'redis-server') s.redis += ticks;
  }
  s.self = process.cpuUsage();
  return s;
}

// Resident set size of a process in KiB (0 when it is gone).
export function rssKb(pid) {
  try { return +(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return 0; }
}

// Exact quantile of a sorted array (nearest rank); NaN when empty.
export function quantile(sorted, f) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(f * sorted.length) - 1)] : NaN;
}

// What the clients offered and the server answered for permessage-deflate: pass wsOptions() to every
// new WebSocket (its finishRequest hook reads the upgrade request's header as ws sends it) and call
// answered(res) from its 'upgrade' event (res = the 101 response); headers() gives the first of each.
export function extensionRecorder() {
  let offer = null, answer = null;
  return {
    wsOptions: () => ({ finishRequest: (req) => { offer ??= String(req.getHeader('sec-websocket-extensions') ?? ''); req.end(); } }),
    answered: (res) => { answer ??= String(res.headers['sec-websocket-extensions'] ?? ''); },
    headers: () => ({ offer: offer ?? '', answer: answer ?? '' }),
  };
}

// POSTs one single-event batch (JSON text) on the keep-alive agent; calls done(status, text) when answered, or
// done(0, message) when the request failed. The caller takes the send time just before it.
export function postEvent(http, url, agent, headers, body, done) {
  const req = http.request(url, { method: 'POST', agent, headers: {
    'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } },
  (res) => {
    let text = '';
    res.setEncoding('utf8'); res.on('data', (d) => { text += d; });
    res.on('end', () => done(res.statusCode, text));
  });
  req.on('error', (e) => done(0, e.message));
  req.end(body);
}

const EVENT_ID_KEY = Buffer.from('"eventId":"');

// The eventId of a live message (a Buffer of JSON) without parsing it; null when it carries none (a snapshot).
export function eventIdOf(buf) {
  const i = buf.indexOf(EVENT_ID_KEY);
  if (i < 0) return null;
  const start = i + EVENT_ID_KEY.length;
  return buf.toString('latin1', start, buf.indexOf(34, start));   // 34 = '"'
}

// Follows one client WebSocket until it opens or is refused, and calls done once: done(true, null, deflated) when open
// (deflated: the server accepted permessage-deflate), done(false, reason) when refused. The reason has no spaces
// ("HTTP503", an error code), as it ends up in a "k=v" BENCH line.
export function whenOpened(ws, ext, done) {
  let settled = false;
  const settle = (ok, why, deflated) => { if (!settled) { settled = true; done(ok, why, deflated); } };
  ws.on('unexpected-response', (_req, res) => { settle(false, `HTTP${res.statusCode}`); res.resume(); ws.terminate(); });
  ws.on('error', (e) => settle(false, e.code ?? 'error'));
  ws.on('upgrade', (res) => ext.answered(res));
  ws.on('open', () => settle(true, null, ws.extensions.split(',').includes('permessage-deflate')));
}
