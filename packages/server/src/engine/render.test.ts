import { parseOgParams } from "@ogkit/sdk";
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rejection } from "../../test/og-error.js";
import { buildCard, ENGINE_VERSION, listPatterns, listThemes, renderCard, renderElement } from "./index.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("renderCard", () => {
  it.each(["png", "jpeg", "webp"] as const)("encodes %s at the requested size", async (format) => {
    const result = await renderCard(parseOgParams(`title=Format&format=${format}&width=640&height=360`));
    const meta = await sharp(result.body).metadata();
    expect(meta).toMatchObject({ format, width: 640, height: 360 });
    expect(result.contentType).toBe(`image/${format}`);
    expect([result.width, result.height]).toEqual([640, 360]);
  });

  it("gives renders running at once on one thread each their own image (resvg's pixels are read in place, the composite buffer is shared)", async () => {
    const queries = [
      "title=First&theme=dark&pattern=dots",
      "title=Second&theme=light&format=jpeg",
      "title=Third&theme=dark&pattern=dots&icon=rocket",
      "title=Fourth&theme=light",
    ];
    const together = await Promise.all(queries.map((query) => renderCard(parseOgParams(query))));
    for (const [index, query] of queries.entries()) {
      const alone = await renderCard(parseOgParams(query));
      expect(Buffer.compare(Buffer.from(together[index]!.body), Buffer.from(alone.body)), query).toBe(0);
    }
  });

  it("returns satori's SVG for format=svg", async () => {
    const result = await renderCard(parseOgParams("title=Vector&format=svg&size=square"));
    const svg = new TextDecoder().decode(result.body);
    expect(result.contentType).toBe("image/svg+xml");
    expect(svg).toMatch(/^<svg[^>]* width="1080" height="1080"/);
  });

  it("keeps the heaviest default-size cards under 1 MB in every format", async () => {
    for (const format of ["png", "jpeg", "webp", "svg"]) {
      for (const theme of ["gradient", "cyberpunk"]) {
        const result = await renderCard(
          parseOgParams(
            `title=Heavy card with a long title&theme=${theme}&pattern=waves&subtitle=x&icon=rocket&brand=b&format=${format}`,
          ),
        );
        expect(result.body.length, `${theme} ${format}`).toBeLessThan(1024 * 1024);
      }
    }
  });

  it("reports diagnostics and a stable engine version", async () => {
    const result = await renderCard(parseOgParams("title=Hello&theme=light&layout=metric&value=42"));
    expect(result.diagnostics).toEqual({
      theme: "light",
      layout: "metric",
      titleLines: 1,
      titleFontSize: 40,
      truncated: false,
    });
    expect(ENGINE_VERSION).toMatch(/^\w+$/);
  });

  it("never fetches: icons, emoji, patterns and fonts are all local", async () => {
    const fetch = vi.fn(() => Promise.reject(new Error("no network")));
    vi.stubGlobal("fetch", fetch);
    const result = await renderCard(
      parseOgParams("title=Offline 🚀 👩‍💻 Привет 中文&icon=wifi-off&pattern=circuit&brand=b&width=400&height=210"),
    );
    expect(result.body.length).toBeGreaterThan(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("lists themes with their palettes, and the patterns", () => {
    expect(listThemes().map((palette) => palette.name)).toEqual([
      "dark",
      "light",
      "gradient",
      "cyberpunk",
      "minimal",
      "bold",
    ]);
    expect(listPatterns()).toEqual(["none", "dots", "grid", "diagonal", "waves", "circuit"]);
  });
});

describe("buildCard and renderElement", () => {
  it("builds a plain, serializable tree whose icons are data: URIs", async () => {
    const { element, diagnostics } = await buildCard(parseOgParams("title=Split&icon=rocket&pattern=dots"));
    const json = JSON.stringify(element);
    expect(JSON.parse(json)).toEqual(element);
    expect(json).toContain("data:image/svg+xml;base64,");
    expect(json).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(diagnostics).toMatchObject({ theme: "dark", layout: "standard", titleLines: 1 });
    const image = await renderElement(element, { width: 1200, height: 630, format: "webp" });
    expect(image.contentType).toBe("image/webp");
    expect(await sharp(image.body).metadata()).toMatchObject({ format: "webp", width: 1200, height: 630 });
  });

  it("keeps the alpha of a tree that is not opaque (encoded by sharp from a copy of resvg's pixels)", async () => {
    // Half of the canvas is a translucent green, half is left transparent.
    const element = {
      type: "div",
      props: {
        style: { display: "flex", width: "100%", height: "100%" },
        children: { type: "div", props: { style: { width: "50%", height: "100%", background: "rgba(0,255,0,0.5)" } } },
      },
    };
    const image = await renderElement(element, { width: 40, height: 20, format: "png" });
    const { data, info } = await sharp(image.body).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 40, height: 20, channels: 4 });
    // Unpremultiplied by sharp: full green at half alpha (127 of 255) on the left, nothing on the right.
    expect([...data.subarray(0, 4)]).toEqual([0, 255, 0, 127]);
    expect([...data.subarray((40 - 1) * 4, 40 * 4)]).toEqual([0, 0, 0, 0]);
  });

  it("refuses to rasterize a tree that refers to a remote image", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const element = {
      type: "div",
      props: { style: { display: "flex" }, children: { type: "img", props: { src: "https://x.test/a.png" } } },
    };
    const error = await rejection(renderElement(element, { width: 100, height: 100, format: "png" }));
    expect(error.code).toBe("RENDER_FAILED");
    expect(error.message).toMatch(/not embedded/);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("custom templates", () => {
  const templates = {
    "my-card": (params: { title: string }) => ({
      type: "div",
      props: { style: { display: "flex" }, children: params.title },
    }),
  };

  it("selects a registered template by name", async () => {
    const { element, diagnostics } = await buildCard(parseOgParams("title=Custom&template=my-card"), { templates });
    expect(element).toEqual({ type: "div", props: { style: { display: "flex" }, children: "Custom" } });
    expect(diagnostics.layout).toBe("template:my-card");
  });

  it("refuses an unknown template naming the known ones", async () => {
    const error = await rejection(buildCard(parseOgParams("title=x&template=nope"), { templates }));
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([
      { path: "template", message: "unknown template 'nope'; known templates: default, minimal, gradient, my-card" },
    ]);
  });

  it("regression: does not take a template from the object prototype", async () => {
    const error = await rejection(buildCard(parseOgParams("title=x&template=constructor"), { templates }));
    expect(error.issues[0]?.path).toBe("template");
  });
});
