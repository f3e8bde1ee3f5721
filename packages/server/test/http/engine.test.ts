import { parseOgParams } from "@ogkit/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { ENGINE_VERSION, renderCard } from "../../src/engine/index.js";
import { takumiVersion } from "../../src/engine/takumi.js";
import { createOgHandler } from "../../src/http/handler.js";
import { call } from "./helpers.js";

const QUERY = "title=Engines&subtitle=one%20per%20server&theme=dark&pattern=dots&icon=rocket";
const satori = createOgHandler({ pool: false, concurrency: 1 });
// The takumi engine in render threads (from TypeScript source here, dist/worker.js in a build).
const takumi = createOgHandler({ engine: "takumi", pool: true, concurrency: 1 });
afterAll(() => Promise.all([satori.close(), takumi.close()]));

async function bodyOf(response: Response): Promise<Buffer> {
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe("the engine option", () => {
  it("renders with takumi in the render threads: the in-process takumi image, not satori's", async () => {
    const threaded = await bodyOf(await call(takumi, `/api/v1/og?${QUERY}`));
    const inProcess = await renderCard(parseOgParams(QUERY), { engine: "takumi" });
    const bySatori = await bodyOf(await call(satori, `/api/v1/og?${QUERY}`));
    expect(Buffer.compare(threaded, Buffer.from(inProcess.body))).toBe(0);
    expect(Buffer.compare(threaded, bySatori)).not.toBe(0);
  });

  it("gives each engine its own ETags, and a 304 only for its own", async () => {
    const [a, b] = await Promise.all([call(satori, `/api/v1/og?${QUERY}`), call(takumi, `/api/v1/og?${QUERY}`)]);
    const etag = b.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(a.headers.get("etag")).not.toBe(etag);
    const again = await call(takumi, `/api/v1/og?${QUERY}`, { headers: { "if-none-match": etag as string } });
    expect(again.status).toBe(304);
    const other = await call(satori, `/api/v1/og?${QUERY}`, { headers: { "if-none-match": etag as string } });
    expect(other.status).toBe(200);
  });

  it("reports its version in /healthz", async () => {
    expect((await (await call(takumi, "/healthz")).json()).engine).toBe(`${ENGINE_VERSION}+takumi-${takumiVersion()}`);
    expect((await (await call(satori, "/healthz")).json()).engine).toBe(ENGINE_VERSION);
  });

  it("refuses an unknown engine when the handler is created", () => {
    expect(() => createOgHandler({ engine: "resvg" as never })).toThrow(/engine must be one of satori, takumi/);
  });
});
