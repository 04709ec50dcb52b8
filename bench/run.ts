// `npm run bench [-- --bulk N]`: start Yimen on a generated data set (the demo
// content, plus N synthetic items) and measure it next to two baselines that
// serve the very same bytes, in the same run:
//   floor — a bare Fastify route returning the page from memory (one process, like Yimen);
//   nginx — the page as a static file (when nginx is installed).
// Yimen runs twice on the same database: with its page cache and without it.
// The load comes from wrk (-t1, as the portal issue measured) when it is
// installed, else from autocannon, a heavier client: with it the floor and
// nginx are client-bound sooner, which flatters Yimen's ratios.
// Single-request latencies of uncached pages show whether they stay flat as
// items grow (compare a run with --bulk 700 and one with --bulk 100000).
// Prints a Markdown table for docs/PERFORMANCE.md and writes JSON to bench/results/.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values: args } = parseArgs({
  options: {
    bulk: { type: 'string', default: '0' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '8' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '50' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
  },
});
/**
 * Every target is measured once per round, the rounds one after the other:
 * on a shared or virtual machine the CPU on offer drifts over minutes, and a
 * target measured only at a bad moment skewed the ratios (0.42 and 0.91 for
 * the same build in two runs). The report takes each target's median round,
 * and each ratio as the median of the ratios within a round.
 */
const ROUNDS = Math.max(1, Number(args.rounds));
const BULK = Number(args.bulk);
const DURATION = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'yimen.js');

interface Result {
  target: string;
  path: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

const hasTool = (command: string, versionArg: string) => !spawnSync(command, [versionArg]).error;
const WRK = hasTool('wrk', '--version');
const CLIENT = WRK ? 'wrk -t1' : 'autocannon';

function startYimen(
  dataDir: string,
  cache: boolean,
): Promise<{ child: ChildProcess; url: string }> {
  const env = {
    ...process.env,
    YIMEN_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    // One client sends millions of requests a minute here.
    YIMEN_RATE_LIMIT: '100000000',
    YIMEN_PAGE_CACHE: cache ? 'true' : 'false',
    YIMEN_JOBS: 'false',
  };
  // As `npm start` and bin/yimen.js's first line run it.
  const child = spawn(process.execPath, ['--max-semi-space-size=8', BIN, 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /ready at (http:\/\/[^/\s]+)\//.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`yimen exited with ${code}: ${err}`)));
  });
}

function startFloor(
  body: Buffer,
  contentType: string,
): Promise<{ child: ChildProcess; url: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'yimen-bench-floor-')), 'page.html');
  writeFileSync(file, body);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'floor.ts'), file, contentType],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child
      .stdout!.setEncoding('utf8')
      .once('data', (d: string) => resolve({ child, url: d.trim() }));
    child.on('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
  });
}

function startNginx(body: Buffer): { child: ChildProcess; url: string } | undefined {
  if (!hasTool('nginx', '-v')) {
    log('nginx is not installed: the static-file baseline is skipped (apt-get install nginx).');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'yimen-bench-nginx-'));
  // nginx's workers drop root; they must be able to read the page.
  chmodSync(dir, 0o755);
  for (const sub of ['html', 'logs', 'tmp']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'html', 'index.html'), body);
  const port = 18000 + Math.floor(Math.random() * 1000);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 2; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/logs/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; keepalive_requests 100000; default_type text/html;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server { listen 127.0.0.1:${port}; root ${dir}/html; location / { index index.html; } } }`,
  );
  const child = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** A wrk duration ("812.00us", "2.10ms", "1.02s") in milliseconds. */
function wrkMs(value: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value ?? '');
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

function runWrk(url: string, seconds: number): Omit<Result, 'target' | 'path'> {
  const out = spawnSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url], {
    encoding: 'utf8',
  }).stdout;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requestsPerSec: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    p50: Math.round(wrkMs(/^\s+50%\s+(\S+)/m.exec(out)?.[1]) * 100) / 100,
    p99: Math.round(wrkMs(/^\s+99%\s+(\S+)/m.exec(out)?.[1]) * 100) / 100,
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

async function runAutocannon(
  url: string,
  seconds: number,
): Promise<Omit<Result, 'target' | 'path'>> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return {
    requestsPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function measure(target: string, base: string, path: string): Promise<Result> {
  const load = (seconds: number) =>
    WRK ? Promise.resolve(runWrk(base + path, seconds)) : runAutocannon(base + path, seconds);
  // Warm up (JIT, caches, connection setup) before the measured run.
  await load(2);
  const result = { target, path, ...(await load(DURATION)) };
  log(
    `  ${target} ${path}: ${result.requestsPerSec} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
  );
  return result;
}

interface Target {
  target: string;
  base: string;
  path: string;
}

/** Each target once per round; per target its rounds in order. */
async function measureRounds(targets: Target[]): Promise<Result[][]> {
  const runs: Result[][] = targets.map(() => []);
  for (let round = 1; round <= ROUNDS; round++) {
    log(`round ${round} of ${ROUNDS}`);
    for (const [i, t] of targets.entries()) runs[i]!.push(await measure(t.target, t.base, t.path));
  }
  return runs;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** The round whose throughput is the median of the target's rounds. */
function medianRound(rounds: Result[]): Result {
  const m = median(rounds.map((r) => r.requestsPerSec));
  return rounds.find((r) => r.requestsPerSec === m)!;
}

interface Latency {
  path: string;
  median: number;
  p90: number;
}

/**
 * One request at a time: how long one uncached page takes, free of queueing.
 * Every path is warmed up first (V8 optimises a function only after many
 * calls: with 5 warm-up requests, a run right after start measured `/` at
 * 3.45 ms where the warm server takes 2.5), then the paths take turns, so
 * that a slower moment of the machine falls on all of them alike.
 */
async function latencies(
  base: string,
  paths: string[],
  times = 60,
  warmup = 100,
): Promise<Latency[]> {
  const timed = async (path: string) => {
    const started = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < warmup; i++) for (const path of paths) await timed(path);
  const ms = new Map<string, number[]>(paths.map((path) => [path, []]));
  for (let i = 0; i < times; i++) for (const path of paths) ms.get(path)!.push(await timed(path));
  return paths.map((path) => {
    const sorted = ms.get(path)!.sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))]! * 100) / 100;
    log(`  one at a time, no page cache ${path}: median ${at(0.5)} ms, p90 ${at(0.9)} ms`);
    return { path, median: at(0.5), p90: at(0.9) };
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** Resident memory now and at its peak (VmHWM), in MiB. */
function rssMiB(pid: number | undefined): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field: string) =>
    Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
  return { now: mib('VmRSS'), peak: mib('VmHWM') };
}

interface Rss {
  cached: { now: number; peak: number };
  uncached: { now: number; peak: number };
}

function seed(dataDir: string): void {
  const env = { ...process.env, YIMEN_DATA_DIR: dataDir };
  log(`generating the data set in ${dataDir}…`);
  const demo = spawnSync(process.execPath, [BIN, 'seed'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (demo.status !== 0) throw new Error('seed failed');
  if (BULK > 0) {
    const bulk = spawnSync(process.execPath, [BIN, 'seed', '--bulk', String(BULK)], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (bulk.status !== 0) throw new Error('bulk seed failed');
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yimen-bench-'));
  seed(dataDir);
  const cached = await startYimen(dataDir, true);
  const uncached = await startYimen(dataDir, false);
  const channel = await (await fetch(`${cached.url}/sites/government/news/`)).text();
  const itemPath = /href="(\/sites\/government\/news\/[^"]+\.html)"/.exec(channel)?.[1];
  if (!itemPath) throw new Error('no item link on the channel page');
  const page = await fetch(cached.url + itemPath);
  const body = Buffer.from(await page.arrayBuffer());
  const floor = await startFloor(
    body,
    page.headers.get('content-type') ?? 'text/html; charset=utf-8',
  );
  const nginx = startNginx(body);

  if (!WRK) log('wrk is not installed: load from autocannon instead (apt-get install wrk).');
  log(
    `measuring ${DURATION}s per target with ${CLIENT}, ${CONNECTIONS} connections; item page ${body.length} bytes`,
  );
  let runs: Result[][] = [];
  let single: Latency[] = [];
  let rss: Rss | undefined;
  try {
    if (nginx) await waitFor(`${nginx.url}/`);
    single = await latencies(uncached.url, ['/', '/citizens/', '/en/invest/', itemPath]);
    runs = await measureRounds([
      { target: 'yimen, cached', base: cached.url, path: '/' },
      { target: 'yimen, cached', base: cached.url, path: itemPath },
      { target: 'yimen, no page cache', base: uncached.url, path: '/' },
      { target: 'yimen, no page cache', base: uncached.url, path: itemPath },
      { target: 'yimen', base: cached.url, path: '/healthz' },
      { target: 'floor: bare Fastify, same bytes', base: floor.url, path: '/' },
      ...(nginx ? [{ target: 'nginx: static file, same bytes', base: nginx.url, path: '/' }] : []),
    ]);
    rss = { cached: rssMiB(cached.child.pid), uncached: rssMiB(uncached.child.pid) };
  } finally {
    cached.child.kill('SIGTERM');
    uncached.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    nginx?.child.kill('SIGQUIT');
  }
  report(runs, single, body.length, rss!);
}

function report(runs: Result[][], single: Latency[], pageBytes: number, rss: Rss): void {
  const results = runs.map(medianRound);
  const floorRuns = runs[5]!;
  const nginxRuns = runs[6];
  /** Per round, a target's throughput against another's in the same round. */
  const perRound = (of: Result[], to: Result[]) =>
    of.map((r, i) => r.requestsPerSec / Math.max(1, to[i]!.requestsPerSec));
  /** The median of those. */
  const ratio = (of: Result[], to: Result[] | undefined) => (to ? median(perRound(of, to)) : 0);
  const itemCached = ratio(runs[1]!, floorRuns);
  const itemUncached = ratio(runs[3]!, floorRuns);
  const cachedToNginx = ratio(runs[1]!, nginxRuns);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  // A 429 or an error page is not the page being measured: say so in the report.
  const spoiled = runs
    .flat()
    .filter((r) => r.non2xx > 0 || r.errors > 0)
    .map((r) => `${r.target} ${r.path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  const lines = [
    `### ${date} — ${machine}`,
    '',
    `Data: demo content${BULK > 0 ? ` + ${BULK.toLocaleString('en')} bulk items` : ''} on SQLite. ${CLIENT}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per target after a 2 s warm-up; each row is the target's median round; item page ${pageBytes} bytes.`,
    '',
    '| target | path | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.target} | ${r.path.length > 40 ? `${r.path.slice(0, 37)}…` : r.path} | ${r.requestsPerSec} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`,
    ),
    ...(spoiled.length > 0
      ? ['', `**Not valid: some rounds were not answered with the page.** ${spoiled.join('; ')}.`]
      : []),
    '',
    `Item page against the floor (median of the rounds' ratios): cached ${itemCached.toFixed(2)}, uncached ${itemUncached.toFixed(2)}` +
      (nginxRuns
        ? `; cached item against nginx ${cachedToNginx.toFixed(2)}`
        : '; nginx not installed') +
      `. Per round, cached/floor: ${perRound(runs[1]!, floorRuns)
        .map((x) => x.toFixed(2))
        .join(', ')}; uncached/floor: ${perRound(runs[3]!, floorRuns)
        .map((x) => x.toFixed(2))
        .join(', ')}` +
      `. Yimen RSS after the run (peak): with the page cache ${rss.cached.now} MiB (${rss.cached.peak}), without ${rss.uncached.now} MiB (${rss.uncached.peak}).`,
    '',
    'Uncached pages one request at a time (no page cache, no concurrent load):',
    '',
    '| path | median ms | p90 ms |',
    '| --- | ---: | ---: |',
    ...single.map(
      (l) =>
        `| ${l.path.length > 40 ? `${l.path.slice(0, 37)}…` : l.path} | ${l.median} | ${l.p90} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', `${date}-bulk${BULK}.json`),
    JSON.stringify(
      { date, machine, client: CLIENT, bulk: BULK, results, runs, single, rss },
      null,
      2,
    ),
  );
}

await main();
