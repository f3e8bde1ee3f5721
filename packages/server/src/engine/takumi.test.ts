import { parseOgParams } from "@ogkit/sdk";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { pixelDiff } from "../../test/golden-compare.js";
import { emojiDataUri } from "./emoji.js";
import { buildCard, ENGINE_VERSION, engineVersion, renderCard } from "./index.js";
import { renderWithTakumi, TAKUMI_INSTALL, takumiVersion, withEmojiImages } from "./takumi.js";

/** Share of pixels that differ past the golden tests' YIQ threshold. */
const differingShare = async (a: Uint8Array, b: Uint8Array) => (await pixelDiff(a, b)).share;

describe("withEmojiImages", () => {
  it("turns a text run with emoji into inline text and 1em twemoji images, in order", () => {
    const node = withEmojiImages({ type: "text", text: "Ship 🚀 now 🇯🇵", style: { fontSize: 40 } });
    expect(node).toMatchObject({ type: "container", style: { fontSize: 40 } });
    const children = node.type === "container" ? (node.children ?? []) : [];
    expect(children.map((child) => child.type)).toEqual(["text", "image", "text", "image"]);
    expect(children[0]).toMatchObject({ text: "Ship " });
    expect(children[1]).toMatchObject({ src: emojiDataUri("🚀"), style: { width: "1em", height: "1em" } });
    expect(children[2]).toMatchObject({ text: " now " });
    expect(children[3]).toMatchObject({ src: emojiDataUri("🇯🇵") });
  });

  it("keeps a ZWJ sequence as one image", () => {
    const node = withEmojiImages({ type: "text", text: "👩‍💻" });
    expect(node.type === "container" && node.children).toEqual([
      expect.objectContaining({ type: "image", src: emojiDataUri("👩‍💻") }),
    ]);
  });

  it("leaves text without emoji, pictographs Inter has (© ™) and those twemoji lacks as they are", () => {
    const plain = { type: "text", text: "No emoji · © ™" } as const;
    expect(emojiDataUri("©")).not.toBe("");
    expect(withEmojiImages(plain)).toBe(plain);
    const unknown = { type: "text", text: "\u{1FAFF}" } as const;
    expect(emojiDataUri("\u{1FAFF}")).toBe("");
    expect(withEmojiImages(unknown)).toBe(unknown);
  });

  it("draws a text-style pictograph Inter lacks (♥) as an emoji, as satori does", () => {
    const node = withEmojiImages({ type: "text", text: "I ♥ it" });
    expect(node.type === "container" && node.children?.map((child) => child.type)).toEqual(["text", "image", "text"]);
  });

  it("reaches text inside nested containers and leaves images alone", () => {
    const image = { type: "image", src: "data:image/png;base64,AA" } as const;
    const tree = withEmojiImages({
      type: "container",
      children: [image, { type: "container", children: [{ type: "text", text: "✨" }] }],
    });
    expect(tree).toMatchObject({
      type: "container",
      children: [image, { type: "container", children: [{ type: "container", children: [{ type: "image" }] }] }],
    });
  });
});

describe("takumiVersion", () => {
  it("is the installed @takumi-rs/core's version, and part of the takumi engine's", () => {
    expect(takumiVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(engineVersion("takumi")).toBe(`${ENGINE_VERSION}+takumi-${takumiVersion()}`);
    expect(engineVersion()).toBe(ENGINE_VERSION);
    expect(engineVersion("satori")).toBe(ENGINE_VERSION);
  });

  it("says how to install takumi when it is missing", () => {
    const missing = (name: string): string => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: "MODULE_NOT_FOUND" });
    };
    expect(() => takumiVersion(missing)).toThrow(TAKUMI_INSTALL);
    expect(TAKUMI_INSTALL).toBe("npm install @takumi-rs/core @takumi-rs/helpers");
  });

  it("refuses an engine that does not exist", () => {
    expect(() => engineVersion("resvg" as never)).toThrow('engine must be one of satori, takumi (got "resvg")');
  });
});

describe("renderWithTakumi", () => {
  it.each(["png", "jpeg", "webp"] as const)("encodes %s at the requested size", async (format) => {
    const params = parseOgParams(`title=Format&format=${format}&width=640&height=360`);
    const { element } = await buildCard(params);
    const body = await renderWithTakumi(element, { width: 640, height: 360, format });
    expect(await sharp(body).metadata()).toMatchObject({ format, width: 640, height: 360 });
  });

  it("regression: emoji are drawn from the bundled twemoji set, not as missing-glyph boxes", async () => {
    // Without the swap takumi draws each emoji as Inter's .notdef box; most of this card is emoji.
    const params = parseOgParams("title=🚀🎉👩‍💻🇯🇵✨🔥&width=600&height=315&theme=light");
    const satori = await renderCard(params);
    const takumi = await renderCard(params, { engine: "takumi" });
    expect(await differingShare(takumi.body, satori.body)).toBeLessThan(0.01);
  });
});

describe("renderCard with the takumi engine", () => {
  it("draws the built-in layouts with takumi: the same card, not the same bytes", async () => {
    const params = parseOgParams("title=Same card&subtitle=Two engines&theme=dark&pattern=dots&icon=rocket");
    const satori = await renderCard(params);
    const takumi = await renderCard(params, { engine: "takumi" });
    expect(Buffer.compare(takumi.body, satori.body)).not.toBe(0);
    expect(takumi.diagnostics).toEqual(satori.diagnostics);
    expect(await differingShare(takumi.body, satori.body)).toBeLessThan(0.005);
  });

  it("leaves SVG output and html templates to satori, byte for byte", async () => {
    for (const query of [
      "title=Vector&format=svg",
      `title=h&html=${encodeURIComponent('<div style="display:flex;width:100%;height:100%;background:#123">Hi</div>')}`,
    ]) {
      const params = parseOgParams(query);
      const satori = await renderCard(params);
      const takumi = await renderCard(params, { engine: "takumi" });
      expect(Buffer.compare(takumi.body, satori.body), query).toBe(0);
    }
  });

  it("draws custom templates with takumi", async () => {
    const templates = {
      plain: () => ({
        type: "div",
        props: { style: { display: "flex", width: "100%", height: "100%", background: "#0f766e" }, children: "Hi" },
      }),
    };
    const params = parseOgParams("title=t&template=plain&width=300&height=200");
    const satori = await renderCard(params, { templates });
    const takumi = await renderCard(params, { templates, engine: "takumi" });
    expect(Buffer.compare(takumi.body, satori.body)).not.toBe(0);
    expect(await sharp(takumi.body).metadata()).toMatchObject({ format: "png", width: 300, height: 200 });
  });
});
