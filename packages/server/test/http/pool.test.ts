import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OgElement } from "../../src/engine/types.js";
import { createOgHandler } from "../../src/http/handler.js";
import { call, errorOf, imageOf, SMALL } from "./helpers.js";

// One worker, one queue slot: small enough to fill on purpose. The worker runs from TypeScript
// source here (tsx in the worker thread), as it does from dist/worker.js in a build.
const TIMEOUT_MS = 4000;
const og = createOgHandler({
  pool: true,
  concurrency: 1,
  maxQueue: 1,
  renderTimeoutMs: TIMEOUT_MS,
  faultInjection: true,
  onError: () => {},
  templates: {
    // A custom template is a function: its tree is built on the main thread, rasterized in the worker.
    announcement: (params) => ({
      type: "div",
      props: {
        style: { display: "flex", width: "100%", height: "100%", background: "#112233", color: "#ffffff" },
        children: [{ type: "span", props: { children: params.title } }],
      },
    }),
    // React-style elements: a $$typeof symbol and a function component must not break the thread hop.
    reactish: (params) =>
      ({
        $$typeof: Symbol.for("react.element"),
        type: (props: { text: string }) => ({
          type: "div",
          props: {
            style: { display: "flex", width: "100%", height: "100%", background: "#fff" },
            children: props.text,
          },
        }),
        props: { text: params.title },
      }) as unknown as OgElement,
  },
});
// Thread start-up (the engine loaded from TypeScript source) is not part of any render's deadline.
beforeAll(() => og.warm(), 120_000);
afterAll(() => og.close());

const image = (title: string, extra = "") => `/api/v1/og?title=${encodeURIComponent(title)}&${SMALL}${extra}`;

describe("renders in the worker pool", () => {
  it("answers a PNG of the requested size (regression: thread start-up no longer counts against the first render)", async () => {
    const response = await call(og, image("Pooled"));
    expect(response.status).toBe(200);
    expect(await imageOf(response)).toMatchObject({ format: "png", width: 200, height: 100 });
  });

  it("renders custom templates: tree built here, pixels in the worker", async () => {
    for (const template of ["announcement", "reactish"]) {
      const response = await call(og, image("Custom", `&template=${template}`));
      expect(response.status, template).toBe(200);
      expect(await imageOf(response)).toMatchObject({ format: "png", width: 200, height: 100 });
    }
  });

  it("answers 503 OVERLOADED with Retry-After at once when the queue is full, and still serves cached images", async () => {
    const cached = image("Cached before the rush");
    expect((await call(og, cached)).status).toBe(200);
    const running = call(og, image("ogkit-fault:sleep:700:a"));
    const queued = call(og, image("ogkit-fault:sleep:700:b"));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = performance.now();
    const refused = await call(og, image("One too many"));
    expect(performance.now() - started).toBeLessThan(50);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await errorOf(refused)).code).toBe("OVERLOADED");

    const hit = await call(og, cached);
    expect(hit.status).toBe(200);
    expect(hit.headers.get("x-og-cache")).toBe("hit");
    expect((await running).status).toBe(200);
    expect((await queued).status).toBe(200);
  });

  it("answers 504 RENDER_TIMEOUT to a hung render, replaces its worker and keeps serving", async () => {
    const started = performance.now();
    const hung = call(og, image("ogkit-fault:hang:60000"));
    // The main thread stays free while the worker hangs.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call(og, "/healthz")).status).toBe(200);

    const response = await hung;
    const elapsed = performance.now() - started;
    expect(response.status).toBe(504);
    expect((await errorOf(response)).code).toBe("RENDER_TIMEOUT");
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS * 1.1);

    // The next render waits for the replacement worker to boot.
    const after = await call(og, image("After the timeout"));
    expect(after.status).toBe(200);
  }, 20_000);

  it("fails only the crashing render's request when a worker dies", async () => {
    const crashed = await call(og, image("ogkit-fault:crash"));
    expect(crashed.status).toBe(500);
    expect(await errorOf(crashed)).toEqual({
      code: "RENDER_FAILED",
      message: "The render worker stopped unexpectedly",
      issues: [],
    });
    expect((await call(og, image("After the crash"))).status).toBe(200);
  }, 20_000);

  it("reports an engine error from the worker with its code and issues (not as a crash)", async () => {
    const response = await call(og, image("x", "&icon=definitely-not-an-icon"));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("INVALID_PARAMS");
    expect(error.issues[0]?.path).toBe("icon");
  });
});

describe("in-process renderer (pool: false)", () => {
  const inProcess = createOgHandler({
    pool: false,
    concurrency: 1,
    maxQueue: 0,
    renderTimeoutMs: 300,
    faultInjection: true,
    onError: () => {},
  });
  afterAll(() => inProcess.close());

  it("answers 504 at the deadline even though the render cannot be interrupted", async () => {
    const response = await call(inProcess, image("ogkit-fault:sleep:1000"));
    expect(response.status).toBe(504);
    await errorOf(response);
  });

  it("answers 503 while its one slot is busy", async () => {
    // The previous test's render still holds the slot until it really ends.
    while (((await (await call(inProcess, "/healthz")).json()) as { renders: { active: number } }).renders.active > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const busy = call(inProcess, image("ogkit-fault:sleep:200"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await call(inProcess, image("Refused"));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect((await busy).status).toBe(200);
  });
});
