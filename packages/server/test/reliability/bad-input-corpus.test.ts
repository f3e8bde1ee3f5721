import { readFileSync } from "node:fs";
import { errorStatus, type OgErrorBody, safeParseOgParams } from "@ogkit/sdk";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOgServer, type OgServer } from "../../src/server.js";
import { type ImageServer, startImageServer, TEST_IMAGE_HOSTS } from "./image-server.js";
import { type RawResponse, rawRequest } from "./raw-http.js";

/** One malformed (or borderline) request and the status it must get. */
interface CorpusEntry {
  method: string;
  /** Request target; `{imageOrigin}` stands for the local image server. */
  path: string;
  encoding?: "utf8" | "latin1";
  headers?: Record<string, string>;
  body?: string;
  status: number;
  /** The error code, when the status alone does not say it. */
  code?: string;
  /** The parameter the error must name in its issues. */
  field?: string;
  /** "strict": the server without the test-only loopback override. */
  server?: "strict";
  why: string;
}

const corpus = JSON.parse(readFileSync(new URL("./bad-input-corpus.json", import.meta.url), "utf8")) as CorpusEntry[];

let images: ImageServer;
let pooled: OgServer;
let strict: OgServer;
const origins: Record<"pooled" | "strict", string> = { pooled: "", strict: "" };
// Every 5xx the servers report, and every promise nobody handled: both must stay empty.
const serverErrors: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  images = await startImageServer();
  const common = {
    imageAllowlist: Object.keys(TEST_IMAGE_HOSTS),
    onError: (error: { code: string; message: string }) => serverErrors.push(`${error.code}: ${error.message}`),
  };
  // The real thing: node:http in front, renders in worker threads, so a runaway layout is a 504.
  pooled = createOgServer({
    ...common,
    concurrency: 2,
    // Bad input, not overload: a slow CI machine must not turn a queued render into a 503.
    maxQueueWaitMs: 0,
    imageFetch: { hosts: TEST_IMAGE_HOSTS, allowLoopback: true },
  });
  strict = createOgServer({ ...common, pool: false, concurrency: 1, imageFetch: { hosts: TEST_IMAGE_HOSTS } });
  origins.pooled = (await pooled.listen(0, "127.0.0.1")).url;
  origins.strict = (await strict.listen(0, "127.0.0.1")).url;
  await pooled.handler.warm();
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await Promise.all([pooled?.close(), strict?.close(), images?.close()]);
});

function expand(text: string): string {
  return text.replaceAll("{imageOrigin}", images.origin);
}

/** The size an image must have: what the SDK resolves from the same query or body. */
function expectedSize(entry: CorpusEntry, origin: string): { width: number; height: number; format: string } {
  const input = entry.body !== undefined ? expand(entry.body) : new URL(expand(entry.path), origin).search;
  const parsed = safeParseOgParams(input.replace(/^\uFEFF/, ""));
  if (!parsed.success) throw new Error(`a 200 entry whose params do not parse: ${parsed.error.message}`);
  return { width: parsed.data.width, height: parsed.data.height, format: parsed.data.format };
}

async function checkError(entry: CorpusEntry, response: RawResponse): Promise<void> {
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  expect(response.headers["cache-control"]).toBe("no-store");
  if (entry.method === "HEAD") {
    expect(response.body.byteLength).toBe(0);
    return;
  }
  const { error } = JSON.parse(response.body.toString("utf8")) as OgErrorBody;
  expect(errorStatus[error.code]).toBe(entry.status);
  if (entry.code) expect(error.code).toBe(entry.code);
  expect(error.message.length).toBeGreaterThan(0);
  if (entry.field !== undefined) {
    expect(error.issues.map((issue) => issue.path)).toContain(entry.field);
    // An issue names its field and says what is wrong, in words.
    for (const issue of error.issues) expect(issue.message.length).toBeGreaterThan(5);
  }
}

async function checkImage(entry: CorpusEntry, response: RawResponse, origin: string): Promise<void> {
  const expected = expectedSize(entry, origin);
  const type = response.headers["content-type"] ?? "";
  expect(type).toBe(expected.format === "svg" ? "image/svg+xml" : `image/${expected.format}`);
  expect(response.headers["cache-control"]).not.toBe("no-store");
  if (entry.method === "HEAD") {
    expect(Number(response.headers["content-length"])).toBeGreaterThan(0);
    expect(response.body.byteLength).toBe(0);
    return;
  }
  if (entry.status === 206) {
    const size = Number(response.headers["content-range"]?.split("/")[1]);
    expect(response.headers["content-range"]).toBe(`bytes 0-${size - 1}/${size}`);
    expect(response.body.byteLength).toBe(size);
  }
  const meta = await sharp(response.body).metadata();
  expect({ width: meta.width, height: meta.height }).toEqual({ width: expected.width, height: expected.height });
  if (expected.format === "svg") {
    // Text is escaped into the SVG: nothing in it runs or loads.
    const svg = response.body.toString("utf8");
    expect(svg).not.toMatch(/<script|<image[^>]+href="(?!data:)|<!ENTITY|file:/i);
  }
}

describe("the bad-input corpus", () => {
  it("has at least 200 entries, each with a reason and a 4xx or image status", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    for (const entry of corpus) {
      expect(entry.why.length, entry.path).toBeGreaterThan(3);
      expect([200, 206, 400, 404, 405, 413, 414, 415, 416], entry.why).toContain(entry.status);
    }
  });

  describe.concurrent("every entry gets its status: a 4xx JSON error naming the field, or an image of the requested size", () => {
    it.each(corpus.map((entry, index) => [`${index + 1}. ${entry.why}`, entry] as const))("%s", async (_, entry) => {
      const origin = origins[entry.server ?? "pooled"];
      const response = await rawRequest(origin, {
        method: entry.method,
        path: expand(entry.path),
        encoding: entry.encoding,
        headers: entry.headers,
        body: entry.body === undefined ? undefined : expand(entry.body),
      });
      expect(response.status, response.body.subarray(0, 300).toString()).toBe(entry.status);
      if (entry.status >= 400) await checkError(entry, response);
      else await checkImage(entry, response, origin);
    });
  });

  it("reported no server error and left no promise rejection unhandled", () => {
    expect(serverErrors).toEqual([]);
    expect(unhandled).toEqual([]);
    // The image server saw only the allowlisted fetches, never a redirect's private target.
    expect(
      images.hits.every((path) => ["/red.png", "/page.html", "/huge.png", "/redirect", "/loop"].includes(path)),
    ).toBe(true);
  });
});
