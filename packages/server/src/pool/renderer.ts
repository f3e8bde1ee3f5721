import { OgError, type ResolvedOgParams } from "@ogkit/sdk";
import { Piscina } from "piscina";
import { buildCard, preloadEngine, renderCard, renderElement } from "../engine/index.js";
import type { EngineName, OgElement, OgTemplate, RenderDiagnostics } from "../engine/types.js";
import { type ImageFetchSettings, imageRenderOptions } from "../http/fetch-image.js";
import {
  deserializeError,
  faultOf,
  htmlLayoutError,
  type RenderReply,
  type RenderTask,
  type RenderThreadData,
  runFault,
  toPlainElement,
} from "./task.js";

export interface RendererOptions {
  /** true: worker threads (piscina); false: on the calling thread (serverless, Next). */
  pool: boolean;
  concurrency: number;
  /** Renders that may wait for a free worker; one more is refused with 503 OVERLOADED. */
  maxQueue: number;
  /**
   * The longest a new render may expect to wait for a worker, estimated from recent render times;
   * beyond it, 503 OVERLOADED at once. 0 or absent: only `maxQueue` bounds the queue (batch runs).
   */
  maxQueueWaitMs?: number;
  /** Time limit of a render from acceptance; past it the worker is terminated and 504 answered. */
  renderTimeoutMs: number;
  templates?: Record<string, OgTemplate> | undefined;
  imageAllowlist: readonly string[];
  /** How allowlisted images are fetched; the fetch runs where the html is laid out (the render thread). */
  imageFetch: ImageFetchSettings;
  faultInjection: boolean;
  /** What lays out and rasterizes (default satori). */
  engine?: EngineName | undefined;
}

export interface RenderOutput {
  body: Uint8Array;
  contentType: string;
  diagnostics: RenderDiagnostics;
}

export interface Renderer {
  render(params: ResolvedOgParams): Promise<RenderOutput>;
  /**
   * The 503 a render asked for now would get before any work (closed, queue full in length or in
   * expected wait), or undefined when it would be accepted: what `render` checks first, for callers
   * that can answer a refusal more cheaply than a render.
   */
  refusal(): OgError | undefined;
  /** Starts the render threads and loads the engine in each; resolves when they are ready. */
  warm(): Promise<void>;
  /** Refuses new renders; with `force`, abandons those in flight. Destroys the threads. */
  close(): Promise<void>;
  /** Renders accepted and not finished: running plus waiting. */
  readonly active: number;
  /** Renders waiting for a worker. */
  readonly queued: number;
  /** Render threads alive (booting ones included); the concurrency when rendering in process. */
  readonly workers: number;
}

/**
 * JS heap limit of each render thread. V8 also scales with it how far a heap may grow past what a
 * mark-compact left alive: about 1.1 times at 512 MB, up to 4 times at 2 GB. A larger limit buys
 * cold throughput (1536 MB: 72 cards/s on two threads against 58, V8's helper threads marking less
 * often), for a peak 50-70 MB higher and stress soaks that read up to 9.2% growth after warm-up
 * against their 10% bound (1.8-7.9% at 512). docs/performance.md.
 */
const WORKER_HEAP_MB = 512;

/**
 * Young generation of each render thread (V8 sizes it from the heap limit otherwise: about 48 MB
 * at 512). A card's layout is short-lived garbage that a small young generation sweeps often and
 * cheaply. Measured against V8's size, two threads on the dark card: 78-88 cards/s against 60-70
 * (V8's helper threads spent 4-5 ms a card instead of 9-12), and a peak 60-80 MB lower.
 * docs/performance.md.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * How much lower the render threads' CPU priority is than the main thread's (nice(2) increment).
 * Measured on 2 cores: at 10, V8's helper threads (nice 0: concurrent marking and compiling for
 * the render threads) burned 8.3 ms of CPU a card against 5.7 at 0, and two render threads
 * delivered 76 cards/s against 82 at 5. But at 5, one CI stress load of four read a 114 ms
 * event-loop stall (p99 22 ms) against the 100 ms bound; the event loop's headroom comes first.
 */
const RENDER_THREAD_NICENESS = 10;

/** The longest Retry-After a refusal asks for, in seconds. */
const MAX_RETRY_AFTER_SECONDS = 30;

export function overloaded(message = "The server is busy; retry shortly", retryAfterSeconds = 1): OgError {
  return new OgError("OVERLOADED", message, { headers: { "Retry-After": String(retryAfterSeconds) } });
}

function timedOut(ms: number): OgError {
  return new OgError("RENDER_TIMEOUT", `The render took longer than ${ms} ms and was stopped`);
}

export function createRenderer(options: RendererOptions): Renderer {
  return options.pool ? new PoolRenderer(options) : new InProcessRenderer(options);
}

/** Where the worker module is, and how to load it: TypeScript source (tests, tsx) or the built dist. */
export function workerLocation(moduleUrl: string = import.meta.url): { filename: string; execArgv?: string[] } {
  if (moduleUrl.endsWith(".ts")) {
    // Running from source: a small .mjs entry registers tsx in the thread, then loads worker.ts;
    // the @ogkit/source condition resolves workspace packages to their source, as it does here.
    return {
      filename: new URL("./source-worker.mjs", moduleUrl).href,
      execArgv: ["--conditions=@ogkit/source"],
    };
  }
  // Built: dist/index.js, dist/cli.js and their chunks sit beside dist/worker.js.
  return { filename: new URL("./worker.js", moduleUrl).href };
}

/** Weight of the newest render time in the moving average. */
const SERVICE_TIME_WEIGHT = 0.2;

abstract class BaseRenderer implements Renderer {
  protected closed = false;
  #active = 0;
  /** Moving average of how long a render occupies a worker, in ms (0 until the first one). */
  #serviceMs = 0;
  /**
   * Moving average of the time between two renders finishing while others waited, in ms: what the
   * pool really delivers under load, thread hops and CPU contention included.
   */
  #departureMs = 0;
  #lastDeparture = 0;

  constructor(protected readonly options: RendererOptions) {}

  get active(): number {
    return this.#active;
  }

  abstract get queued(): number;
  abstract get workers(): number;
  abstract warm(): Promise<void>;
  abstract close(): Promise<void>;
  protected abstract renderCard(params: ResolvedOgParams, signal: AbortSignal): Promise<RenderOutput>;
  protected abstract renderElement(
    element: OgElement,
    params: ResolvedOgParams,
    signal: AbortSignal,
  ): Promise<Omit<RenderOutput, "diagnostics">>;

  /** Records how long a render occupied a worker. */
  protected recordService(ms: number): void {
    this.#serviceMs = this.#serviceMs === 0 ? ms : this.#serviceMs + SERVICE_TIME_WEIGHT * (ms - this.#serviceMs);
    const now = performance.now();
    // Only a busy pool (renders waiting) measures its delivery rate; idle gaps are not service.
    if (this.#lastDeparture > 0 && this.active > this.options.concurrency) {
      const gap = now - this.#lastDeparture;
      this.#departureMs =
        this.#departureMs === 0 ? gap : this.#departureMs + SERVICE_TIME_WEIGHT * (gap - this.#departureMs);
    }
    this.#lastDeparture = now;
  }

  /**
   * How long a render accepted now would wait for a worker: the renders ahead of it in the queue,
   * at the rate the pool has recently delivered them (or, before it was ever busy, at the recent
   * render time shared by the workers).
   */
  get expectedWaitMs(): number {
    const ahead = Math.max(0, this.active - this.options.concurrency + 1);
    return ahead * Math.max(this.#departureMs, this.#serviceMs / this.options.concurrency);
  }

  refusal(): OgError | undefined {
    if (this.closed) return overloaded("The server is shutting down");
    // Backpressure first: refusing costs nothing, so an overloaded server answers at once. A queue
    // is bounded by its length and by the time its last render would wait: a render accepted only
    // to be answered late helps nobody, and a full queue of slow renders is long in seconds.
    if (this.active >= this.options.concurrency + this.options.maxQueue) {
      return overloaded(undefined, this.retryAfterSeconds);
    }
    // One render per worker may always wait: a short burst is served, whatever the estimate says.
    const maxQueueWaitMs = this.options.maxQueueWaitMs ?? 0;
    const waiting = this.active - this.options.concurrency;
    if (maxQueueWaitMs > 0 && waiting >= this.options.concurrency && this.expectedWaitMs > maxQueueWaitMs) {
      return overloaded(undefined, this.retryAfterSeconds);
    }
    return undefined;
  }

  /**
   * When a refused client should come back: once the renders now accepted are expected to be done,
   * in whole seconds (at least 1, at most 30). A fixed second sent every refused client back into
   * the same full queue.
   */
  get retryAfterSeconds(): number {
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(this.expectedWaitMs / 1000)));
  }

  async render(params: ResolvedOgParams): Promise<RenderOutput> {
    const refused = this.refusal();
    if (refused) throw refused;
    this.#active++;
    const signal = AbortSignal.timeout(this.options.renderTimeoutMs);
    try {
      const templates = this.options.templates;
      // html wins over a template (buildCard's order): it is laid out, and its images fetched, in the thread.
      const custom =
        params.html === undefined &&
        params.template !== undefined &&
        templates !== undefined &&
        Object.hasOwn(templates, params.template);
      if (!custom) return await this.renderCard(params, signal);
      // A custom template is a function and cannot cross threads: build its tree here.
      const built = await withDeadline(
        buildCard(params, { templates: this.options.templates, imageAllowlist: this.options.imageAllowlist }),
        signal,
        this.options.renderTimeoutMs,
      );
      const element = toPlainElement(built.element) as OgElement;
      const image = await this.renderElement(element, params, signal);
      return { ...image, diagnostics: built.diagnostics };
    } finally {
      this.#active--;
    }
  }
}

/** Waits for a promise, or throws RENDER_TIMEOUT when the signal fires first (the work is abandoned). */
function withDeadline<T>(promise: Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  if (signal.aborted) return Promise.reject(timedOut(ms));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timedOut(ms));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

class PoolRenderer extends BaseRenderer {
  #pool: Piscina<RenderTask, RenderReply> | undefined;

  #getPool(): Piscina<RenderTask, RenderReply> {
    if (!this.#pool) {
      const location = workerLocation();
      this.#pool = new Piscina<RenderTask, RenderReply>({
        ...location,
        workerData: { engine: this.options.engine ?? "satori" } satisfies RenderThreadData,
        minThreads: this.options.concurrency,
        maxThreads: this.options.concurrency,
        // Our own admission check (BaseRenderer.render) bounds the queue; this is a second fence.
        maxQueue: this.options.maxQueue + this.options.concurrency,
        concurrentTasksPerWorker: 1,
        // piscina's default ("sync") parks an idle thread in Atomics.wait, so its event loop never
        // turns between tasks: native finalizers never ran (resvg's native build, since replaced,
        // freed 6 MB a card in one), and a thread grew by gigabytes. "async" waits with
        // Atomics.waitAsync and lets the loop run.
        atomics: "async",
        idleTimeout: 60_000,
        // A runaway layout that grows the JS heap kills its worker (replaced), not the server.
        resourceLimits: {
          maxOldGenerationSizeMb: WORKER_HEAP_MB,
          maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
        },
        // Render threads yield the CPU to the main thread, which answers health checks, cache hits
        // and 503s: under overload the event loop stays responsive (Unix; ignored where unsupported).
        niceIncrement: process.platform === "win32" ? 0 : RENDER_THREAD_NICENESS,
      });
      // A worker that dies fails only its own task; piscina starts a replacement.
      this.#pool.on("error", () => {});
    }
    return this.#pool;
  }

  get queued(): number {
    return this.#pool?.queueSize ?? 0;
  }

  get workers(): number {
    return this.#pool?.threads.length ?? 0;
  }

  async warm(): Promise<void> {
    if (this.closed) return;
    const pool = this.#getPool();
    // One warm-up task per thread: each is answered once a thread has loaded the engine, so start-up
    // never counts against a render's deadline when the caller waits for this.
    await Promise.all(Array.from({ length: this.options.concurrency }, () => pool.run({ kind: "warmup" })));
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.destroy();
  }

  protected renderCard(params: ResolvedOgParams, signal: AbortSignal): Promise<RenderOutput> {
    return this.#run(
      {
        kind: "card",
        params,
        imageAllowlist: this.options.imageAllowlist,
        imageFetch: this.options.imageFetch,
        faults: this.options.faultInjection,
      },
      signal,
    ) as Promise<RenderOutput>;
  }

  protected renderElement(element: OgElement, params: ResolvedOgParams, signal: AbortSignal) {
    return this.#run(
      {
        kind: "element",
        element,
        width: params.width,
        height: params.height,
        format: params.format,
        title: params.title,
        faults: this.options.faultInjection,
      },
      signal,
    );
  }

  async #run(
    task: RenderTask,
    signal: AbortSignal,
  ): Promise<Omit<RenderOutput, "diagnostics"> & Partial<RenderOutput>> {
    let reply: RenderReply;
    try {
      // piscina drops a queued task on abort, and terminates (then replaces) a running one.
      reply = await this.#getPool().run(task, { signal });
    } catch (error) {
      if (signal.aborted) throw timedOut(this.options.renderTimeoutMs);
      if (this.closed) throw overloaded("The server is shutting down");
      if (error instanceof Error && /queue is at limit|No task queue available/i.test(error.message)) {
        throw overloaded();
      }
      throw new OgError("RENDER_FAILED", "The render worker stopped unexpectedly", { cause: error });
    }
    if (!reply.ok) throw deserializeError(reply.error);
    if ("warm" in reply) throw new OgError("RENDER_FAILED", "The render worker answered a render with a warm-up reply");
    this.recordService(reply.renderMs);
    return reply;
  }
}

/** Renders on the calling thread, `concurrency` at a time, with a bounded wait list. */
class InProcessRenderer extends BaseRenderer {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  get queued(): number {
    return this.#waiting.length;
  }

  get workers(): number {
    return this.options.concurrency;
  }

  /** Includes renders already answered 504 that still occupy the thread. */
  override get active(): number {
    return Math.max(super.active, this.#running + this.#waiting.length);
  }

  async warm(): Promise<void> {
    await preloadEngine(this.options.engine);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async #slot<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    // The work cannot be interrupted on this thread: it keeps its slot until it really ends,
    // while the request is answered 504 at the deadline.
    const started = performance.now();
    const running = work().finally(() => {
      this.recordService(performance.now() - started);
      this.#release();
    });
    return withDeadline(running, signal, this.options.renderTimeoutMs);
  }

  #acquire(signal: AbortSignal): Promise<void> {
    if (this.#running < this.options.concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#waiting.indexOf(waiter);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(timedOut(this.options.renderTimeoutMs));
      };
      const waiter = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Hands the slot straight to the next waiter, if any. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }

  protected renderCard(params: ResolvedOgParams, signal: AbortSignal): Promise<RenderOutput> {
    return this.#slot(async () => {
      await runFault(faultOf(params.title, this.options.faultInjection), false);
      const result = await renderCard(params, {
        engine: this.options.engine,
        templates: this.options.templates,
        ...imageRenderOptions(this.options.imageAllowlist, this.options.imageFetch),
      }).catch((error: unknown) => {
        throw htmlLayoutError(error, params.html);
      });
      return { body: result.body, contentType: result.contentType, diagnostics: result.diagnostics };
    }, signal);
  }

  protected renderElement(element: OgElement, params: ResolvedOgParams, signal: AbortSignal) {
    return this.#slot(async () => {
      await runFault(faultOf(params.title, this.options.faultInjection), false);
      return renderElement(element, {
        width: params.width,
        height: params.height,
        format: params.format,
        engine: this.options.engine,
      });
    }, signal);
  }
}
