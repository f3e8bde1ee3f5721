/**
 * The peer benchmark (issue #7): `npm run bench` (about 8 minutes on 2 cores), `-- --smoke` for a
 * seconds-long structural run, `-- --in-process` for the engine rows alone, `-- --write` to put the
 * tables into README.md and docs/performance.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, platform, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type BenchCard, cards, resolvedParams } from "./cards.js";
import { coldLoad, type LoadLength, type LoadResult, startServer, waitIdle, warmLoad } from "./http.js";
import { runCard } from "./in-process.js";
import { measureLevers } from "./levers.js";
import { cpuScaling } from "./machine.js";
import { peers } from "./peers.js";
import { evaluateTargets, leversTable, markdownTables } from "./report.js";
import type { BenchResults, HttpCardRun, MemoryRun } from "./results.js";
import { runSoak } from "./soak.js";
import { median } from "./stats.js";

export interface BenchOptions {
  /** Few iterations, one card, no soak: seconds, for CI. Its numbers mean nothing. */
  smoke: boolean;
  /** Only the in-process rows (no servers, no soak): for iterating on the engine. */
  inProcessOnly?: boolean;
  /** Progress lines go here (default: stderr). */
  log?: (line: string) => void;
}

const WORKERS = 2;
const WARM_CONNECTIONS = 10;
const SOAK_RENDERS = 20_000;

interface Plan {
  warmup: number;
  rounds: number;
  /**
   * Unique renders each server does before any load is measured, across the cards: a render
   * thread's JIT (V8 optimizing satori, yoga and the engine, per thread) takes hundreds of renders
   * to settle, and two threads each see half the renders, so without it the one-worker server
   * would be measured warmer than the two-worker one.
   */
  serverWarmup: LoadLength;
  warm: LoadLength;
  /** One slice of a cold load; each worker count runs `coldSlices` of them, alternating. */
  cold: LoadLength;
  coldSlices: number;
}

// Smoke loads run for a number of requests, not seconds: on a busy CI machine some always complete.
const SMOKE: Plan = {
  warmup: 1,
  rounds: 2,
  serverWarmup: { requests: 4 },
  warm: { requests: 200 },
  cold: { requests: 4 },
  coldSlices: 1,
};
const FULL: Plan = {
  warmup: 5,
  rounds: 40,
  serverWarmup: { seconds: 20 },
  warm: { seconds: 5 },
  cold: { seconds: 2 },
  coldSlices: 4,
};

/** Adds up loads run in slices: requests over the time they took, the worst p99, the median p50. */
function combine(slices: LoadResult[]): LoadResult {
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  return {
    requestsPerSecond: requests / seconds,
    seconds,
    p50Ms: median(slices.map((slice) => slice.p50Ms)),
    p99Ms: Math.max(...slices.map((slice) => slice.p99Ms)),
    requests,
    failures: slices.reduce((sum, slice) => sum + slice.failures, 0),
  };
}

/**
 * Unique renders on one worker and on two, in alternating slices (a server each, both started
 * first), so that whatever else the machine does falls on both alike; cached requests; the
 * two-worker server's peak memory.
 */
async function runHttp(
  chosen: readonly BenchCard[],
  plan: Plan,
  log: (line: string) => void,
): Promise<{ http: HttpCardRun[]; memory: MemoryRun }> {
  const http: HttpCardRun[] = [];
  const one = await startServer(["--concurrency", "1"]);
  // Otherwise default settings: two workers is the default on the 2-core machines the targets are for.
  const two = await startServer(["--concurrency", String(WORKERS)]);
  const servers = [
    { server: one, workers: 1 },
    { server: two, workers: WORKERS },
  ] as const;
  try {
    for (const { server, workers } of servers) {
      log(`http warm-up, ${workers} worker(s): unique renders of every card`);
      for (const card of chosen) {
        const share =
          "seconds" in plan.serverWarmup
            ? { seconds: plan.serverWarmup.seconds / chosen.length }
            : { requests: plan.serverWarmup.requests };
        await coldLoad(server.url, card, { ...share, connections: 2 * workers });
      }
      await waitIdle(server.url);
    }
    for (const card of chosen) {
      log(`http cold, 1 and ${WORKERS} workers, alternating: ${card.name}`);
      const slices: [LoadResult[], LoadResult[]] = [[], []];
      for (let slice = 0; slice < plan.coldSlices; slice++) {
        for (const [index, { server, workers }] of servers.entries()) {
          slices[index]!.push(await coldLoad(server.url, card, { ...plan.cold, connections: 2 * workers }));
          await waitIdle(server.url);
        }
      }
      log(`http warm: ${card.name}`);
      const warm = await warmLoad(two.url, card, { ...plan.warm, connections: WARM_CONNECTIONS });
      http.push({
        card: card.name,
        image: warm.image,
        warm: warm.load,
        cold1: combine(slices[0]),
        cold2: combine(slices[1]),
      });
    }
    const usage = two.memory();
    const health = (await (await fetch(`${two.url}/healthz`)).json()) as { cache: { bytes: number } };
    const memory = {
      peakRssMb: usage.peakRssBytes / 2 ** 20,
      rssMb: usage.rssBytes / 2 ** 20,
      cacheMb: health.cache.bytes / 2 ** 20,
    };
    return { http, memory };
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const smoke = options.smoke;
  const chosen = smoke ? cards.slice(0, 1) : cards;
  const plan = smoke ? SMOKE : FULL;

  const inProcess = [];
  for (const card of chosen) {
    log(`in process: ${card.name}`);
    inProcess.push(await runCard(card, peers, plan));
  }

  log(`levers: ${chosen[0]!.name}`);
  const levers = await measureLevers(chosen[0]!, smoke ? 2 : 30);

  let http: HttpCardRun[] = [];
  let memory: MemoryRun = {
    peakRssMb: Number.NaN,
    rssMb: Number.NaN,
    cacheMb: Number.NaN,
    soakSkipped: "in-process run",
  };
  let scaling: number | undefined;
  if (!options.inProcessOnly) {
    log("machine: two CPU-bound threads against one");
    scaling = await cpuScaling(smoke ? 20_000_000 : 400_000_000);
    ({ http, memory } = await runHttp(chosen, plan, log));
    if (smoke) {
      memory.soakSkipped = "smoke run";
    } else {
      log(`memory soak: ${SOAK_RENDERS} unique renders`);
      Object.assign(memory, await runSoak(SOAK_RENDERS));
    }
  }

  const results: BenchResults = {
    mode: smoke ? "smoke" : options.inProcessOnly ? "in-process" : "full",
    machine: {
      cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
      cores: availableParallelism(),
      memoryGb: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.versions.node,
      date: new Date().toISOString().slice(0, 10),
      cpuScaling: scaling,
    },
    peers: peers.map(({ id, name }) => ({ id, name })),
    cards: chosen.map((card) => {
      const { width, height } = resolvedParams(card);
      return { name: card.name, description: card.description, width, height };
    }),
    inProcess,
    levers,
    http: { workers: WORKERS, warmConnections: WARM_CONNECTIONS, cards: http },
    memory,
    targets: [],
    durationSeconds: (performance.now() - started) / 1000,
  };
  results.targets = evaluateTargets(results);
  return results;
}

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** Replaces the text between the bench markers of a file. */
export function replaceRegion(text: string, region: string, file: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${file} has no ${START} ... ${END} region`);
  return `${text.slice(0, start + START.length)}\n${region}\n${text.slice(end)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smoke: { type: "boolean", default: false },
      "in-process": { type: "boolean", default: false },
      write: { type: "boolean", default: false },
    },
  });
  const results = await runBench({ smoke: values.smoke ?? false, inProcessOnly: values["in-process"] ?? false });
  const tables = markdownTables(results);
  const levers = leversTable(results);
  process.stdout.write(`\n${tables}\n\n${levers}\n`);
  if (results.mode === "full") {
    writeFileSync(new URL("../results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write("\nWrote bench/results.json\n");
  }
  if (values.write) {
    if (results.mode !== "full")
      throw new Error("--write takes the figures of a full run: drop --smoke and --in-process");
    // The README shows the tables; docs/performance.md the levers too.
    for (const [file, region] of [
      ["../../README.md", tables],
      ["../../docs/performance.md", `${tables}\n\n${levers}`],
    ] as const) {
      const url = new URL(file, import.meta.url);
      writeFileSync(url, replaceRegion(readFileSync(url, "utf8"), region, fileURLToPath(url)));
      process.stdout.write(`Wrote the tables into ${fileURLToPath(url)}\n`);
    }
  }
  // The numbers are for people: a missed target is shown, never an exit code.
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
