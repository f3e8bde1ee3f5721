import satori from "satori";
import { describe, expect, it, vi } from "vitest";
import { FONT_FAMILY, fonts } from "./fonts.js";

describe("fonts", () => {
  it("loads every Inter subset at 400 and 700, once per process", () => {
    const loaded = fonts();
    expect(fonts()).toBe(loaded);
    expect(loaded.satori).toHaveLength(14);
    expect(new Set(loaded.satori.map((font) => font.weight))).toEqual(new Set([400, 700]));
    expect(loaded.satori[0]?.name).toBe(FONT_FAMILY);
  });

  it("regression: draws Cyrillic, Greek, Vietnamese and Latin Extended with Inter, not .notdef boxes", async () => {
    // satori asks for an asset only for text no loaded font covers. With every subset under one
    // family name, satori kept one face per weight and Cyrillic came out as boxes.
    for (const weight of [400, 700]) {
      const loadAdditionalAsset = vi.fn(async () => []);
      await satori(
        {
          type: "div",
          props: {
            style: { display: "flex", fontFamily: FONT_FAMILY, fontWeight: weight },
            children: "Привет Ελληνικά Tiếng Việt Łódź Ђ ἀ",
          },
        } as unknown as Parameters<typeof satori>[0],
        { width: 800, height: 100, fonts: fonts().satori, loadAdditionalAsset },
      );
      expect(loadAdditionalAsset).not.toHaveBeenCalled();
    }
  });
});

describe("measuring faces", () => {
  it("are parsed when text first reaches them: Latin text parses the Latin face alone", async () => {
    // A fresh module graph: the faces other tests parsed in this process are not this one's.
    vi.resetModules();
    const { fonts: freshFonts } = await import("./fonts.js");
    const { measure } = await import("./text-fit.js");
    const parsed = (weight: 400 | 700) => freshFonts().metrics[weight].map((face) => face.parsed);
    expect(parsed(400).filter(Boolean)).toHaveLength(0);
    const latin = measure("Hello, world", 40, 400);
    expect(parsed(400)).toEqual([true, false, false, false, false, false, false]);
    expect(measure("Hello, world", 40, 400)).toBe(latin);
    // Cyrillic falls back past Latin Extended to the Cyrillic face, as satori does.
    expect(measure("Привет", 40, 400)).toBeGreaterThan(0);
    expect(parsed(400)).toEqual([true, true, true, false, false, false, false]);
    expect(parsed(700).filter(Boolean)).toHaveLength(0);
  });
});
