import { MAX_QUERY_BYTES, ogUrl } from "@ogkit/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { createOgHandler, type OgHandler, type OgHandlerOptions } from "../../src/http/handler.js";
import { call, errorOf, imageOf, metric, postJson, SMALL, uniqueTitle } from "./helpers.js";

// These tests are about HTTP: they render in process (pool: false) at the smallest size. The
// worker pool has its own tests (pool.test.ts).
const handlers: OgHandler[] = [];
function handlerWith(options: OgHandlerOptions = {}): OgHandler {
  const handler = createOgHandler({ pool: false, concurrency: 2, ...options });
  handlers.push(handler);
  return handler;
}
afterAll(async () => {
  await Promise.all(handlers.map((handler) => handler.close()));
});

const reported: { code: string; cause: unknown }[] = [];
const og = handlerWith({
  faultInjection: true,
  onError: (error) => reported.push({ code: error.code, cause: error.cause }),
});
const image = (query: string) => `/api/v1/og?${query}&${SMALL}`;

describe("GET /api/v1/og", () => {
  it("answers a PNG of the requested size with its length, ETag, Cache-Control and diagnostics", async () => {
    const response = await call(og, image("title=Hello&theme=light"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400, stale-while-revalidate=604800");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("x-og-theme")).toBe("light");
    expect(response.headers.get("x-og-layout")).toBe("standard");
    expect(Number(response.headers.get("x-og-title-lines"))).toBeGreaterThanOrEqual(1);
    expect(response.headers.get("x-og-truncated")).toMatch(/^(true|false)$/);
    const length = Number(response.headers.get("content-length"));
    const decoded = await imageOf(response);
    expect(decoded).toMatchObject({ format: "png", width: 200, height: 100, bytes: length });
  });

  it.each([
    ["jpeg", "jpeg", "image/jpeg"],
    ["webp", "webp", "image/webp"],
    ["svg", "svg", "image/svg+xml"],
  ])("answers format=%s as %s", async (format, decodedAs, contentType) => {
    const response = await call(og, image(`title=Formats&format=${format}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(await imageOf(response)).toMatchObject({ format: decodedAs, width: 200, height: 100 });
  });

  it("serves the same image and ETag at /og, and for the same params in another order", async () => {
    const a = await call(og, "/api/v1/og?title=Same&theme=dark&width=200&height=100");
    const b = await call(og, "/og?height=100&width=200&theme=dark&title=Same");
    expect(b.status).toBe(200);
    expect(b.headers.get("etag")).toBe(a.headers.get("etag"));
    expect(b.headers.get("x-og-cache")).toBe("hit");
  });

  it("answers HEAD with the GET's headers and no body", async () => {
    const get = await call(og, image("title=Head"));
    const head = await call(og, image("title=Head"), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(head.headers.get("content-type")).toBe("image/png");
    expect(head.body).toBeNull();
  });

  it("answers 304 to a matching If-None-Match without rendering", async () => {
    const title = uniqueTitle("etag");
    const first = await call(og, image(`title=${encodeURIComponent(title)}`));
    const etag = first.headers.get("etag")!;
    const before = await metric(og, 'ogkit_renders_total{format="png"}');
    const fresh = uniqueTitle("never-rendered");
    const revalidated = await call(og, image(`title=${encodeURIComponent(title)}`), {
      headers: { "if-none-match": etag },
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(await revalidated.text()).toBe("");
    // An image never rendered revalidates too: its ETag comes from the params alone.
    const other = await call(og, image(`title=${encodeURIComponent(fresh)}`), { method: "HEAD" });
    const cold = await call(og, image(`title=${encodeURIComponent(fresh)}&theme=light`), {
      headers: { "if-none-match": other.headers.get("etag")! },
    });
    expect(cold.status).toBe(200);
    expect(await metric(og, 'ogkit_renders_total{format="png"}')).toBe(before + 2);
  });

  it("answers Range bytes=0-524288 (as Facebook sends) with 206 and Content-Range", async () => {
    const full = await call(og, image("title=Range"));
    const size = Number(full.headers.get("content-length"));
    const crawler = await call(og, image("title=Range"), { headers: { range: "bytes=0-524288" } });
    expect(crawler.status).toBe(206);
    expect(crawler.headers.get("content-range")).toBe(`bytes 0-${size - 1}/${size}`);
    expect((await crawler.arrayBuffer()).byteLength).toBe(size);

    const part = await call(og, image("title=Range"), { headers: { range: "bytes=0-9" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-length")).toBe("10");
    expect(part.headers.get("content-range")).toBe(`bytes 0-9/${size}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(new Uint8Array(await full.arrayBuffer()).slice(0, 10));
  });

  it("answers 416 to a range outside the image", async () => {
    const response = await call(og, image("title=Range"), { headers: { range: "bytes=99999999-" } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toMatch(/^bytes \*\/\d+$/);
    expect((await errorOf(response)).code).toBe("RANGE_NOT_SATISFIABLE");
  });

  it("answers 400 naming the invalid field", async () => {
    const response = await call(og, "/api/v1/og?title=Hi&theme=neon");
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("INVALID_PARAMS");
    expect(error.issues).toEqual([{ path: "theme", message: expect.stringContaining("theme must be one of") }]);
  });

  it("answers 400 for a missing title, an unknown parameter and a repeated one", async () => {
    for (const [query, field] of [
      ["theme=dark", "title"],
      ["title=x&colour=red", "colour"],
      ["title=x&title=y", "title"],
      ["title=x&width=99999", "width"],
    ] as const) {
      const response = await call(og, `/api/v1/og?${query}`);
      expect(response.status, query).toBe(400);
      expect((await errorOf(response)).issues.map((issue) => issue.path)).toContain(field);
    }
  });

  it("answers 414 to a query over 4 KB", async () => {
    const response = await call(og, `/api/v1/og?title=${"a".repeat(MAX_QUERY_BYTES)}`);
    expect(response.status).toBe(414);
    expect((await errorOf(response)).code).toBe("URL_TOO_LONG");
  });

  it("never caches an error: a failed render is retried and answered no-store", async () => {
    const title = "ogkit-fault:throw";
    const before = await metric(og, 'ogkit_errors_total{code="RENDER_FAILED"}');
    for (let i = 0; i < 2; i++) {
      const response = await call(og, image(`title=${title}`));
      expect(response.status).toBe(500);
      const error = await errorOf(response);
      expect(error).toEqual({ code: "RENDER_FAILED", message: "The image could not be rendered", issues: [] });
    }
    expect(await metric(og, 'ogkit_errors_total{code="RENDER_FAILED"}')).toBe(before + 2);
    // The server side sees the cause; the client never does.
    expect(reported.at(-1)).toEqual({ code: "RENDER_FAILED", cause: expect.any(Error) });
    expect(String(reported.at(-1)?.cause)).toContain("Simulated render failure");
  });

  it("says whether the image came from the cache", async () => {
    const path = image(`title=${encodeURIComponent(uniqueTitle("cache"))}`);
    expect((await call(og, path)).headers.get("x-og-cache")).toBe("miss");
    expect((await call(og, path)).headers.get("x-og-cache")).toBe("hit");
  });

  it("renders identical concurrent requests once", async () => {
    const path = image(`title=${encodeURIComponent(uniqueTitle("concurrent"))}`);
    const before = await metric(og, 'ogkit_renders_total{format="png"}');
    const responses = await Promise.all(Array.from({ length: 6 }, () => call(og, path)));
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(200));
    expect(new Set(responses.map((response) => response.headers.get("etag"))).size).toBe(1);
    expect(await metric(og, 'ogkit_renders_total{format="png"}')).toBe(before + 1);
  });

  it("with cacheBytes 0 caches nothing but still shares renders in flight", async () => {
    const uncached = handlerWith({ cacheBytes: 0 });
    const path = image("title=nocache");
    const responses = await Promise.all([call(uncached, path), call(uncached, path)]);
    expect(await metric(uncached, 'ogkit_renders_total{format="png"}')).toBe(1);
    expect(responses[0]?.headers.get("x-og-cache")).toBe("miss");
    expect((await call(uncached, path)).headers.get("x-og-cache")).toBe("miss");
    expect(await metric(uncached, 'ogkit_renders_total{format="png"}')).toBe(2);
  });
});

describe("POST /api/v1/og", () => {
  it("renders a JSON body of the same schema as the GET query, with the same ETag", async () => {
    const response = await postJson(og, "/api/v1/og", { title: "Posted", theme: "bold", width: 200, height: 100 });
    expect(response.status).toBe(200);
    const get = await call(og, "/api/v1/og?title=Posted&theme=bold&width=200&height=100", { method: "HEAD" });
    expect(response.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(await imageOf(response)).toMatchObject({ format: "png", width: 200, height: 100 });
  });

  it("answers 400 naming the invalid field of the body", async () => {
    const response = await postJson(og, "/api/v1/og", { title: "x", accent: "red" });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues[0]?.path).toBe("accent");
  });

  it("answers 415 to a body of a type that is not JSON", async () => {
    const forms: [string, BodyInit][] = [
      ["application/x-www-form-urlencoded", "title=x"],
      ["multipart/form-data; boundary=x", "--x--"],
      ["image/png", new Uint8Array([137, 80, 78, 71])],
    ];
    for (const [type, body] of forms) {
      const response = await call(og, "/api/v1/og", { method: "POST", headers: { "content-type": type }, body });
      expect(response.status, type).toBe(415);
      expect((await errorOf(response)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
  });

  it("regression: the hosted API's fetch examples without Content-Type (sent as text/plain) render", async () => {
    // fetch(url, { body: JSON.stringify(...) }) labels the body text/plain;charset=UTF-8.
    const text = await call(og, "/v1/og-image", {
      method: "POST",
      body: JSON.stringify({ title: "No content type", template: "minimal", width: 200, height: 100 }),
    });
    expect(text.status).toBe(200);
    expect(text.headers.get("x-og-theme")).toBe("minimal");
    const bytes = await call(og, "/v1/og-image", {
      method: "POST",
      body: new TextEncoder().encode(JSON.stringify({ title: "No header at all", width: 200, height: 100 })),
    });
    expect(bytes.status).toBe(200);
    const notJson = await call(og, "/v1/og-image", { method: "POST", body: "title=x" });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe("INVALID_BODY");
  });

  it("answers 400 INVALID_BODY to malformed JSON, a non-object and an empty body", async () => {
    for (const body of ["{title:", "[1,2]", '"title"', "", "null"]) {
      const response = await postJson(og, "/api/v1/og", body);
      expect(response.status, body).toBe(400);
      expect((await errorOf(response)).code, body).toBe("INVALID_BODY");
    }
  });

  it("answers 413 to a declared Content-Length over 64 KB, before reading it", async () => {
    const response = await call(og, "/api/v1/og", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(64 * 1024 + 1) },
      body: "{}",
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("BODY_TOO_LARGE");
  });

  it("answers 413 to a streamed body that grows over 64 KB, counting the bytes", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await call(og, "/api/v1/og", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    // It stopped reading soon after the limit instead of swallowing the whole megabyte.
    expect(sent).toBeLessThan(256 * 1024);
  });
});

describe("POST /v1/og-image (the hosted POST API's shape)", () => {
  const seedBody = {
    title: "Launch week",
    subtitle: "Day 1",
    template: "gradient",
    accentColor: "#6366f1",
    width: 200,
    height: 100,
  };

  it("renders the seed body", async () => {
    const response = await postJson(og, "/v1/og-image", seedBody);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-og-theme")).toBe("gradient");
    expect(await imageOf(response)).toMatchObject({ format: "png", width: 200, height: 100 });
  });

  it("with API keys configured, answers 401 without a valid x-api-key and renders with one", async () => {
    const keyed = handlerWith({ apiKeys: ["key-1", "key-2"] });
    const missing = await postJson(keyed, "/v1/og-image", seedBody);
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).code).toBe("UNAUTHORIZED");
    expect((await postJson(keyed, "/v1/og-image", seedBody, { "x-api-key": "key-3" })).status).toBe(401);
    expect((await postJson(keyed, "/api/v1/og", seedBody)).status).toBe(401);
    expect((await postJson(keyed, "/v1/og-image", seedBody, { "x-api-key": "key-2" })).status).toBe(200);
    // GET stays open: keys guard POST renders only.
    expect((await call(keyed, image("title=open"))).status).toBe(200);
  });
});

describe("signed mode", () => {
  const signed = handlerWith({ secrets: ["new-secret", "old-secret"], now: () => 1_700_000_000_000 });
  const params = { title: "Signed", width: 200, height: 100 };

  it("renders a URL signed by @ogkit/sdk, cached as immutable", async () => {
    const response = await call(signed, ogUrl(params, { secret: "new-secret" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("accepts the old secret while rotating", async () => {
    expect((await call(signed, ogUrl(params, { secret: "old-secret" }))).status).toBe(200);
  });

  it("answers 403 to unsigned, tampered and foreign-signed URLs", async () => {
    const good = ogUrl(params, { secret: "new-secret" });
    for (const path of [
      image("title=Signed"),
      good.replace("Signed", "Signer"),
      good.replace("title=Signed", "title=Signed&theme=light"),
      `${good}&sig=x`,
      good.slice(0, -3),
      ogUrl(params, { secret: "someone-else" }),
    ]) {
      const response = await call(signed, path);
      expect(response.status, path).toBe(403);
      expect((await errorOf(response)).code).toBe("BAD_SIGNATURE");
    }
  });

  it("answers 403 EXPIRED after exp, and caches an expiring URL no longer than it lives", async () => {
    const now = 1_700_000_000_000;
    const expired = ogUrl(params, { secret: "new-secret", expiresIn: 60, now: now - 120_000 });
    const response = await call(signed, expired);
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("EXPIRED");
    const live = await call(signed, ogUrl(params, { secret: "new-secret", expiresIn: 600, now }));
    expect(live.status).toBe(200);
    expect(live.headers.get("cache-control")).toBe("public, max-age=600");
  });

  it("refuses POST renders when no API key is configured (they would bypass signing)", async () => {
    const response = await postJson(signed, "/api/v1/og", params);
    expect(response.status).toBe(403);
    await errorOf(response);
  });
});

describe("catalog and operations routes", () => {
  it("GET /api/v1/themes lists every theme with its palette", async () => {
    const response = await call(og, "/api/v1/themes");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { themes: string[]; palettes: Record<string, unknown> };
    expect(body.themes).toEqual(expect.arrayContaining(["dark", "light", "gradient", "cyberpunk", "minimal", "bold"]));
    for (const theme of body.themes) expect(body.palettes[theme]).toBeTypeOf("object");
  });

  it("GET /api/v1/icons lists every icon name and filters by ?q=", async () => {
    const all = (await (await call(og, "/api/v1/icons")).json()) as { icons: string[] };
    expect(all.icons.length).toBeGreaterThan(1000);
    expect(all.icons).toContain("rocket");
    const arrows = (await (await call(og, "/api/v1/icons?q=Arrow-Up")).json()) as { icons: string[] };
    expect(arrows.icons.length).toBeGreaterThan(0);
    expect(arrows.icons.every((name) => name.includes("arrow-up"))).toBe(true);
    const tooLong = await call(og, `/api/v1/icons?q=${"a".repeat(41)}`);
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).issues[0]?.path).toBe("q");
  });

  it("GET /api/v1/openapi.json is the SDK's OpenAPI document", async () => {
    const response = await call(og, "/api/v1/openapi.json");
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/v1/og", "/og", "/v1/og-image", "/api/v1/themes", "/api/v1/icons", "/healthz"]),
    );
  });

  it("GET /healthz answers ok, never cached", async () => {
    const response = await call(og, "/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("GET /metrics is Prometheus text with renders, cache hits and misses, render times and errors by code", async () => {
    await call(og, "/nope");
    const response = await call(og, "/metrics");
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of [
      "ogkit_renders_total",
      "ogkit_cache_hits_total",
      "ogkit_cache_misses_total",
      "ogkit_render_duration_seconds_bucket",
      'ogkit_errors_total{code="NOT_FOUND"}',
    ]) {
      expect(text).toContain(name);
    }
  });

  it("GET / is an HTML page with example images", async () => {
    const response = await call(og, "/");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain('<img src="/api/v1/og?title=');
  });

  it("GET / is the playground when one is mounted", async () => {
    const playground = handlerWith({ playground: () => new Response("playground") });
    expect(await (await call(playground, "/")).text()).toBe("playground");
    expect(await (await call(playground, "/playground/app.js")).text()).toBe("playground");
  });
});

describe("routing", () => {
  it("answers 404 JSON to an unknown route", async () => {
    const response = await call(og, "/api/v2/og?title=x");
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("NOT_FOUND");
  });

  it("answers 405 with Allow to a wrong method", async () => {
    const put = await call(og, "/api/v1/og", { method: "PUT", body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST");
    expect((await errorOf(put)).code).toBe("METHOD_NOT_ALLOWED");
    const get = await call(og, "/v1/og-image");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await call(og, "/healthz", { method: "DELETE" })).headers.get("allow")).toBe("GET, HEAD");
  });

  it("regression: a method named like a route property is a 405, not a 500", async () => {
    for (const method of ["name", "constructor", "toString"]) {
      const response = await call(og, "/api/v1/og?title=x", { method });
      expect(response.status, method).toBe(405);
    }
  });

  it("mounts every route under basePath", async () => {
    const mounted = handlerWith({ basePath: "/og-service/" });
    expect((await call(mounted, `/og-service${image("title=mounted")}`)).status).toBe(200);
    expect((await call(mounted, "/og-service/healthz")).status).toBe(200);
    expect((await call(mounted, image("title=mounted"))).status).toBe(404);
    expect(await (await call(mounted, "/og-service")).text()).toContain('src="/og-service/api/v1/og?');
  });

  it("never answers bad input with a 500", async () => {
    for (const query of [
      "title=%E0%A4%A",
      "title=%00",
      "title=x&width=-5",
      "title=x&width=1.5",
      "title=x&height=NaN",
      "title=x&icon=../../etc/passwd",
      "title=x&template=..%2F..%2Fx",
      "title=x&accent=red;background:url(x)",
      "title=x&layout=metric",
      "title=x&icon=rockt",
      "title=x&template=no-such-template",
      "title=%F0%9F",
    ]) {
      const response = await call(og, `/api/v1/og?${query}&${SMALL}`);
      expect(response.status, query).toBeGreaterThanOrEqual(400);
      expect(response.status, query).toBeLessThan(500);
      await errorOf(response);
    }
  });
});
