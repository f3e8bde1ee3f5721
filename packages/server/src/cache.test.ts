import { describe, expect, it } from "vitest";
import { type CachedImage, RenderCache } from "./cache.js";

const image = (bytes: number): CachedImage => ({
  body: new Uint8Array(bytes),
  contentType: "image/png",
  etag: '"x"',
  headers: {},
});

describe("RenderCache", () => {
  it("renders a key once, then serves it from the cache", async () => {
    const cache = new RenderCache({ maxBytes: 1024 * 1024 });
    let renders = 0;
    const render = async () => {
      renders++;
      return image(10);
    };
    expect((await cache.getOrRender("a", render)).status).toBe("miss");
    expect((await cache.getOrRender("a", render)).status).toBe("hit");
    expect(renders).toBe(1);
  });

  it("shares one render among identical concurrent requests", async () => {
    const cache = new RenderCache({ maxBytes: 0 });
    let renders = 0;
    let finish!: (value: CachedImage) => void;
    const render = () => {
      renders++;
      return new Promise<CachedImage>((resolve) => {
        finish = resolve;
      });
    };
    const all = Promise.all([1, 2, 3].map(() => cache.getOrRender("k", render)));
    expect(cache.inFlight).toBe(1);
    finish(image(5));
    const results = await all;
    expect(renders).toBe(1);
    expect(new Set(results.map((result) => result.image)).size).toBe(1);
    expect(cache.inFlight).toBe(0);
  });

  it("never keeps a failure: the next request renders again", async () => {
    const cache = new RenderCache({ maxBytes: 1024 * 1024 });
    await expect(cache.getOrRender("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(cache.inFlight).toBe(0);
    expect((await cache.getOrRender("k", async () => image(1))).status).toBe("miss");
  });

  it("is bounded in bytes, evicting the least recently used", async () => {
    const cache = new RenderCache({ maxBytes: 3000 });
    for (const key of ["a", "b", "c"]) await cache.getOrRender(key, async () => image(1000));
    expect(cache.bytes).toBeLessThanOrEqual(3000);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("c")).toBeDefined();
  });

  it("with 0 bytes stores nothing", async () => {
    const cache = new RenderCache({ maxBytes: 0 });
    await cache.getOrRender("a", async () => image(1));
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
