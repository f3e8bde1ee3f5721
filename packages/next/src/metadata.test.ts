import { OG_PATH, OgError, ogUrl, verifySignedQuery } from "@ogkit/sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_OG_ROUTE, ogImageUrl, ogMetadata } from "./metadata.js";

const params = { title: "How to Build a REST API", subtitle: "By Ada", theme: "light", icon: "code" } as const;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

function queryOf(url: string): string {
  return url.slice(url.indexOf("?") + 1);
}

describe("ogMetadata", () => {
  it("builds the Open Graph and Twitter images of one card", () => {
    vi.stubEnv("OGKIT_SECRET", "");
    const metadata = ogMetadata(params);
    const image = {
      url: `${DEFAULT_OG_ROUTE}?${queryOf(ogUrl(params))}`,
      width: 1200,
      height: 630,
      alt: "How to Build a REST API",
      type: "image/png",
    };
    expect(metadata).toEqual({
      openGraph: { images: [image] },
      twitter: { card: "summary_large_image", images: [image] },
    });
  });

  it("is relative by default, absolute with baseUrl, on the route's path", () => {
    vi.stubEnv("OGKIT_SECRET", "");
    expect(ogImageUrl({ title: "Hi" })).toBe("/api/og?title=Hi");
    expect(ogImageUrl({ title: "Hi" }, { baseUrl: "https://blog.example.com/" })).toBe(
      "https://blog.example.com/api/og?title=Hi",
    );
    expect(ogImageUrl({ title: "Hi" }, { baseUrl: new URL("https://blog.example.com") })).toBe(
      "https://blog.example.com/api/og?title=Hi",
    );
    expect(ogImageUrl({ title: "Hi" }, { baseUrl: "https://og.example.com", path: OG_PATH })).toBe(
      ogUrl({ title: "Hi" }, { baseUrl: "https://og.example.com" }),
    );
    expect(ogImageUrl({ title: "Hi" }, { path: "images/og/" })).toBe("/images/og?title=Hi");
  });

  it("takes size, format and alt from the params and options", () => {
    vi.stubEnv("OGKIT_SECRET", "");
    const [square] = ogMetadata({ title: "Sq", size: "square", format: "jpeg" }).openGraph.images;
    expect(square).toMatchObject({ width: 1080, height: 1080, type: "image/jpeg", alt: "Sq" });
    const [wide] = ogMetadata({ title: " Wide ", width: 1600 }, { alt: "A wide card" }).twitter.images;
    expect(wide).toMatchObject({ width: 1600, height: 630, alt: "A wide card" });
    expect(ogMetadata({ title: " Trimmed " }).openGraph.images[0].alt).toBe("Trimmed");
  });

  it("signs with an explicit secret, and expires", () => {
    const url = ogImageUrl({ title: "Hi" }, { secret: "s3cret", expiresIn: 60 });
    expect(verifySignedQuery(queryOf(url), ["s3cret"])).toBe("title=Hi");
    expect(url).toMatch(/^\/api\/og\?title=Hi&exp=\d+&sig=[\w-]{43}$/);
  });

  it("signs with the first secret of OGKIT_SECRET on the server, and never when told not to", () => {
    vi.stubEnv("OGKIT_SECRET", "new-secret, old-secret");
    const url = ogMetadata({ title: "Hi" }).openGraph.images[0].url;
    expect(verifySignedQuery(queryOf(url), ["new-secret"])).toBe("title=Hi");
    expect(ogImageUrl({ title: "Hi" }, { secret: false })).toBe("/api/og?title=Hi");
  });

  // Regression guard for the promise in the docs: in a browser the secret is never read.
  it("does not read OGKIT_SECRET in a browser", () => {
    vi.stubEnv("OGKIT_SECRET", "server-only");
    vi.stubGlobal("window", {});
    expect(ogImageUrl({ title: "Hi" })).toBe("/api/og?title=Hi");
  });

  it("refuses invalid params with the SDK's OgError", () => {
    expect(() => ogMetadata({ title: "" })).toThrow(OgError);
    try {
      ogMetadata({ title: "x", theme: "purple" as "dark" });
    } catch (error) {
      expect((error as OgError).code).toBe("INVALID_PARAMS");
      expect((error as OgError).issues.map((issue) => issue.path)).toEqual(["theme"]);
    }
    expect(() => ogImageUrl({ title: "x" }, { secret: false, expiresIn: 10 })).toThrow(/expiresIn needs a secret/);
  });
});
