import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type OgParams, ogUrl, signQuery } from "@ogkit/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { createOgHandler, type OgHandler } from "../../src/http/handler.js";
import { call, errorOf, imageOf, metric } from "../http/helpers.js";

// Signed mode, as a matrix: every way to change a signed URL (any value, the key order, a key added
// or removed, the signature truncated, doubled or moved, the expiry passed or edited) is a 403 with
// no-store and renders nothing; URLs signed by @ogkit/sdk and by the published test vectors render;
// rotation accepts the old secret until it is dropped.

interface Vector {
  name: string;
  params: OgParams;
  secret?: string;
  expiresIn?: number;
  url: string;
}
const vectorsFile = createRequire(import.meta.url).resolve("@ogkit/sdk/test-vectors.json");
const { vectors, now } = JSON.parse(readFileSync(vectorsFile, "utf8")) as { vectors: Vector[]; now: number };
const signedVectors = vectors.filter((vector) => vector.secret !== undefined);

const handlers: OgHandler[] = [];
function signedHandler(secrets: string[], at = now): OgHandler {
  const handler = createOgHandler({ pool: false, concurrency: 2, secrets, now: () => at, onError: () => {} });
  handlers.push(handler);
  return handler;
}
afterAll(() => Promise.all(handlers.map((handler) => handler.close())));

const NEW = "new-secret-2026";
const OLD = "old-secret-2025";
const og = signedHandler([NEW, OLD]);
const small = { width: 200, height: 100 };
const cases: OgParams[] = [
  { title: "Signed", ...small },
  { title: "Ünïcode & 'quotes' (x)", subtitle: "a+b=c", theme: "light", ...small },
  { title: "Many", subtitle: "s", caption: "c", brand: "b", icon: "rocket", pattern: "dots", accent: "f60", ...small },
];

/** The path of a URL, as the request line carries it. */
const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

/** Every way to break a signed path. Each keeps the URL well-formed: only the signature must catch it. */
function tamperings(signed: string): [string, string][] {
  const [route = "", query = ""] = signed.split("?");
  const parts = query.split("&");
  const sigPart = parts.at(-1) as string;
  const sig = sigPart.slice(4);
  const params = parts.slice(0, -1);
  const out: [string, string][] = [["unsigned", `${route}?${params.join("&")}`]];
  params.forEach((part, i) => {
    const [key, value = ""] = part.split("=");
    const changed = value.length > 0 ? `${value.slice(0, -1)}${value.endsWith("x") ? "y" : "x"}` : "x";
    out.push([
      `value of ${key} changed`,
      `${route}?${[...params.slice(0, i), `${key}=${changed}`, ...params.slice(i + 1)].join("&")}&${sigPart}`,
    ]);
    out.push([`${key} removed`, `${route}?${[...params.slice(0, i), ...params.slice(i + 1)].join("&")}&${sigPart}`]);
    out.push([`${key} repeated`, `${route}?${[...params, part].join("&")}&${sigPart}`]);
    const lowered = part.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    if (lowered !== part) {
      out.push([
        `${key} percent-encoding case changed`,
        `${route}?${[...params.slice(0, i), lowered, ...params.slice(i + 1)].join("&")}&${sigPart}`,
      ]);
    }
  });
  if (params.length > 1) out.push(["key order reversed", `${route}?${[...params].reverse().join("&")}&${sigPart}`]);
  out.push(["a key added before sig", `${route}?${[...params, "theme=bold"].join("&")}&${sigPart}`]);
  out.push(["a key added after sig", `${signed}&theme=bold`]);
  out.push(["sig truncated by one", `${route}?${params.join("&")}&sig=${sig.slice(0, -1)}`]);
  out.push(["sig truncated to half", `${route}?${params.join("&")}&sig=${sig.slice(0, 21)}`]);
  out.push(["sig empty", `${route}?${params.join("&")}&sig=`]);
  out.push(["sig duplicated", `${signed}&${sigPart}`]);
  out.push(["sig first", `${route}?${[sigPart, ...params].join("&")}`]);
  out.push(["sig in upper case", `${route}?${params.join("&")}&sig=${sig.toUpperCase()}`]);
  out.push([
    "sig with a flipped character",
    `${route}?${params.join("&")}&sig=${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`,
  ]);
  out.push(["sig padded", `${signed}=`]);
  out.push([
    "an exp added, unsigned",
    `${route}?${[...params, `exp=${Math.floor(now / 1000) + 3600}`].join("&")}&${sigPart}`,
  ]);
  return out;
}

describe("signed mode", () => {
  it.each(cases.map((params) => [params.title, params] as const))(
    "renders %s signed by @ogkit/sdk, with either secret while rotating",
    async (_, params) => {
      for (const secret of [NEW, OLD]) {
        const response = await call(og, pathOf(ogUrl(params, { secret })));
        expect(response.status, secret).toBe(200);
        expect(await imageOf(response)).toMatchObject({ width: 200, height: 100 });
      }
    },
  );

  it.each(signedVectors.map((vector) => [vector.name, vector] as const))(
    "renders the test vector '%s' verbatim",
    async (_, vector) => {
      const handler = signedHandler([vector.secret as string]);
      const response = await call(handler, pathOf(vector.url));
      expect(response.status).toBe(200);
      // The vectors' expiring URL expires one hour after their `now`.
      if (vector.expiresIn) {
        const later = signedHandler([vector.secret as string], now + (vector.expiresIn + 1) * 1000);
        const expired = await call(later, pathOf(vector.url));
        expect(expired.status).toBe(403);
        expect((await errorOf(expired)).code).toBe("EXPIRED");
      }
    },
  );

  it.each(cases.map((params) => [params.title, params] as const))(
    "answers 403 no-store to every tampering of %s, rendering nothing",
    async (_, params) => {
      const before = await metric(og, 'ogkit_renders_total{format="png"}');
      for (const signed of [
        pathOf(ogUrl(params, { secret: NEW })),
        pathOf(ogUrl(params, { secret: NEW, expiresIn: 600, now })),
      ]) {
        for (const [how, path] of tamperings(signed)) {
          const response = await call(og, path);
          expect(response.status, `${how}: ${path}`).toBe(403);
          expect((await errorOf(response)).code, how).toBe("BAD_SIGNATURE");
        }
      }
      expect(await metric(og, 'ogkit_renders_total{format="png"}')).toBe(before);
    },
  );

  it("answers 403 to a URL signed with an unknown secret, and to the old secret once rotation ends", async () => {
    const params = cases[0] as OgParams;
    expect((await call(og, pathOf(ogUrl(params, { secret: "someone-else" })))).status).toBe(403);
    const rotated = signedHandler([NEW]);
    const old = await call(rotated, pathOf(ogUrl(params, { secret: OLD })));
    expect(old.status).toBe(403);
    await errorOf(old);
    expect((await call(rotated, pathOf(ogUrl(params, { secret: NEW })))).status).toBe(200);
  });

  it("answers 403 EXPIRED after exp, and BAD_SIGNATURE when exp is edited to extend it", async () => {
    const params = cases[0] as OgParams;
    const expired = pathOf(ogUrl(params, { secret: NEW, expiresIn: 60, now: now - 120_000 }));
    const response = await call(og, expired);
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("EXPIRED");
    const extended = expired.replace(/exp=(\d+)/, (_, exp) => `exp=${Number(exp) + 86_400}`);
    const edited = await call(og, extended);
    expect(edited.status).toBe(403);
    expect((await errorOf(edited)).code).toBe("BAD_SIGNATURE");
    // A valid signature over a malformed exp is refused too.
    const malformed = pathOf(`/api/v1/og?${signQuery("title=Signed&width=200&height=100&exp=soon", NEW)}`);
    expect((await call(og, malformed)).status).toBe(403);
  });

  it("answers 403 to HEAD and conditional requests of unsigned URLs, and 304 only once the signature holds", async () => {
    const signed = pathOf(ogUrl(cases[0] as OgParams, { secret: NEW }));
    const etag = (await call(og, signed)).headers.get("etag") as string;
    const unsigned = signed.replace(/&sig=.*$/, "");
    expect((await call(og, unsigned, { method: "HEAD" })).status).toBe(403);
    expect((await call(og, unsigned, { headers: { "if-none-match": etag } })).status).toBe(403);
    expect((await call(og, signed, { headers: { "if-none-match": etag } })).status).toBe(304);
  });
});
