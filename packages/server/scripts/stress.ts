/**
 * Load, fault and soak runs against a real ogkit server in a child process (so the measured process
 * is the server, not the load generator). Prints the figures docs/reliability.md quotes and exits
 * non-zero when a target is missed.
 *
 *   npm run stress -w @ogkit/server -- [load|faults|soak|all] [--duration 30] [--renders 20000]
 *                                       [--warmup 5000] [--json]
 *
 * load:   capacity from a short closed-loop run, then autocannon at twice that rate with unique URLs
 *         for --duration s: only 200 and 503, p95 of the 200s < 1.5 s, event-loop delay < 100 ms.
 * faults: 504 latency against the render time limit (< limit + 10%), 503 latency (< 50 ms), time
 *         until the pool is whole after a worker crash (< 1 s), /healthz answered throughout.
 * soak:   --warmup unique renders, then --renders more: RSS and external memory then and at the end
 *         (< 10%).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

// ---------------------------------------------------------------------------------------------
// The server side: a plain ES module run by `node -e` (no TypeScript loader in the process, which
// the built server's worker threads would inherit), running createOgServer and answering IPC
// requests for its own memory and event-loop delay.

interface ServerStats {
  rss: number;
  external: number;
  heapUsed: number;
  /** Event-loop delay since the last reset, in ms. */
  loopDelay: { max: number; p99: number; mean: number };
}

type ServerMessage = { type: "ready"; url: string } | { type: "stats"; stats: ServerStats };

/** The built server (what production runs) when there is one, else the TypeScript source. */
const distEntry = new URL("../dist/index.js", import.meta.url);
const serverBuild = existsSync(distEntry) ? "dist" : "source";
const serverEntry = serverBuild === "dist" ? distEntry : new URL("../src/index.ts", import.meta.url);

const SERVER_PROCESS = `
import { monitorEventLoopDelay } from "node:perf_hooks";
const [entry, optionsJson] = process.argv.slice(-2);
const { createOgServer } = await import(entry);
const server = createOgServer({ ...JSON.parse(optionsJson), onError: () => {} });
const { url } = await server.listen(0, "127.0.0.1");
await server.handler.warm();
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
// One gc() leaves freed ArrayBuffers' memory to V8's background sweeper, so external memory read
// right after it still counts buffers that are already garbage; settle over a few rounds.
const settle = async () => {
  for (let round = 0; round < 3; round++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
process.on("message", async (message) => {
  if (message.type === "stats") {
    if (message.gc) await settle();
    const memory = process.memoryUsage();
    process.send({
      type: "stats",
      stats: {
        rss: memory.rss,
        external: memory.external,
        heapUsed: memory.heapUsed,
        loopDelay: { max: ms(delay.max), p99: ms(delay.percentile(99)), mean: ms(delay.mean) },
      },
    });
    if (message.reset) delay.reset();
  } else if (message.type === "close") {
    server.close().then(() => process.exit(0));
  }
});
process.send({ type: "ready", url });
`;

// ---------------------------------------------------------------------------------------------
// The driver.

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Server {
  url: string;
  child: ChildProcess;
  stats(options?: { gc?: boolean; reset?: boolean }): Promise<ServerStats>;
  close(): Promise<void>;
}

async function startServer(options: Record<string, unknown>, env: Record<string, string> = {}): Promise<Server> {
  const loader = serverBuild === "dist" ? [] : ["--import", "tsx", "--conditions=@ogkit/source"];
  const child = spawn(
    process.execPath,
    [...loader, "--expose-gc", "--input-type=module", "-e", SERVER_PROCESS, serverEntry.href, JSON.stringify(options)],
    { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message: ServerMessage) => {
      if (message.type === "ready") resolve(message.url);
    });
    child.once("exit", (code) => reject(new Error(`the server exited with ${code} before it was ready`)));
  });
  return {
    url,
    child,
    stats: (request = {}) =>
      new Promise((resolve) => {
        const onMessage = (message: ServerMessage) => {
          if (message.type !== "stats") return;
          child.off("message", onMessage);
          resolve(message.stats);
        };
        child.on("message", onMessage);
        child.send({ type: "stats", ...request });
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "close" });
      }),
  };
}

let unique = 0;
const themes = ["dark", "light", "gradient", "cyberpunk", "minimal", "bold"];
const patterns = ["none", "dots", "grid", "diagonal", "waves", "circuit"];
const icons = ["rocket", "code", "zap", "star", "globe", "book"];
/** A card no earlier request asked for: every request is a render. */
function uniqueCard(size = ""): string {
  unique++;
  const pick = (list: string[]) => list[unique % list.length] as string;
  const title = encodeURIComponent(`Stress card ${process.pid}-${unique}: a two-line title for the load run`);
  return `/api/v1/og?title=${title}&subtitle=Subtitle%20${unique}&theme=${pick(themes)}&pattern=${pick(patterns)}&icon=${pick(icons)}${size}`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface RunResult {
  statuses: Record<string, number>;
  /** Latencies of the 200s, in ms, sorted. */
  ok: number[];
  errors: number;
  seconds: number;
}

/** An autocannon run where every request is a new card; statuses and 200 latencies recorded. */
async function cannon(
  url: string,
  options: { connections: number; duration?: number; amount?: number; overallRate?: number; size?: string },
): Promise<RunResult> {
  const statuses: Record<string, number> = {};
  const ok: number[] = [];
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url,
      connections: options.connections,
      ...(options.duration ? { duration: options.duration } : {}),
      ...(options.amount ? { amount: options.amount } : {}),
      ...(options.overallRate ? { overallRate: options.overallRate } : {}),
      timeout: 30,
      requests: [
        {
          setupRequest: (request) => {
            request.path = uniqueCard(options.size);
            return request;
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client, statusCode: number, _bytes: number, responseTime: number) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode === 200) ok.push(responseTime);
  });
  const result = await done;
  ok.sort((a, b) => a - b);
  return { statuses, ok, errors: result.errors + result.timeouts, seconds: (performance.now() - started) / 1000 };
}

interface Check {
  name: string;
  value: number | string;
  target: string;
  pass: boolean;
}

const check = (name: string, value: number | string, target: string, pass: boolean): Check => ({
  name,
  value,
  target,
  pass,
});

// ---------------------------------------------------------------------------------------------
// Phases.

async function loadPhase(duration: number) {
  const concurrency = Math.max(1, cpus().length);
  const server = await startServer({ concurrency });
  try {
    log(`load: warming up, then ${Math.min(10, duration)} s closed-loop to measure capacity (${concurrency} workers)`);
    await cannon(server.url, { connections: concurrency, amount: concurrency * 4 });
    const closed = await cannon(server.url, { connections: concurrency * 2, duration: Math.min(10, duration) });
    const capacity = (closed.statuses[200] ?? 0) / closed.seconds;
    const rate = Math.max(1, Math.round(capacity * 2));
    log(`load: capacity ${capacity.toFixed(1)} renders/s; ${duration} s at ${rate} requests/s`);
    await server.stats({ reset: true });
    const open = await cannon(server.url, {
      connections: Math.max(64, rate * 4),
      duration,
      overallRate: rate,
    });
    const stats = await server.stats({ reset: true });
    const other = Object.entries(open.statuses).filter(([status]) => status !== "200" && status !== "503");
    const p95 = percentile(open.ok, 95);
    const total = Object.values(open.statuses).reduce((sum, n) => sum + n, 0);
    const figures = {
      workers: concurrency,
      capacityPerSecond: Math.round(capacity * 10) / 10,
      offeredPerSecond: rate,
      durationSeconds: duration,
      requests: total,
      statuses: open.statuses,
      acceptedPerSecond: Math.round(((open.statuses[200] ?? 0) / open.seconds) * 10) / 10,
      socketErrors: open.errors,
      acceptedP50Ms: percentile(open.ok, 50),
      acceptedP95Ms: p95,
      acceptedMaxMs: open.ok.at(-1) ?? 0,
      eventLoopDelayMaxMs: stats.loopDelay.max,
      eventLoopDelayP99Ms: stats.loopDelay.p99,
    };
    const checks = [
      check(
        "only 200 and 503",
        other.length === 0 && open.errors === 0 ? "yes" : JSON.stringify(other),
        "yes",
        other.length === 0 && open.errors === 0,
      ),
      check("some requests accepted", open.statuses[200] ?? 0, "> 0", (open.statuses[200] ?? 0) > 0),
      check("p95 of accepted (ms)", p95, "< 1500", p95 < 1500),
      check("event-loop delay max (ms)", stats.loopDelay.max, "< 100", stats.loopDelay.max < 100),
    ];
    return { figures, checks };
  } finally {
    await server.close();
  }
}

async function faultsPhase() {
  const concurrency = 2;
  const limit = 2000;
  const server = await startServer(
    { concurrency, maxQueue: 2, renderTimeoutMs: limit },
    { OGKIT_FAULT_INJECTION: "1" },
  );
  const get = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`);
    await response.arrayBuffer();
    return {
      status: response.status,
      ms: performance.now() - started,
      retryAfter: response.headers.get("retry-after"),
    };
  };
  const small = "&width=400&height=210";
  // /healthz is asked every 50 ms through the whole phase; every answer must be a 200.
  const health = { asked: 0, failed: 0 };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      health.asked++;
      try {
        if ((await fetch(`${server.url}/healthz`)).status !== 200) health.failed++;
      } catch {
        health.failed++;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const workers = async () =>
    ((await (await fetch(`${server.url}/healthz`)).json()) as { renders: { workers: number } }).renders.workers;
  /** After a worker died: ms until the pool has its threads back, and until it serves at full width. */
  async function recovery(since: number) {
    while ((await workers()) < concurrency) await new Promise((resolve) => setTimeout(resolve, 5));
    const threads = performance.now() - since;
    const batch = await Promise.all(Array.from({ length: concurrency }, () => get(`${uniqueCard(small)}`)));
    return { threads, serving: performance.now() - since, ok: batch.every((response) => response.status === 200) };
  }
  try {
    await Promise.all(Array.from({ length: concurrency * 2 }, () => get(uniqueCard(small))));
    log(`faults: 504s against a ${limit} ms limit`);
    const timeouts: number[] = [];
    const afterTimeout: number[] = [];
    for (let i = 0; i < 3; i++) {
      const hung = await get(`/api/v1/og?title=ogkit-fault:hang:600000:${i}${small}`);
      if (hung.status !== 504) throw new Error(`a hung render got ${hung.status}, not 504`);
      timeouts.push(Math.round(hung.ms));
      const back = await recovery(performance.now());
      afterTimeout.push(Math.round(back.serving));
    }
    log("faults: 503s with the queue full");
    const cached = uniqueCard(small);
    await get(cached);
    // Held within the time limit, so that no worker is replaced while the refusals are measured.
    const busy = Array.from({ length: concurrency + 2 }, (_, i) =>
      get(`/api/v1/og?title=ogkit-fault:sleep:${limit * 0.6}:${i}${small}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refusals: number[] = [];
    let retryAfter = true;
    for (let i = 0; i < 20; i++) {
      const refused = await get(uniqueCard(small));
      if (refused.status !== 503) throw new Error(`a request to a full queue got ${refused.status}, not 503`);
      retryAfter &&= refused.retryAfter !== null;
      refusals.push(refused.ms);
    }
    const hit = await get(cached);
    await Promise.all(busy);
    refusals.sort((a, b) => a - b);
    log("faults: worker crashes");
    const crashes: { threads: number; serving: number; ok: boolean }[] = [];
    for (let i = 0; i < 3; i++) {
      const crashed = await get(`/api/v1/og?title=ogkit-fault:crash:${i}${small}`);
      if (crashed.status !== 500) throw new Error(`a crashing render got ${crashed.status}, not 500`);
      crashes.push(await recovery(performance.now()));
    }
    polling = false;
    await poller;
    const worstTimeout = Math.max(...timeouts);
    const worstThreads = Math.round(Math.max(...crashes.map((crash) => crash.threads)));
    const worstServing = Math.round(Math.max(...crashes.map((crash) => crash.serving)));
    const figures = {
      renderTimeoutMs: limit,
      timeoutAnswersMs: timeouts,
      servingAgainAfterTimeoutMs: afterTimeout,
      overloadedP50Ms: Math.round(percentile(refusals, 50) * 10) / 10,
      overloadedMaxMs: Math.round((refusals.at(-1) ?? 0) * 10) / 10,
      overloadedRetryAfter: retryAfter,
      cachedDuringOverload: hit.status,
      crashThreadsBackMs: crashes.map((crash) => Math.round(crash.threads)),
      crashServingAgainMs: crashes.map((crash) => Math.round(crash.serving)),
      healthz: health,
    };
    const checks = [
      check("504 answered within limit + 10% (ms)", worstTimeout, `<= ${limit * 1.1}`, worstTimeout <= limit * 1.1),
      check("503 answered (max ms)", figures.overloadedMaxMs, "< 50", figures.overloadedMaxMs < 50),
      check("503 carries Retry-After", String(retryAfter), "true", retryAfter),
      check("cached image during overload", hit.status, "200", hit.status === 200),
      check("pool threads back after a crash (ms)", worstThreads, "< 1000", worstThreads < 1000),
      // A replacement thread loads the engine (fonts, icons) before it takes a render; meanwhile the
      // other threads serve. This bound catches a pool that does not recover, not the load time.
      check(
        "pool serving at full width after a crash (ms)",
        worstServing,
        "< 2000",
        worstServing < 2000 && crashes.every((crash) => crash.ok),
      ),
      check("/healthz failures", health.failed, "0", health.failed === 0),
    ];
    return { figures, checks };
  } finally {
    polling = false;
    await server.close();
  }
}

/** The server's RSS every 100 ms while `run` runs: the median, and the run's result. */
async function medianRss(server: Server, run: () => Promise<RunResult>): Promise<{ median: number; run: RunResult }> {
  const samples: number[] = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      samples.push((await server.stats()).rss);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await run();
  running = false;
  await sampling;
  samples.sort((a, b) => a - b);
  return { median: samples.length > 0 ? percentile(samples, 50) : Number.NaN, run: result };
}

/** Adds up the statuses and errors of several runs. */
function combined(runs: RunResult[]): { statuses: Record<string, number>; errors: number } {
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  }
  return { statuses, errors: runs.reduce((sum, run) => sum + run.errors, 0) };
}

/**
 * `warmup` unique renders, then `renders` more, measured. A fresh server's RSS climbs for about
 * 5,000 renders (each render thread's JIT code, V8 heap sizing and malloc arenas settling) and is
 * flat after: a shorter warm-up measured the end of that climb as growth (6-14% over runs, against
 * 4% once past it).
 */
async function soakPhase(renders: number, warmup: number) {
  const concurrency = Math.max(1, cpus().length);
  const cacheMb = 16;
  const server = await startServer({ concurrency, cacheBytes: cacheMb * 1024 * 1024 });
  const size = "&width=600&height=315";
  try {
    log(`soak: ${warmup} warm-up renders, then ${renders} measured (cache ${cacheMb} MB)`);
    // RSS is read as the median over a window of renders, not at one instant: each render thread
    // swings by up to its native-memory budget (pool/collect.ts) between collections, which a
    // single reading would catch at a random point of the swing.
    const window = Math.max(1, Math.min(1000, Math.round(renders / 10)));
    const load = (amount: number) => cannon(server.url, { connections: concurrency * 2, amount, size });
    const warm = await load(warmup);
    const startRss = await medianRss(server, () => load(window));
    const start = await server.stats({ gc: true });
    const middle = await load(Math.max(1, renders - 2 * window));
    const endRss = await medianRss(server, () => load(window));
    const end = await server.stats({ gc: true });
    const measured = [startRss.run, middle, endRss.run];
    const seconds = measured.reduce((sum, run) => sum + run.seconds, 0);
    const { statuses, errors } = combined([warm, ...measured]);
    const growth = (a: number, b: number) => Math.round(((b - a) / a) * 1000) / 10;
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    const figures = {
      renders,
      warmupRenders: warmup,
      cacheMb,
      rendersPerSecond: Math.round(((combined(measured).statuses[200] ?? 0) / seconds) * 10) / 10,
      statuses,
      rssAfterWarmupMb: mb(startRss.median),
      rssEndMb: mb(endRss.median),
      rssGrowthPercent: growth(startRss.median, endRss.median),
      externalAfterWarmupMb: mb(start.external),
      externalEndMb: mb(end.external),
      externalGrowthPercent: growth(start.external, end.external),
    };
    const onlyOk = Object.keys(statuses).every((status) => status === "200") && errors === 0;
    const checks = [
      check("every render answered 200", onlyOk ? "yes" : JSON.stringify(statuses), "yes", onlyOk),
      check("RSS growth after warm-up (%)", figures.rssGrowthPercent, "< 10", figures.rssGrowthPercent < 10),
      check(
        "external memory growth after warm-up (%)",
        figures.externalGrowthPercent,
        "< 10",
        figures.externalGrowthPercent < 10,
      ),
    ];
    return { figures, checks };
  } finally {
    await server.close();
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      duration: { type: "string", default: "30" },
      renders: { type: "string", default: "20000" },
      warmup: { type: "string", default: "5000" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  const phase = positionals[0] ?? "all";
  if (!["load", "faults", "soak", "all"].includes(phase)) {
    log(`stress: unknown phase "${phase}": use load, faults, soak or all`);
    return 2;
  }
  const results: Record<string, { figures: Record<string, unknown>; checks: Check[] }> = {};
  const started = performance.now();
  if (phase === "load" || phase === "all") results.load = await loadPhase(Number(values.duration));
  if (phase === "faults" || phase === "all") results.faults = await faultsPhase();
  if (phase === "soak" || phase === "all")
    results.soak = await soakPhase(Number(values.renders), Number(values.warmup));
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    server: serverBuild,
  };
  const passed = Object.values(results).every((result) => result.checks.every((item) => item.pass));
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ machine, seconds: Math.round((performance.now() - started) / 1000), passed, ...results }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      `machine: ${machine.cpus} x ${machine.cpu}, Node ${machine.node}; server from ${machine.server}\n`,
    );
    for (const [name, result] of Object.entries(results)) {
      process.stdout.write(`\n${name}\n`);
      for (const [key, value] of Object.entries(result.figures)) {
        process.stdout.write(`  ${key.padEnd(30)} ${typeof value === "object" ? JSON.stringify(value) : value}\n`);
      }
      for (const item of result.checks) {
        process.stdout.write(`  ${item.pass ? "PASS" : "FAIL"} ${item.name}: ${item.value} (target ${item.target})\n`);
      }
    }
    process.stdout.write(
      `\n${passed ? "all targets met" : "TARGETS MISSED"} in ${Math.round((performance.now() - started) / 1000)} s\n`,
    );
  }
  return passed ? 0 : 1;
}

process.exitCode = await main();
