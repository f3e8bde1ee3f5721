import type { ImageFormat, OgErrorCode, OgIssue, ResolvedOgParams } from "@ogkit/sdk";
import { OgError } from "@ogkit/sdk";
import type { EngineName, OgElement, RenderDiagnostics, RenderResult } from "../engine/types.js";
import type { ImageFetchSettings } from "../http/fetch-image.js";

/**
 * What crosses the thread boundary. Everything here is structured-cloneable: no functions (custom
 * templates are built into an element tree on the main thread first) and no class instances (an
 * OgError travels as its code, message and issues and is rebuilt on the other side).
 */
export type RenderTask =
  /** Answered once the worker has loaded the engine: what `warm()` waits for. */
  | { kind: "warmup" }
  | {
      kind: "card";
      params: ResolvedOgParams;
      imageAllowlist: readonly string[];
      /** How an html template's allowlisted images are fetched (in the render thread). */
      imageFetch: ImageFetchSettings;
      faults: boolean;
    }
  | {
      kind: "element";
      element: OgElement;
      width: number;
      height: number;
      format: ImageFormat;
      /** The request's title, only read by the fault hooks. */
      title: string;
      faults: boolean;
    };

/** What a render thread is started with (piscina's workerData): one engine per pool. */
export interface RenderThreadData {
  engine: EngineName;
}

export interface SerializedError {
  code: OgErrorCode;
  message: string;
  issues: OgIssue[];
  headers: Record<string, string>;
  /** Message and stack of a non-OgError, kept as the cause for server-side logs. */
  cause?: { message: string; stack?: string | undefined };
}

/** An image from a render thread. */
export interface ImageReply {
  ok: true;
  body: Uint8Array;
  contentType: RenderResult["contentType"];
  diagnostics?: RenderDiagnostics;
  /** How long the thread worked on it, in ms: what admission control estimates queue waits from. */
  renderMs: number;
}

export type RenderReply = ImageReply | { ok: true; warm: true } | { ok: false; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  const og = OgError.from(error);
  const serialized: SerializedError = { code: og.code, message: og.message, issues: og.issues, headers: og.headers };
  if (!(error instanceof OgError)) {
    serialized.cause =
      error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
  }
  return serialized;
}

// What satori throws for markup it cannot lay out: invalid CSS values, images without a size,
// unsupported elements. In an html template the markup is the client's, so these are its errors.
const LAYOUT_INPUT_ERROR =
  /^(?:Invalid\b|Image size cannot be determined|Image source is not provided|Expected\b|A `|Unsupported\b|<\w+> nodes are not)/;

/**
 * A failure to lay out an html template's own markup is a 400 naming `html`, with satori's words;
 * anything else (and any failure of a server-side template) stays a render failure.
 */
export function htmlLayoutError(error: unknown, html: string | undefined): unknown {
  if (html === undefined || error instanceof OgError || !(error instanceof Error)) return error;
  if (!LAYOUT_INPUT_ERROR.test(error.message)) return error;
  const message = `html could not be laid out: ${error.message.slice(0, 200)}`;
  return new OgError("INVALID_PARAMS", message, { cause: error, issues: [{ path: "html", message }] });
}

export function deserializeError(error: SerializedError): OgError {
  let cause: Error | undefined;
  if (error.cause) {
    cause = new Error(error.cause.message);
    if (error.cause.stack) cause.stack = error.cause.stack;
  }
  return new OgError(error.code, error.message, { issues: error.issues, headers: error.headers, cause });
}

/**
 * A satori element tree as plain data: function components are called (as satori itself would),
 * React's `$$typeof` and other symbol or function values are dropped, so the tree can be posted to
 * a worker thread.
 */
export function toPlainElement(node: unknown, depth = 0): unknown {
  if (depth > 256) throw new OgError("RENDER_FAILED", "The template's element tree is nested too deeply");
  if (node === null || node === undefined || typeof node === "boolean") return node;
  if (typeof node === "string" || typeof node === "number") return node;
  if (Array.isArray(node)) return node.map((child) => toPlainElement(child, depth + 1));
  if (typeof node !== "object") return undefined;
  const element = node as { type?: unknown; props?: Record<string, unknown>; key?: unknown };
  if (typeof element.type === "function") {
    const rendered = (element.type as (props: unknown) => unknown)(element.props ?? {});
    return toPlainElement(rendered, depth + 1);
  }
  if (typeof element.type !== "string") return undefined;
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element.props ?? {})) {
    if (typeof value === "function" || typeof value === "symbol") continue;
    props[key] = key === "children" ? toPlainElement(value, depth + 1) : plainValue(value, depth + 1);
  }
  const plain: Record<string, unknown> = { type: element.type, props };
  if (typeof element.key === "string" || typeof element.key === "number") plain.key = element.key;
  return plain;
}

function plainValue(value: unknown, depth: number): unknown {
  if (depth > 256) return undefined;
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  }
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((item) => plainValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const plain = plainValue(item, depth + 1);
    if (plain !== undefined) out[key] = plain;
  }
  return out;
}

/**
 * Test-only fault hooks. With faults enabled (the `faultInjection` option or
 * OGKIT_FAULT_INJECTION=1), a title of this form misbehaves on purpose inside the renderer:
 * - `ogkit-fault:hang:<ms>`  blocks the thread synchronously (a layout loop that never yields)
 * - `ogkit-fault:sleep:<ms>` waits asynchronously while holding the worker
 * - `ogkit-fault:crash`      kills the worker thread with an uncaught exception
 * - `ogkit-fault:throw`      throws a plain Error (an unknown render failure)
 * The fault comes first; afterwards (hang, sleep) the card renders normally.
 */
export const FAULT_PREFIX = "ogkit-fault:";

export type Fault = { kind: "hang" | "sleep"; ms: number } | { kind: "crash" | "throw" };

export function faultOf(title: string, enabled: boolean): Fault | undefined {
  if (!enabled || !title.startsWith(FAULT_PREFIX)) return undefined;
  const [kind, ms] = title.slice(FAULT_PREFIX.length).split(":");
  if (kind === "hang" || kind === "sleep") return { kind, ms: Math.min(Number(ms) || 0, 600_000) };
  if (kind === "crash" || kind === "throw") return { kind };
  return undefined;
}

/** Runs a fault. `inWorker` decides what a crash is: a dead thread, or (in-process) a thrown error. */
export async function runFault(fault: Fault | undefined, inWorker: boolean): Promise<void> {
  if (!fault) return;
  switch (fault.kind) {
    case "hang":
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, fault.ms);
      return;
    case "sleep":
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return;
    case "throw":
      throw new Error("Simulated render failure (fault injection)");
    case "crash":
      if (inWorker) {
        setImmediate(() => {
          throw new Error("Simulated worker crash (fault injection)");
        });
        await new Promise(() => {});
      }
      throw new Error("Simulated worker crash (fault injection)");
  }
}
