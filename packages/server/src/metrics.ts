import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface MetricsSources {
  cacheBytes(): number;
  cacheEntries(): number;
  queueSize(): number;
  activeRenders(): number;
}

/**
 * The Prometheus metrics of one handler, in a registry of its own, so that several handlers in
 * one process (tests, adapters) never collide on prom-client's global registry.
 */
export class OgMetrics {
  readonly registry = new Registry();
  readonly renders: Counter<"format">;
  readonly cacheHits: Counter;
  readonly cacheMisses: Counter;
  readonly renderSeconds: Histogram<"format">;
  readonly errors: Counter<"code">;
  readonly requests: Counter<"route" | "status">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.renders = new Counter({
      name: "ogkit_renders_total",
      help: "Images rendered (cache misses that completed).",
      labelNames: ["format"],
      registers,
    });
    this.cacheHits = new Counter({ name: "ogkit_cache_hits_total", help: "Images served from the cache.", registers });
    this.cacheMisses = new Counter({
      name: "ogkit_cache_misses_total",
      help: "Image requests that were not in the cache.",
      registers,
    });
    this.renderSeconds = new Histogram({
      name: "ogkit_render_duration_seconds",
      help: "Render time, from acceptance to the encoded image.",
      labelNames: ["format"],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: "ogkit_errors_total",
      help: "Error responses, by OgError code.",
      labelNames: ["code"],
      registers,
    });
    this.requests = new Counter({
      name: "ogkit_requests_total",
      help: "Requests answered, by route and status.",
      labelNames: ["route", "status"],
      registers,
    });
    new Gauge({
      name: "ogkit_cache_bytes",
      help: "Bytes held by the image cache.",
      registers,
      collect() {
        this.set(sources.cacheBytes());
      },
    });
    new Gauge({
      name: "ogkit_cache_entries",
      help: "Images held by the image cache.",
      registers,
      collect() {
        this.set(sources.cacheEntries());
      },
    });
    new Gauge({
      name: "ogkit_render_queue_size",
      help: "Renders waiting for a worker.",
      registers,
      collect() {
        this.set(sources.queueSize());
      },
    });
    new Gauge({
      name: "ogkit_renders_active",
      help: "Renders accepted and not yet finished (running or queued).",
      registers,
      collect() {
        this.set(sources.activeRenders());
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
