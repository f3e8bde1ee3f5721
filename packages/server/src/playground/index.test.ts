import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { OgError } from "@ogkit/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPlayground } from "../../scripts/build-playground.js";
import { createPlayground, type PlaygroundHandler } from "./index.js";

const ORIGIN = "http://og.test";
let dir: string;
let playground: PlaygroundHandler;
let script: string;
let style: string;

const get = (path: string, headers: Record<string, string> = {}) => playground(new Request(ORIGIN + path, { headers }));

async function rejection(promise: Promise<unknown>): Promise<OgError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof OgError)) throw new Error(`expected an OgError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ogkit-playground-"));
  await buildPlayground({ outDir: dir });
  const names = await readdir(dir);
  script = names.find((name) => name.endsWith(".js")) as string;
  style = names.find((name) => name.endsWith(".css")) as string;
  playground = createPlayground({ assetsDir: dir });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the playground page", () => {
  it("is HTML that points at the hashed script and stylesheet, relative to the page", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain(`<script type="module" src="playground/${script}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="playground/${style}">`);
    expect(script).toMatch(/^app-[\w-]{12}\.js$/);
  });

  it("is revalidated on every load, with an ETag that answers 304", async () => {
    const response = await get("/");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const etag = response.headers.get("etag") as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get("/", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("allows only its own script, styles and same-origin requests", async () => {
    const csp = (await get("/")).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
  });

  it("is served at a directory URL under any mount path, so its relative URLs resolve", async () => {
    expect((await get("/og/")).status).toBe(200);
    const mounted = await get("/og?x=1");
    expect(mounted.status).toBe(308);
    expect(mounted.headers.get("location")).toBe("og/?x=1");
    expect((await get("/playground")).headers.get("location")).toBe("./");
    expect((await get("/og/playground/")).headers.get("location")).toBe("../");
  });
});

describe("the playground's assets", () => {
  it("are cached for a year as immutable (their names change with their content)", async () => {
    const response = await get(`/playground/${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await get(`/og/playground/${style}`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("are sent precompressed when the client accepts it, each encoding with its own ETag", async () => {
    const plain = await get(`/playground/${script}`);
    const brotli = await get(`/playground/${script}`, { "accept-encoding": "gzip, deflate, br" });
    const gzip = await get(`/playground/${script}`, { "accept-encoding": "gzip;q=1, br;q=0" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(brotli.headers.get("vary")).toBe("Accept-Encoding");
    expect(new Set([plain, brotli, gzip].map((r) => r.headers.get("etag"))).size).toBe(3);
    const text = await plain.text();
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(text);
    expect(Number(brotli.headers.get("content-length"))).toBeLessThan(text.length / 2);
  });

  it("answers a matching If-None-Match with 304", async () => {
    const etag = (await get(`/playground/${style}`)).headers.get("etag") as string;
    expect((await get(`/playground/${style}`, { "if-none-match": `W/${etag}` })).status).toBe(304);
  });

  it("are NOT_FOUND, as an OgError the handler answers with JSON, when unknown", async () => {
    expect((await rejection(get("/playground/app-0000000000.js"))).code).toBe("NOT_FOUND");
    expect((await rejection(get(`/playground/${script}.br`))).code).toBe("NOT_FOUND");
    expect((await rejection(get(`/playground/nested/${script}`))).code).toBe("NOT_FOUND");
    expect((await rejection(get("/playground/index.html"))).code).toBe("NOT_FOUND");
  });
});

it("says how to build the playground when it is not built", async () => {
  const missing = createPlayground({ assetsDir: join(dir, "nowhere") });
  const error = await rejection(missing(new Request(`${ORIGIN}/`)));
  expect(error.code).toBe("NOT_FOUND");
  expect(error.message).toContain("npm run build -w @ogkit/server");
});
