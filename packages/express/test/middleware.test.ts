import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ErrorMiddleware,
  type NextFunction,
  type NodeMiddleware,
  ogErrorHandler,
  ogMiddleware,
} from "../src/index.js";
import { listen, pngSize } from "./helpers.js";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

function og(options: Parameters<typeof ogMiddleware>[0] = {}) {
  const middleware = ogMiddleware({ pool: false, secrets: [], ...options });
  closers.push(middleware.close);
  return middleware;
}

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = await listen(createServer(listener));
  closers.push(server.close);
  return server.url;
}

type Layer = NodeMiddleware | ErrorMiddleware;

/**
 * A Connect-style dispatcher (the contract of connect, polka and middie): middleware run in order,
 * `next(error)` skips to the next four-parameter error middleware.
 */
function connectStyle(...stack: Layer[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let index = 0;
    const next: NextFunction = (error) => {
      const layer = stack[index++];
      if (!layer) {
        res.statusCode = error ? 500 : 404;
        res.end(error ? "unhandled" : "not found");
        return;
      }
      if (error !== undefined && layer.length === 4) (layer as ErrorMiddleware)(error, req, res, next);
      else if (error === undefined && layer.length < 4) (layer as NodeMiddleware)(req, res, next);
      else next(error);
    };
    next();
  };
}

describe("ogMiddleware on plain node:http", () => {
  it("serves images, and answers other paths with a 404 JSON error when there is no next", async () => {
    const middleware = og();
    const base = await serve((req, res) => middleware(req, res));
    const image = await fetch(`${base}/api/v1/og?title=Plain%20node`);
    expect(image.status).toBe(200);
    expect(pngSize(new Uint8Array(await image.arrayBuffer()))).toEqual({ width: 1200, height: 630 });

    const missing = await fetch(`${base}/healthz`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await missing.json()).toEqual({ error: { code: "NOT_FOUND", message: "No route /healthz", issues: [] } });
  }, 30_000);

  it("calls next for other paths and answers its own errors itself by default", async () => {
    const middleware = og();
    const base = await serve((req, res) =>
      middleware(req, res, () => {
        res.statusCode = 404;
        res.end("app 404");
      }),
    );
    expect(await (await fetch(`${base}/`)).text()).toBe("app 404");
    const invalid = await fetch(`${base}/api/v1/og?title=`);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "INVALID_PARAMS", issues: [{ path: "title" }] } });
  });
});

describe("ogMiddleware in a Connect-style chain", () => {
  it("passes errors to next(error) in errors: next mode, for a four-parameter error middleware", async () => {
    const seen: unknown[] = [];
    const logger: ErrorMiddleware = (error, _req, _res, next) => {
      seen.push(error);
      next(error);
    };
    const base = await serve(connectStyle(og({ errors: "next" }), logger, ogErrorHandler()));
    const response = await fetch(`${base}/og?title=x`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(await response.json()).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
    expect(seen).toMatchObject([{ name: "OgError", code: "METHOD_NOT_ALLOWED" }]);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });

  it("uses a body an earlier middleware already read into req.body", async () => {
    const parseJson: NodeMiddleware = (req, _res, next) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        Object.assign(req, { body: JSON.parse(Buffer.concat(chunks).toString("utf8")), _body: true });
        next?.();
      });
    };
    const base = await serve(connectStyle(parseJson, og()));
    const response = await fetch(`${base}/api/v1/og`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Read before", size: "twitter" }),
    });
    expect(response.status).toBe(200);
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1200, height: 600 });
  }, 30_000);
});
