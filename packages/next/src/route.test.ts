import { createOgHandler } from "@ogkit/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ogImageUrl, ogMetadata } from "./metadata.js";
import { createOgRoute, createOpenGraphImage, type OgRoute } from "./route.js";

const origin = "http://localhost:3000";
const routes: OgRoute[] = [];

function route(options: Parameters<typeof createOgRoute>[0] = {}): OgRoute {
  const created = createOgRoute({ secrets: [], ...options });
  routes.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(routes.map((created) => created.handler.close()));
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function headersOf(response: Response): Record<string, string> {
  const headers = Object.fromEntries(response.headers);
  delete headers.date;
  return headers;
}

describe("createOgRoute", () => {
  it("serves the image of an ogMetadata URL from app/api/og/route.ts", async () => {
    const { GET } = route();
    const url = ogMetadata({ title: "Hello from Next", theme: "light" }, { secret: false }).openGraph.images[0].url;
    const response = await GET(new Request(new URL(url, origin)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  }, 30_000);

  it("answers exactly as the server's handler does: same status, headers and body", async () => {
    const { GET } = route();
    const direct = createOgHandler({ pool: false, secrets: [] });
    try {
      for (const query of ["title=Same", "title=", "title=x&theme=purple"]) {
        const viaRoute = await GET(new Request(`${origin}/api/og?${query}`));
        const viaServer = await direct(new Request(`${origin}/api/v1/og?${query}`));
        expect(viaRoute.status).toBe(viaServer.status);
        expect(headersOf(viaRoute)).toEqual(headersOf(viaServer));
        expect(Buffer.from(await viaRoute.arrayBuffer())).toEqual(Buffer.from(await viaServer.arrayBuffer()));
      }
    } finally {
      await direct.close();
    }
  }, 30_000);

  it("renders POSTed JSON params", async () => {
    const { POST } = route();
    const response = await POST(
      new Request(`${origin}/api/og`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title: "Posted", size: "square" }),
      }),
    );
    expect(response.status).toBe(200);
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1080, height: 1080 });
  }, 30_000);

  it("requires the signature ogMetadata makes with OGKIT_SECRET", async () => {
    vi.stubEnv("OGKIT_SECRET", "route-secret");
    try {
      const { GET } = routes[routes.push(createOgRoute()) - 1]!;
      const signed = ogImageUrl({ title: "Signed" });
      expect(signed).toContain("&sig=");
      expect((await GET(new Request(new URL(signed, origin)))).status).toBe(200);

      const unsigned = await GET(new Request(`${origin}/api/og?title=Signed`));
      expect(unsigned.status).toBe(403);
      expect(await unsigned.json()).toMatchObject({ error: { code: "BAD_SIGNATURE" } });

      const tampered = await GET(new Request(new URL(signed.replace("Signed", "Forged"), origin)));
      expect(tampered.status).toBe(403);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 30_000);

  // Regression: `next start` hands route handlers a query re-serialized like URLSearchParams
  // ("Hi+there", "%28") while the signature covers the SDK's encoding ("Hi%20there", "(").
  it("accepts a signed URL whose query Next re-serialized", async () => {
    const { GET } = route({ secrets: ["s3cret"] });
    const signed = ogImageUrl({ title: "Hi there (draft) ~ 100%!", subtitle: "a|b" }, { secret: "s3cret" });
    const query = new URLSearchParams(signed.slice(signed.indexOf("?") + 1)).toString();
    expect(query).toContain("Hi+there+%28draft%29");
    expect((await GET(new Request(`${origin}/api/og?${query}`))).status).toBe(200);
    expect((await GET(new Request(`${origin}${signed}`))).status).toBe(200);
  }, 30_000);

  it("answers invalid params with the SDK's JSON error", async () => {
    const { GET } = route();
    const response = await GET(new Request(`${origin}/api/og?title=x&titel=y`));
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: {
        code: "INVALID_PARAMS",
        message: "unknown parameter 'titel'; did you mean title?",
        issues: [{ path: "titel", message: "unknown parameter 'titel'; did you mean title?" }],
      },
    });
  });
});

describe("createOpenGraphImage", () => {
  it("gives the file convention's exports and renders at the declared size", async () => {
    const image = createOpenGraphImage(
      async ({ params }) => ({ title: `Post ${(await params).slug}`, theme: "gradient" }),
      { alt: "A blog post", size: { width: 800, height: 420 } },
    );
    expect(image.size).toEqual({ width: 800, height: 420 });
    expect(image.contentType).toBe("image/png");
    expect(image.alt).toBe("A blog post");
    const response = await image.default({ params: Promise.resolve({ slug: "hello" }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 800, height: 420 });
  }, 30_000);

  it("defaults to a 1200x630 PNG and answers bad params with the server's error", async () => {
    const image = createOpenGraphImage({ title: "" });
    expect(image).toMatchObject({ size: { width: 1200, height: 630 }, contentType: "image/png", alt: undefined });
    const response = await image.default({ params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_PARAMS" } });
  });
});
