import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOgServer, type OgServer } from "../../src/server.js";
import { errorOf, imageOf, SMALL } from "./helpers.js";

/** A raw HTTP exchange, for what fetch will not send (chunked bodies, huge request lines). */
function raw(
  url: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: (write: (chunk: string) => boolean) => void;
  },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname, port, method: options.method ?? "GET", path: options.path, headers: options.headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    if (options.body) options.body((chunk) => req.write(chunk));
    req.end();
  });
}

describe("createOgServer on node:http", () => {
  let server: OgServer;
  let url: string;

  beforeAll(async () => {
    server = createOgServer({ pool: false, concurrency: 2, faultInjection: true, shutdownTimeoutMs: 5000 });
    ({ url } = await server.listen(0, "127.0.0.1"));
  });
  afterAll(() => server.close());

  it("listens on an ephemeral port and answers /healthz", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("serves an image with its Content-Length over real HTTP, and HEAD without a body", async () => {
    const response = await fetch(`${url}/api/v1/og?title=Over%20HTTP&${SMALL}`);
    expect(response.status).toBe(200);
    const length = Number(response.headers.get("content-length"));
    expect(await imageOf(response)).toMatchObject({ format: "png", width: 200, height: 100, bytes: length });
    const head = await fetch(`${url}/api/v1/og?title=Over%20HTTP&${SMALL}`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers POST with a JSON body", async () => {
    const response = await fetch(`${url}/api/v1/og`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Posted", width: 200, height: 100 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
  });

  it("answers 413 to a chunked body that grows past 64 KB, and closes the connection", async () => {
    const response = await raw(url, {
      method: "POST",
      path: "/api/v1/og",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body: (write) => {
        for (let i = 0; i < 10; i++) write(" ".repeat(16 * 1024));
      },
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(JSON.parse(response.body).error.code).toBe("BODY_TOO_LARGE");
  });

  it("answers 414 JSON to a URL over 4 KB, and to one too long for Node's parser", async () => {
    for (const length of [5_000, 100_000]) {
      const response = await raw(url, { path: `/api/v1/og?title=${"a".repeat(length)}` });
      expect(response.status, String(length)).toBe(414);
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(JSON.parse(response.body).error.code).toBe("URL_TOO_LONG");
    }
  });

  it("answers 404 and 405 as JSON", async () => {
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    await errorOf(missing);
    const wrong = await fetch(`${url}/api/v1/og`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});

describe("graceful close", () => {
  it("finishes the request in flight, then refuses new connections", async () => {
    const server = createOgServer({ pool: false, faultInjection: true, shutdownTimeoutMs: 5000 });
    const { url } = await server.listen(0, "127.0.0.1");
    const slow = fetch(`${url}/api/v1/og?title=ogkit-fault:sleep:400&${SMALL}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await imageOf(response)).toMatchObject({ width: 200, height: 100 });
    await closed;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it("cuts requests that outlive shutdownTimeoutMs", async () => {
    const server = createOgServer({ pool: false, faultInjection: true, shutdownTimeoutMs: 100 });
    const { url } = await server.listen(0, "127.0.0.1");
    const slow = fetch(`${url}/api/v1/og?title=ogkit-fault:sleep:2000&${SMALL}`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await slow).toBeInstanceOf(Error);
  });
});
