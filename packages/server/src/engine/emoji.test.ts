import { describe, expect, it } from "vitest";
import { emojiDataUri, twemojiNames } from "./emoji.js";

describe("emoji", () => {
  it("names twemoji files: FE0F dropped, kept in ZWJ sequences", () => {
    expect(twemojiNames("🚀")).toEqual(["1f680"]);
    expect(twemojiNames("❤️")).toEqual(["2764"]);
    expect(twemojiNames("1️⃣")).toEqual(["31-20e3"]);
    expect(twemojiNames("👩‍💻")).toEqual(["1f469-200d-1f4bb"]);
    expect(twemojiNames("🏳️‍🌈")).toEqual(["1f3f3-fe0f-200d-1f308", "1f3f3-200d-1f308"]);
  });

  it("reads emoji from the installed set and never invents one", () => {
    for (const emoji of ["🚀", "❤️", "1️⃣", "👩‍💻", "🏳️‍🌈", "👍🏽", "🇯🇵"]) {
      expect(emojiDataUri(emoji), emoji).toMatch(/^data:image\/svg\+xml;base64,/);
    }
    expect(emojiDataUri("\u{10ffff}")).toBe("");
  });
});
