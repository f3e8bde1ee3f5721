import { createHash } from "node:crypto";
import { mkdir, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import {
  invalidParams,
  OgError,
  type OgIssue,
  type OgParams,
  type ResolvedOgParams,
  safeParseOgParams,
} from "@ogkit/sdk";
import { defaultConcurrency } from "../config.js";
import { engineVersion } from "../engine/index.js";
import type { EngineName, OgTemplate } from "../engine/types.js";
import { createRenderer, type Renderer } from "../pool/renderer.js";
import { type BatchEntry, BatchInputError } from "./manifest.js";
import { ALL_EXTENSIONS, checkSlug, collisionKey, extensionOf, NAME_FIELD } from "./output-name.js";
import { type BatchState, cardHash, readState, writeFileAtomic, writeState } from "./state.js";

/** One card of a batch: its output name and its image parameters. */
export type BatchItem = Partial<OgParams> & {
  /** The output file's name without extension, relative to `outDir`: `my-post`, `blog/my-post`. */
  slug: string;
};

export interface BatchItemResult {
  status: "rendered" | "skipped" | "failed";
  /** Where the entry is: `posts.ndjson:12`, `posts.json[3]`, or `items[3]` for renderBatch's items. */
  location: string;
  /** The entry's slug, when it is a valid one. */
  slug?: string;
  /** The image's path relative to `outDir` (`blog/my-post.png`), when the entry is valid. */
  file?: string;
  /** Bytes written, for a rendered card. */
  bytes?: number;
  /** Why it failed: an OgError whose issues name the field and its limit. */
  error?: OgError;
}

export interface BatchSummary {
  rendered: number;
  skipped: number;
  failed: number;
  durationMs: number;
  /** Entries left unrendered because the batch was stopped (`signal`); 0 otherwise. */
  notStarted: number;
  /** Every entry that finished (all of them unless the batch was stopped), in input order. */
  items: BatchItemResult[];
  /** Problems that did not stop the batch, such as an unreadable incremental manifest. */
  warnings: string[];
}

export interface RenderBatchOptions {
  /** The directory the images are written to (created if missing), with the incremental manifest. */
  outDir: string;
  /** Parameters every item gets unless it gives its own, such as `brand` or `theme`. */
  defaults?: Partial<OgParams> | undefined;
  /** Render threads (default: the number of cores). */
  concurrency?: number | undefined;
  /** Re-render every card, even those unchanged since the last run. */
  force?: boolean | undefined;
  /**
   * What lays out and rasterizes (default satori; takumi needs @takumi-rs/core and @takumi-rs/helpers).
   * Part of each card's hash: changing it renders every card again.
   */
  engine?: EngineName | undefined;
  /** Custom templates, selected by the `template` parameter. */
  templates?: Record<string, OgTemplate> | undefined;
  /**
   * Version of the custom templates, part of each card's hash: bump it when a template's output changes.
   * Default: a hash of the used template's source text (which does not see the helpers it imports).
   */
  templatesVersion?: string | undefined;
  /** Time limit of one render in ms (default 30000); past it the render thread is replaced and the card fails. */
  renderTimeoutMs?: number | undefined;
  /** Called as each card finishes (rendered, skipped or failed), in the order they finish. */
  onItem?: ((result: BatchItemResult, progress: { done: number; total: number }) => void) | undefined;
  /**
   * Stops the batch: no render starts after it fires; those running finish and are recorded in the
   * incremental manifest, so the next run carries on where this one stopped.
   */
  signal?: AbortSignal | undefined;
  /** Test only: titles `ogkit-fault:*` misbehave inside the renderer (see src/pool/task.ts). */
  faultInjection?: boolean | undefined;
}

/** renderBatch's options for entries read from a manifest: defaults may be flag text. */
export interface RunBatchOptions extends Omit<RenderBatchOptions, "defaults"> {
  defaults?: Readonly<Record<string, unknown>> | undefined;
}

export const DEFAULT_BATCH_TIMEOUT_MS = 30_000;

/**
 * Renders one image per item into `outDir`, without a server, in worker threads. Unchanged cards
 * (same parameters, engine and template version, file still there) are skipped; a bad item fails
 * alone and the others still render. Resolves with the summary; it rejects only when the batch as
 * a whole cannot run (an output directory that cannot be created, a bad option).
 *
 * @example
 * const summary = await renderBatch(
 *   posts.map((post) => ({ slug: post.slug, title: post.title, subtitle: post.excerpt })),
 *   { outDir: "public/og", defaults: { brand: "My blog" } },
 * );
 * if (summary.failed > 0) process.exitCode = 1;
 */
export function renderBatch(items: Iterable<BatchItem>, options: RenderBatchOptions): Promise<BatchSummary> {
  const entries: BatchEntry[] = [...items].map((item: unknown, index) => {
    const location = `items[${index}]`;
    if (typeof item === "object" && item !== null && !Array.isArray(item)) {
      return { location, fields: item as Record<string, unknown>, json: false };
    }
    const error = new OgError("INVALID_PARAMS", `the item must be an object of ${NAME_FIELD} and parameters`);
    return { location, fields: {}, json: false, error };
  });
  return runBatch(entries, options as RunBatchOptions);
}

interface Job {
  index: number;
  location: string;
  slug: string;
  file: string;
  params: ResolvedOgParams;
  hash: string;
}

type Prepared = { job: Job } | { failure: BatchItemResult; slug?: string };

function templateVersionOf(params: ResolvedOgParams, options: RunBatchOptions): string {
  const { templates } = options;
  if (params.template === undefined || !templates || !Object.hasOwn(templates, params.template)) return "";
  if (options.templatesVersion !== undefined) return options.templatesVersion;
  return createHash("sha256").update(String(templates[params.template])).digest("base64url").slice(0, 16);
}

function prepare(entry: BatchEntry, index: number, outDir: string, options: RunBatchOptions, engine: string): Prepared {
  const { location } = entry;
  if (entry.error) return { failure: { status: "failed", location, error: entry.error } };
  const { [NAME_FIELD]: rawSlug, ...rest } = entry.fields;
  const checked = checkSlug(rawSlug);
  const issues: OgIssue[] = "issue" in checked ? [checked.issue] : [];
  // An item's undefined or null parameter is one not given (as parseOgParams reads an object), so
  // the default applies; in JSON, null stays an error.
  const own = entry.json ? rest : Object.fromEntries(Object.entries(rest).filter(([, value]) => value != null));
  const input = { ...options.defaults, ...own };
  // A JSON entry is read as the POST route reads a JSON body.
  const parsed = safeParseOgParams(entry.json ? JSON.stringify(input) : input);
  const slug = "slug" in checked ? checked.slug : undefined;
  if (!parsed.success || issues.length > 0) {
    if (!parsed.success && parsed.error.issues.length === 0) {
      return { failure: { status: "failed", location, slug, error: parsed.error }, slug };
    }
    const all = [...issues, ...(parsed.success ? [] : parsed.error.issues)];
    return { failure: { status: "failed", location, slug, error: invalidParams(all) }, slug };
  }
  const params = parsed.data;
  const file = `${slug}.${extensionOf(params.format)}`;
  // checkSlug already refuses anything that could leave outDir; this is the second fence.
  if (!resolve(outDir, file).startsWith(outDir + sep)) {
    const issue = { path: NAME_FIELD, message: `${NAME_FIELD} must name a file inside the output directory` };
    return { failure: { status: "failed", location, error: invalidParams([issue]) } };
  }
  const hash = cardHash(params, engine, templateVersionOf(params, options));
  return { job: { index, location, slug: slug as string, file, params, hash } };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function checkConcurrency(value: number | undefined): number {
  if (value === undefined) return defaultConcurrency();
  if (!Number.isInteger(value) || value < 1) {
    throw new BatchInputError(`concurrency must be a whole number of at least 1 (got ${value})`);
  }
  return value;
}

/** renderBatch over entries with their own locations: what `ogkit batch` runs on a manifest. */
export async function runBatch(entries: readonly BatchEntry[], options: RunBatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const concurrency = checkConcurrency(options.concurrency);
  let engine: string;
  try {
    engine = engineVersion(options.engine);
  } catch (error) {
    throw new BatchInputError((error as Error).message);
  }
  const outDir = resolve(options.outDir);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new BatchInputError(`cannot create the output directory ${options.outDir}: ${(error as Error).message}`);
  }
  const { state, warning } = await readState(outDir);
  const warnings = warning ? [warning] : [];

  const total = entries.length;
  const results: BatchItemResult[] = new Array(total);
  const counts = { rendered: 0, skipped: 0, failed: 0 };
  let done = 0;
  const finish = (index: number, result: BatchItemResult) => {
    results[index] = result;
    counts[result.status]++;
    done++;
    options.onItem?.(result, { done, total });
  };

  // Changes to the incremental manifest: files (re)rendered or confirmed this run, and files whose
  // entry failed, which must render again next time.
  const confirmed: BatchState = new Map();
  const dropped = new Set<string>();
  const owners = new Map<string, Job>();
  const queue: Job[] = [];

  for (const [index, entry] of entries.entries()) {
    const prepared = prepare(entry, index, outDir, options, engine);
    if ("failure" in prepared) {
      if (prepared.slug !== undefined)
        for (const extension of ALL_EXTENSIONS) dropped.add(`${prepared.slug}.${extension}`);
      finish(index, prepared.failure);
      continue;
    }
    const { job } = prepared;
    const owner = owners.get(collisionKey(job.file));
    if (owner) {
      const message = `${NAME_FIELD} '${job.slug}' writes the same file (${job.file}) as the entry at ${owner.location} ('${owner.slug}'); give each entry its own ${NAME_FIELD}`;
      finish(index, {
        status: "failed",
        location: job.location,
        slug: job.slug,
        file: job.file,
        error: invalidParams([{ path: NAME_FIELD, message }]),
      });
      continue;
    }
    owners.set(collisionKey(job.file), job);
    if (!options.force && state.get(job.file) === job.hash && (await isFile(join(outDir, job.file)))) {
      confirmed.set(job.file, job.hash);
      finish(index, { status: "skipped", location: job.location, slug: job.slug, file: job.file });
      continue;
    }
    queue.push(job);
  }

  let renderer: Renderer | undefined;
  try {
    if (queue.length > 0 && !options.signal?.aborted) {
      renderer = createRenderer({
        pool: true,
        concurrency,
        maxQueue: concurrency,
        renderTimeoutMs: options.renderTimeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS,
        templates: options.templates,
        // No remote images: one could change behind an unchanged hash and be skipped forever.
        imageAllowlist: [],
        imageFetch: {},
        faultInjection: options.faultInjection ?? false,
        engine: options.engine,
      });
      const active = renderer;
      const renderOne = async (job: Job) => {
        const base = { location: job.location, slug: job.slug, file: job.file };
        let body: Uint8Array;
        try {
          body = (await active.render(job.params)).body;
        } catch (error) {
          dropped.add(job.file);
          finish(job.index, { ...base, status: "failed", error: OgError.from(error) });
          return;
        }
        try {
          await writeFileAtomic(join(outDir, job.file), body);
        } catch (error) {
          dropped.add(job.file);
          const message = `could not write ${job.file}: ${(error as Error).message}`;
          finish(job.index, {
            ...base,
            status: "failed",
            error: new OgError("RENDER_FAILED", message, { cause: error }),
          });
          return;
        }
        confirmed.set(job.file, job.hash);
        finish(job.index, { ...base, status: "rendered", bytes: body.byteLength });
      };
      // Twice as many renders in flight as threads, so a thread never waits while the main thread writes a file.
      let next = 0;
      const lanes = Array.from({ length: Math.min(queue.length, concurrency * 2) }, async () => {
        while (next < queue.length && !options.signal?.aborted) await renderOne(queue[next++] as Job);
      });
      await Promise.all(lanes);
    }
  } finally {
    await renderer?.close();
    let changed = false;
    for (const file of dropped) {
      if (!confirmed.has(file) && state.delete(file)) changed = true;
    }
    for (const [file, hash] of confirmed) {
      if (state.get(file) !== hash) {
        state.set(file, hash);
        changed = true;
      }
    }
    if (changed) await writeState(outDir, state);
  }

  const items = results.filter((result) => result !== undefined);
  return {
    ...counts,
    notStarted: total - items.length,
    durationMs: performance.now() - started,
    items,
    warnings,
  };
}
