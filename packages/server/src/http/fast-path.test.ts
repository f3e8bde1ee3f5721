import { request as httpRequest } from "node:http";
import { signQuery } from "@ogkit/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOgServer, type OgServer } from "../server.js";
import { fastPaths } from "./fast-path.js";
import { createOgHandler, type OgHandler, type OgHandlerOptions } from "./handler.js";

const ORIGIN = "http://og.test";
const QUERY = "title=Fast%20path&width=320&height=168";

function handlerWith(options: OgHandlerOptions = {}): OgHandler {
  return createOgHandler({ pool: false, ...options });
}

function fast(handler: OgHandler, path: string, init: { method?: string; ifNoneMatch?: string } = {}) {
  const fastPath = fastPaths.get(handler);
  if (!fastPath) throw new Error("the handler registered no fast path");
  return fastPath({
    method: init.method ?? "GET",
    url: new URL(`${ORIGIN}${path}`),
    ifNoneMatch: init.ifNoneMatch ?? null,
  });
}

/** Header names as a Web Response lists them: lower case. */
const lowerCased = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

const full = (handler: OgHandler, path: string, headers: Record<string, string> = {}) =>
  handler(new Request(`${ORIGIN}${path}`, { headers }));

describe("the fast path of cached images", () => {
  it("answers a cached image with the full path's status, headers and bytes", async () => {
    const handler = handlerWith();
    expect(fast(handler, `/api/v1/og?${QUERY}`), "nothing is cached yet").toBeUndefined();
    const rendered = await full(handler, `/api/v1/og?${QUERY}`);
    expect(rendered.headers.get("x-og-cache")).toBe("miss");
    const cached = await full(handler, `/api/v1/og?${QUERY}`);
    const answer = fast(handler, `/api/v1/og?${QUERY}`)!;
    expect(answer.status).toBe(200);
    expect(lowerCased(answer.headers)).toEqual(Object.fromEntries(cached.headers));
    expect(Buffer.from(answer.body!)).toEqual(Buffer.from(await cached.arrayBuffer()));
  });

  it("keys by the canonical params: another order, the /og route and the parse of a new query string", async () => {
    const handler = handlerWith();
    await full(handler, `/api/v1/og?${QUERY}`);
    const reordered = fast(handler, "/og?height=168&width=320&title=Fast+path")!;
    expect(reordered.status).toBe(200);
    expect(reordered.headers.ETag).toBe((await full(handler, `/api/v1/og?${QUERY}`)).headers.get("etag"));
  });

  it("answers 304 to a matching If-None-Match, as the full path does, even before any render", async () => {
    const handler = handlerWith();
    const etag = (await full(handler, `/api/v1/og?${QUERY}`)).headers.get("etag")!;
    const fresh = handlerWith();
    const answer = fast(fresh, `/api/v1/og?${QUERY}`, { ifNoneMatch: etag })!;
    const expected = await full(fresh, `/api/v1/og?${QUERY}`, { "if-none-match": etag });
    expect(expected.status).toBe(304);
    expect(answer?.status).toBe(304);
    expect(answer?.body).toBeNull();
    expect(lowerCased(answer!.headers)).toEqual(Object.fromEntries(expected.headers));
  });

  it("leaves to the full path what it does not answer: errors, POST, other routes", async () => {
    const handler = handlerWith();
    await full(handler, `/api/v1/og?${QUERY}`);
    expect(fast(handler, "/api/v1/og?title=x&theme=nope")).toBeUndefined();
    expect(fast(handler, `/api/v1/og?${QUERY}&bogus=1`)).toBeUndefined();
    expect(fast(handler, `/api/v1/og?${QUERY}`, { method: "POST" })).toBeUndefined();
    expect(fast(handler, "/healthz")).toBeUndefined();
    expect(fast(handler, `/api/v1/og?${"a".repeat(5000)}`)).toBeUndefined();
  });

  it("checks the signature and its expiry on every request, though the image is cached", async () => {
    let now = 1_700_000_000_000;
    const handler = handlerWith({ secrets: ["s3cret"], now: () => now });
    const signed = signQuery(QUERY, "s3cret", { expiresAt: Math.floor(now / 1000) + 60 });
    expect((await full(handler, `/api/v1/og?${signed}`)).status).toBe(200);
    const answer = fast(handler, `/api/v1/og?${signed}`)!;
    expect(answer.status).toBe(200);
    expect(answer.headers["Cache-Control"]).toBe("public, max-age=60");
    now += 30_000;
    expect(fast(handler, `/api/v1/og?${signed}`)!.headers["Cache-Control"]).toBe("public, max-age=30");
    expect(fast(handler, `/api/v1/og?${QUERY}`), "unsigned").toBeUndefined();
    expect(fast(handler, `/api/v1/og?${signed.replace(/sig=[^&]+/, "sig=AAAA")}`), "bad sig").toBeUndefined();
    now += 60_000;
    expect(fast(handler, `/api/v1/og?${signed}`), "expired").toBeUndefined();
    expect((await full(handler, `/api/v1/og?${signed}`)).status).toBe(403);
  });

  it("answers a refusal under overload with the full path's 503: status, headers and body", async () => {
    const handler = handlerWith({ concurrency: 1, maxQueue: 0, faultInjection: true });
    const busy = full(handler, "/api/v1/og?title=ogkit-fault:sleep:400&width=320&height=168");
    const answer = fast(handler, `/api/v1/og?${QUERY}`)!;
    const expected = await full(handler, "/api/v1/og?title=Another&width=320&height=168");
    expect(expected.status).toBe(503);
    expect(answer.status).toBe(503);
    expect(lowerCased(answer.headers)).toEqual(Object.fromEntries(expected.headers));
    expect(answer.headers["Retry-After"]).toBe("1");
    expect(Buffer.from(answer.body!)).toEqual(Buffer.from(await expected.arrayBuffer()));
    expect((await busy).status).toBe(200);
    expect(fast(handler, `/api/v1/og?${QUERY}`), "accepted again: left to the full path to render").toBeUndefined();
    const text = await (await full(handler, "/metrics")).text();
    expect(text).toMatch(/^ogkit_requests_total\{route="og",status="503"\} 2$/m);
    expect(text).toMatch(/^ogkit_errors_total\{code="OVERLOADED"\} 2$/m);
  });

  it("does not refuse a request for an image already being rendered: it waits for that render", async () => {
    const handler = handlerWith({ concurrency: 1, maxQueue: 0, faultInjection: true });
    const path = "/api/v1/og?title=ogkit-fault:sleep:300&width=320&height=168";
    const first = full(handler, path);
    expect(fast(handler, path)).toBeUndefined();
    const [a, b] = await Promise.all([first, full(handler, path)]);
    expect([a.status, b.status]).toEqual([200, 200]);
  });

  it("counts its answers in the metrics like the full path", async () => {
    const handler = handlerWith();
    await full(handler, `/api/v1/og?${QUERY}`);
    fast(handler, `/api/v1/og?${QUERY}`);
    fast(handler, `/og?${QUERY}`);
    const text = await (await full(handler, "/metrics")).text();
    expect(text).toMatch(/^ogkit_cache_hits_total 2$/m);
    expect(text).toMatch(/^ogkit_requests_total\{route="og",status="200"\} 3$/m);
  });
});

describe("the Node server's fast path", () => {
  let server: OgServer;
  let base: string;

  beforeAll(async () => {
    server = createOgServer({ pool: false, host: "127.0.0.1" });
    base = (await server.listen(0, "127.0.0.1")).url;
  });
  afterAll(() => server.close());

  /** A raw request, so HEAD and Range reach the server as a client sends them. */
  function send(method: string, path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("serves a cached image, HEAD without a body, 304, and a Range through the full path", async () => {
    const first = await send("GET", `/api/v1/og?${QUERY}`);
    expect(first.headers["x-og-cache"]).toBe("miss");
    const second = await send("GET", `/api/v1/og?${QUERY}`);
    expect(second.status).toBe(200);
    expect(second.headers["x-og-cache"]).toBe("hit");
    expect(second.body).toEqual(first.body);
    expect(second.headers["content-length"]).toBe(String(first.body.byteLength));

    const head = await send("HEAD", `/api/v1/og?${QUERY}`);
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers["content-length"]).toBe(String(first.body.byteLength));

    const revalidated = await send("GET", `/api/v1/og?${QUERY}`, { "if-none-match": String(first.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.byteLength).toBe(0);

    const range = await send("GET", `/api/v1/og?${QUERY}`, { range: "bytes=0-9" });
    expect(range.status).toBe(206);
    expect(range.body).toEqual(first.body.subarray(0, 10));
  });

  it("answers errors through the full path, never stored: 400 with no-store", async () => {
    const response = await send("GET", "/api/v1/og?title=x&theme=nope");
    expect(response.status).toBe(400);
    expect(response.headers["cache-control"]).toBe("no-store");
  });
});
