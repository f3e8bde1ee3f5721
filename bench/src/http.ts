import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { type OgParams, ogUrl } from "@ogkit/sdk";
import type { OgServerOptions } from "@ogkit/server";
import autocannon from "autocannon";
import type { BenchCard } from "./cards.js";
import { sharp } from "./deps.js";
import type { ServerMessage } from "./server-process.js";

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

export interface RunningServer {
  url: string;
  memory(): Promise<Extract<ServerMessage, { type: "memory" }>>;
  close(): Promise<void>;
}

const SERVER_DIST = new URL("../../packages/server/dist/index.js", import.meta.url);

/**
 * Starts the ogkit server in its own process and resolves once its render threads are warm. It runs
 * the built package, as `ogkit serve` does (no TypeScript loader in the process or its threads), so
 * build it first: `npm run bench` does.
 */
export function startServer(options: OgServerOptions): Promise<RunningServer> {
  if (!existsSync(SERVER_DIST)) {
    return Promise.reject(new Error("the bench serves the built server: run npm run build -w @ogkit/server first"));
  }
  // Without the @ogkit/source condition, @ogkit/server and @ogkit/sdk resolve to their dist.
  const child: ChildProcess = fork(new URL("./server-process.ts", import.meta.url), [JSON.stringify(options)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends ServerMessage["type"]>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ServerMessage) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message as Extract<ServerMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the bench server exited (${code}) before "${type}"`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  return next("ready").then(({ url }) => ({
    url,
    memory: () => {
      const answer = next("memory");
      child.send({ type: "memory" });
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "close" });
      }),
  }));
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
