import { createServer } from "node:http";
import { OgError } from "@ogkit/sdk";
import { createOgHandler } from "@ogkit/server";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ogErrorHandler, ogImage, ogImageUrl } from "../src/index.js";
import { headersOf, listen, pngSize } from "./helpers.js";

// This file runs twice: against Express 5 ("express") and Express 4 (the "express4" alias).
// Express 5 dropped the built-in express.query middleware.
const major = "query" in express ? 4 : 5;

const secret = "router-secret";
const closers: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function start(app: express.Express): Promise<string> {
  const server = await listen(createServer(app));
  closers.push(server.close);
  return server.url;
}

function og(options: Parameters<typeof ogImage>[0] = {}) {
  const router = ogImage({ pool: false, secrets: [], ...options });
  closers.push(router.close);
  return router;
}

it("runs against the Express major its project names", ({ task }) => {
  expect(task.file.projectName).toBe(`express${major}`);
});

describe("ogImage in an Express app", () => {
  let base: string;
  let direct: ReturnType<typeof createOgHandler>;
  const seenErrors: unknown[] = [];

  beforeAll(async () => {
    const app = express();
    app.get("/", (_req, res) => {
      res.send("home page");
    });
    app.get("/boom", () => {
      throw new OgError("INVALID_PARAMS", "the app's own OgError");
    });
    app.use(og());
    app.use(express.json());
    app.post("/echo", (req, res) => {
      res.json(req.body);
    });
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      seenErrors.push(error);
      res.status(418).send("the app's error handler");
    });
    base = await start(app);
    direct = createOgHandler({ pool: false, secrets: [] });
    closers.push(() => direct.close());
  });

  it("serves GET /api/v1/og with the server's status, headers and image", async () => {
    const response = await fetch(`${base}${ogImageUrl({ title: "Hello Express" }, { secret: false })}`);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
    const reference = await direct(new Request("http://x/api/v1/og?title=Hello%20Express"));
    expect(headersOf(response)).toEqual(headersOf(reference));
    expect(Buffer.from(bytes)).toEqual(Buffer.from(await reference.arrayBuffer()));
  }, 30_000);

  it("serves HEAD, GET /og and a 304 for a matching ETag", async () => {
    const head = await fetch(`${base}/og?title=Head`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("image/png");
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const etag = head.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await fetch(`${base}/og?title=Head`, { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
  }, 30_000);

  it("streams a POSTed JSON body to the handler (no body parser before it)", async () => {
    for (const path of ["/api/v1/og", "/v1/og-image"]) {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title: "Posted", size: "square" }),
      });
      expect(response.status, path).toBe(200);
      expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1080, height: 1080 });
    }
  }, 30_000);

  it("leaves every other path to the app", async () => {
    expect(await (await fetch(`${base}/`)).text()).toBe("home page");
    const echo = await fetch(`${base}/echo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"a":1}',
    });
    expect(await echo.json()).toEqual({ a: 1 });
    expect((await fetch(`${base}/healthz`)).status).toBe(404);
  });

  it("answers its errors with the SDK's JSON body, exactly as the server does", async () => {
    for (const [method, query] of [
      ["GET", "title="],
      ["GET", "title=x&theme=purple"],
      ["PUT", "title=x"],
    ] as const) {
      const response = await fetch(`${base}/api/v1/og?${query}`, { method });
      const reference = await direct(new Request(`http://x/api/v1/og?${query}`, { method }));
      expect(response.status).toBe(reference.status);
      expect(headersOf(response)).toEqual(headersOf(reference));
      expect(await response.text()).toBe(await reference.text());
    }
  });

  it("does not answer errors that are not its own", async () => {
    const response = await fetch(`${base}/boom`);
    expect(response.status).toBe(418);
    expect(seenErrors).toHaveLength(1);
    expect(seenErrors[0]).toMatchObject({ message: "the app's own OgError" });
  });
});

describe("ogImage with errorHandler: false", () => {
  it("passes OgErrors to the app's error middleware, where ogErrorHandler answers them", async () => {
    const seen: OgError[] = [];
    const app = express();
    app.use(og({ errorHandler: false }));
    app.use((error: OgError, _req: express.Request, _res: express.Response, next: express.NextFunction) => {
      seen.push(error);
      next(error);
    });
    app.use(ogErrorHandler());
    const base = await start(app);

    const response = await fetch(`${base}/api/v1/og?title=x`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: { code: "METHOD_NOT_ALLOWED", message: expect.any(String), issues: [] },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(OgError);
    expect(seen[0]).toMatchObject({ code: "METHOD_NOT_ALLOWED", status: 405, headers: { allow: "GET, HEAD, POST" } });
  });

  it("gives Express's default error handler the status and headers too", async () => {
    const app = express();
    app.use(og({ errorHandler: false }));
    const base = await start(app);
    const response = await fetch(`${base}/api/v1/og?title=x`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});

describe("ogImage with a body parser, a mount path and signatures", () => {
  it("uses a body express.json() already parsed", async () => {
    const app = express();
    app.use(express.json());
    app.use(og());
    const base = await start(app);
    const response = await fetch(`${base}/api/v1/og`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Parsed first", width: 800, height: 400 }),
    });
    expect(response.status).toBe(200);
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 800, height: 400 });

    const invalid = await fetch(`${base}/api/v1/og`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "x", titel: "y" }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "INVALID_PARAMS", issues: [{ path: "titel" }] } });
  }, 30_000);

  it("serves under a mount path and requires signatures when a secret is set", async () => {
    const app = express();
    app.use("/images", og({ secrets: [secret] }));
    const base = await start(app);
    const signed = ogImageUrl({ title: "Signed" }, { baseUrl: `${base}/images`, secret });
    expect(signed).toMatch(/\/images\/api\/v1\/og\?title=Signed&sig=/);
    expect((await fetch(signed)).status).toBe(200);
    const unsigned = await fetch(`${base}/images/api/v1/og?title=Signed`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ error: { code: "BAD_SIGNATURE" } });
    expect((await fetch(`${base}/api/v1/og?title=Signed`)).status).toBe(404);
  }, 30_000);
});
