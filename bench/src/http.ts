import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { type OgParams, ogUrl } from "@ogkit/sdk";
import autocannon from "autocannon";
import type { BenchCard } from "./cards.js";
import { sharp } from "./deps.js";

/**
 * autocannon decodes every response body into a string (`PipelinedRequestsQueue#addBody` does
 * `req.body += data`): for a 40-160 KB PNG that costs the client about a millisecond, so at about
 * 1,000 req/s the load generator, not the server, was the bottleneck (the server sat 80% idle).
 * The bench reads no bodies, so it drops them; autocannon counts bytes separately.
 */
function dropResponseBodies(): void {
  const queue = createRequire(import.meta.url)("autocannon/lib/pipelinedRequestsQueue.js") as {
    prototype: { addBody?: (data: unknown) => void };
  };
  if (typeof queue.prototype.addBody !== "function") {
    throw new Error("autocannon's PipelinedRequestsQueue#addBody is gone: re-check dropResponseBodies()");
  }
  queue.prototype.addBody = () => {};
}

dropResponseBodies();

export interface ServerMemory {
  /** The server process's peak resident set (Linux: VmHWM), render threads included. */
  peakRssBytes: number;
  rssBytes: number;
}

export interface RunningServer {
  url: string;
  memory(): ServerMemory;
  close(): Promise<void>;
}

const CLI = fileURLToPath(new URL("../../packages/server/dist/cli.js", import.meta.url));

/** Reads a process's memory from /proc (Linux); NaN elsewhere. */
function processMemory(pid: number): ServerMemory {
  let status = "";
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return { peakRssBytes: Number.NaN, rssBytes: Number.NaN };
  }
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
  return { peakRssBytes: kib("VmHWM"), rssBytes: kib("VmRSS") };
}

/**
 * Starts `ogkit serve` as a user runs it (`node dist/cli.js serve`: no TypeScript loader, default
 * settings but for the flags given) on a free loopback port, and resolves once it listens. Build the
 * server first: `npm run bench` does.
 */
export function startServer(flags: string[] = []): Promise<RunningServer> {
  if (!existsSync(CLI)) {
    return Promise.reject(new Error("the bench serves the built server: run npm run build -w @ogkit/server first"));
  }
  const child: ChildProcess = spawn(process.execPath, [CLI, "serve", "--port", "0", "--host", "127.0.0.1", ...flags], {
    stdio: ["ignore", "pipe", "inherit"],
    // The server's own environment, without what would change its settings.
    env: Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith("OGKIT_") && key !== "PORT" && key !== "HOST"),
    ),
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onExit = (code: number | null) =>
      reject(new Error(`ogkit serve exited (${code}) before listening: ${output}`));
    child.once("exit", onExit);
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (text: string) => {
      output += text;
      const url = /ogkit listening on (\S+)/.exec(output)?.[1];
      if (!url) return;
      child.off("exit", onExit);
      output = "";
      child.stdout?.removeAllListeners("data");
      child.stdout?.resume();
      resolve({
        url,
        memory: () => processMemory(child.pid ?? 0),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** The card's image path, as ogUrl builds it. */
export function cardPath(params: OgParams): string {
  return ogUrl(params);
}

/** The card with a title no earlier request had: a cache miss, a real render (at most 200 characters). */
export function uniqueParams(card: BenchCard, n: number): OgParams {
  const suffix = ` #${n}`;
  const title = card.params.title;
  return {
    ...card.params,
    title: title.length + suffix.length <= 200 ? title + suffix : title.slice(0, 200 - suffix.length) + suffix,
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  /** How long the load ran. */
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses that were not 2xx, plus errors and timeouts: must be 0 for the figures to count. */
  failures: number;
}

function summarize(result: autocannon.Result): LoadResult {
  const ok = result["2xx"];
  return {
    requestsPerSecond: ok / result.duration,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: ok,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** How long a load runs: for a time, or (smoke runs) for a number of requests, so that some always complete. */
export type LoadLength = { seconds: number } | { requests: number };

const lengthOf = (length: LoadLength) =>
  "seconds" in length ? { duration: length.seconds } : { amount: length.requests };

/** The image the server answered for a card: what the PNG says of itself. */
export interface ServedImage {
  contentType: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
}

/** Repeated requests for one URL, rendered once first: the cache path. */
export async function warmLoad(
  url: string,
  card: BenchCard,
  options: LoadLength & { connections: number },
): Promise<{ load: LoadResult; image: ServedImage }> {
  const path = cardPath(card.params);
  const first = await fetch(`${url}${path}`);
  if (!first.ok) throw new Error(`the first request for ${card.name} answered ${first.status}`);
  const body = new Uint8Array(await first.arrayBuffer());
  const meta = await sharp(body).metadata();
  const image = {
    contentType: first.headers.get("content-type") ?? "",
    format: meta.format ?? "unknown",
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    bytes: body.byteLength,
  };
  const result = await autocannon({ url: `${url}${path}`, connections: options.connections, ...lengthOf(options) });
  return { load: summarize(result), image };
}

let counter = 0;

/** Requests for URLs never asked before: every one renders. */
export async function coldLoad(
  url: string,
  card: BenchCard,
  options: LoadLength & { connections: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    ...lengthOf(options),
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({ ...request, path: cardPath(uniqueParams(card, ++counter)) }),
      },
    ],
  });
  return summarize(result);
}

/** Waits until the server has no render running or queued (a timed load leaves some behind). */
export async function waitIdle(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { renders?: { active?: number } };
    if (health.renders?.active === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bench server still had renders in flight after ${timeoutMs} ms`);
}
