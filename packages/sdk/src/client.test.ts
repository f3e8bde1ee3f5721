import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createOgClient, parseRetryAfter } from "./client.js";
import { OgError } from "./errors.js";
import type { OgParams } from "./schema.js";
import { OG_PATH, ogUrl } from "./url.js";

const BASE = "https://og.test";
const IMAGE_URL = `${BASE}${OG_PATH}`;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const params: OgParams = { title: "Hello, world — ✓", theme: "light", accent: "#F60" };

const server = setupServer();
/** Every request that reached the mock server, in order. */
let requests: Request[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.restoreAllMocks();
  requests = [];
});
afterAll(() => server.close());

/** Answers each request with the next responder; the last one repeats. */
function serve(...responders: Array<() => Response | Promise<Response>>) {
  server.use(
    http.get(IMAGE_URL, ({ request }) => {
      requests.push(request);
      const responder = responders[Math.min(requests.length, responders.length) - 1] as () => Response;
      return responder();
    }),
  );
}

const png = () =>
  HttpResponse.arrayBuffer(PNG.slice().buffer, { headers: { "content-type": "image/png", etag: '"1"' } });
const errorBody =
  (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ error: { code, message, issues: [] } }, { status, headers });

/** A rejection, for asserting on its fields. */
async function failure(promise: Promise<unknown>): Promise<OgError> {
  try {
    await promise;
  } catch (error) {
    return error as OgError;
  }
  throw new Error("expected the promise to reject");
}

describe("createOgClient", () => {
  it("returns the image bytes, content type and headers", async () => {
    serve(png);
    const image = await createOgClient({ baseUrl: BASE }).fetchImage(params);
    expect(image.bytes).toBeInstanceOf(Uint8Array);
    expect([...image.bytes]).toEqual([...PNG]);
    expect(image.contentType).toBe("image/png");
    expect(image.headers.get("etag")).toBe('"1"');
  });

  it("requests exactly ogUrl's URL, and url() is ogUrl's", async () => {
    serve(png);
    const client = createOgClient({ baseUrl: `${BASE}/` });
    const expected = ogUrl(params, { baseUrl: BASE });
    expect(client.url(params)).toBe(expected);
    await client.fetchImage(params);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(expected);
  });

  it("signs URLs with the client's secret", async () => {
    serve(png);
    const client = createOgClient({ baseUrl: BASE, secret: "s3cret" });
    const expected = ogUrl(params, { baseUrl: BASE, secret: "s3cret" });
    expect(expected).toMatch(/&sig=[\w-]+$/);
    expect(client.url(params)).toBe(expected);
    await client.fetchImage(params);
    expect(requests[0]?.url).toBe(expected);
  });

  it("sends x-api-key only when an apiKey is set", async () => {
    serve(png);
    await createOgClient({ baseUrl: BASE, apiKey: "key-123" }).fetchImage(params);
    await createOgClient({ baseUrl: BASE }).fetchImage(params);
    expect(requests.map((request) => request.headers.get("x-api-key"))).toEqual(["key-123", null]);
  });

  it("uses an injected fetch", async () => {
    const fetch = vi.fn(async () => new Response(PNG, { headers: { "content-type": "image/webp" } }));
    const image = await createOgClient({ baseUrl: BASE, apiKey: "k", fetch }).fetchImage(params);
    expect(image.contentType).toBe("image/webp");
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(ogUrl(params, { baseUrl: BASE }));
    expect(new Headers(init.headers).get("x-api-key")).toBe("k");
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it("throws invalid params synchronously, before any request", () => {
    serve(png);
    const client = createOgClient({ baseUrl: BASE });
    let thrown: unknown;
    try {
      void client.fetchImage({ title: "", theme: "neon" as "dark" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OgError);
    expect((thrown as OgError).code).toBe("INVALID_PARAMS");
    expect((thrown as OgError).issues.map((issue) => issue.path).sort()).toEqual(["theme", "title"]);
    expect(requests).toHaveLength(0);
  });

  it("turns a 400 error body into that OgError, without retrying", async () => {
    serve(() =>
      HttpResponse.json(
        {
          error: {
            code: "INVALID_PARAMS",
            message: "icon: no Lucide icon is named rocket-ship",
            issues: [{ path: "icon", message: "no Lucide icon is named rocket-ship" }],
          },
        },
        { status: 400 },
      ),
    );
    const error = await failure(
      createOgClient({ baseUrl: BASE, retryDelay: 1 }).fetchImage({ title: "Hi", icon: "rocket" }),
    );
    expect(error).toBeInstanceOf(OgError);
    expect(error.code).toBe("INVALID_PARAMS");
    expect(error.status).toBe(400);
    expect(error.message).toBe("icon: no Lucide icon is named rocket-ship");
    expect(error.issues).toEqual([{ path: "icon", message: "no Lucide icon is named rocket-ship" }]);
    expect(requests).toHaveLength(1);
  });

  it("does not retry other 4xx statuses", async () => {
    serve(errorBody(403, "BAD_SIGNATURE", "The signature does not match the URL"));
    const error = await failure(createOgClient({ baseUrl: BASE, retryDelay: 1 }).fetchImage(params));
    expect([error.code, error.status]).toEqual(["BAD_SIGNATURE", 403]);
    expect(requests).toHaveLength(1);
  });

  it("gives a non-JSON error body the code of its status, keeping the status", async () => {
    serve(() => new HttpResponse("<h1>Not Found</h1>", { status: 404, headers: { "content-type": "text/html" } }));
    const notFound = await failure(createOgClient({ baseUrl: BASE }).fetchImage(params));
    expect([notFound.code, notFound.status, notFound.cause]).toEqual(["NOT_FOUND", 404, "<h1>Not Found</h1>"]);

    server.resetHandlers();
    requests = [];
    serve(() => new HttpResponse("teapot", { status: 418 }));
    const teapot = await failure(createOgClient({ baseUrl: BASE }).fetchImage(params));
    expect([teapot.code, teapot.status]).toEqual(["INVALID_PARAMS", 418]);
    expect(requests).toHaveLength(1);
  });

  it("waits a 429's Retry-After seconds, then succeeds", async () => {
    vi.useFakeTimers();
    serve(errorBody(429, "RATE_LIMITED", "Slow down", { "retry-after": "3" }), png);
    const pending = createOgClient({ baseUrl: BASE }).fetchImage(params);
    await vi.advanceTimersByTimeAsync(2_990);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    const image = await pending;
    expect([...image.bytes]).toEqual([...PNG]);
    expect(requests).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP date", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-31T12:00:00Z") });
    serve(errorBody(503, "OVERLOADED", "Busy", { "retry-after": "Tue, 31 Mar 2026 12:00:05 GMT" }), png);
    const pending = createOgClient({ baseUrl: BASE }).fetchImage(params);
    await vi.advanceTimersByTimeAsync(4_990);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    await pending;
    expect(requests).toHaveLength(2);
  });

  it("caps a long Retry-After at maxRetryDelay", async () => {
    vi.useFakeTimers();
    serve(errorBody(429, "RATE_LIMITED", "Slow down", { "retry-after": "3600" }), png);
    const pending = createOgClient({ baseUrl: BASE, maxRetryDelay: 2_000 }).fetchImage(params);
    await vi.advanceTimersByTimeAsync(1_990);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    await pending;
    expect(requests).toHaveLength(2);
  });

  it("backs off exponentially with jitter when there is no Retry-After", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(1);
    serve(
      () => new HttpResponse(null, { status: 502 }),
      () => new HttpResponse(null, { status: 502 }),
      png,
    );
    const pending = createOgClient({ baseUrl: BASE, retryDelay: 100 }).fetchImage(params);
    // Equal jitter with random() = 1 waits the full ceiling: 100 ms, then 200 ms.
    await vi.advanceTimersByTimeAsync(99);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(requests).toHaveLength(3);
  });

  it("retries 503 twice, then succeeds", async () => {
    const busy = errorBody(503, "OVERLOADED", "Busy");
    serve(busy, busy, png);
    const image = await createOgClient({ baseUrl: BASE, retryDelay: 1 }).fetchImage(params);
    expect(image.contentType).toBe("image/png");
    expect(requests).toHaveLength(3);
  });

  it("surfaces RENDER_FAILED once a 500 has used up its retries", async () => {
    serve(() => new HttpResponse("Internal Server Error", { status: 500 }));
    const error = await failure(createOgClient({ baseUrl: BASE, retryDelay: 1, retries: 2 }).fetchImage(params));
    expect(error).toBeInstanceOf(OgError);
    expect([error.code, error.status]).toEqual(["RENDER_FAILED", 500]);
    expect(requests).toHaveLength(3);
  });

  it("keeps the server's error from the last attempt", async () => {
    serve(errorBody(504, "RENDER_TIMEOUT", "The render took too long"));
    const error = await failure(createOgClient({ baseUrl: BASE, retryDelay: 1, retries: 1 }).fetchImage(params));
    expect([error.code, error.status, error.message]).toEqual(["RENDER_TIMEOUT", 504, "The render took too long"]);
    expect(requests).toHaveLength(2);
  });

  it("times out each attempt as NETWORK_ERROR", async () => {
    serve(async () => {
      await delay("infinite");
      return png();
    });
    const error = await failure(
      createOgClient({ baseUrl: BASE, timeout: 20, retries: 1, retryDelay: 1 }).fetchImage(params),
    );
    expect(error).toBeInstanceOf(OgError);
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.message).toMatch(/within 20 ms/);
    expect(requests).toHaveLength(2);
  });

  it("retries network errors, then surfaces NETWORK_ERROR with the cause", async () => {
    serve(() => HttpResponse.error());
    const error = await failure(createOgClient({ baseUrl: BASE, retryDelay: 1 }).fetchImage(params));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.status).toBe(502);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(requests).toHaveLength(3);
  });

  it("recovers from a single network error", async () => {
    serve(() => HttpResponse.error(), png);
    const image = await createOgClient({ baseUrl: BASE, retryDelay: 1 }).fetchImage(params);
    expect(image.bytes.length).toBe(PNG.length);
    expect(requests).toHaveLength(2);
  });

  it.each([0, 2])(
    "aborts a request in flight at the caller's signal, without retrying (retries %i)",
    async (retries) => {
      let arrived!: () => void;
      const started = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      serve(async () => {
        arrived();
        await delay("infinite");
        return png();
      });
      const controller = new AbortController();
      const pending = createOgClient({ baseUrl: BASE, retries, retryDelay: 1 }).fetchImage(params, {
        signal: controller.signal,
      });
      await started;
      const reason = new Error("navigated away");
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(requests).toHaveLength(1);
    },
  );

  it("aborts the wait before a retry at the caller's signal", async () => {
    serve(errorBody(503, "OVERLOADED", "Busy", { "retry-after": "60" }), png);
    const controller = new AbortController();
    const pending = createOgClient({ baseUrl: BASE }).fetchImage(params, { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    const error = await failure(pending);
    expect((error as unknown as Error).name).toBe("AbortError");
    expect(requests).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    serve(png);
    const error = await failure(
      createOgClient({ baseUrl: BASE }).fetchImage(params, { signal: AbortSignal.abort(new Error("too late")) }),
    );
    expect((error as unknown as Error).message).toBe("too late");
    expect(requests).toHaveLength(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-31T12:00:00Z");

  it("reads delta seconds and HTTP dates as milliseconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("Tue, 31 Mar 2026 12:01:00 GMT", now)).toBe(60_000);
  });

  it("treats a past date as no wait and anything unreadable as absent", () => {
    expect(parseRetryAfter("Tue, 31 Mar 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});
