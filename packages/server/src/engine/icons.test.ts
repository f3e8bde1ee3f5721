import { parseOgParams } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { rejection } from "../../test/og-error.js";
import { hasIcon, iconDataUri, listIcons, suggestIcons } from "./icons.js";
import { buildCard } from "./index.js";

describe("icons", () => {
  it("lists every Lucide icon and checks names against that list", () => {
    expect(listIcons().length).toBeGreaterThan(1500);
    expect(listIcons()).toContain("rocket");
    expect(hasIcon("rocket")).toBe(true);
    expect(hasIcon("../package")).toBe(false);
    expect(hasIcon("rocket.svg")).toBe(false);
  });

  it("suggests the nearest names", () => {
    expect(suggestIcons("rockt")).toContain("rocket");
    expect(suggestIcons("calender")).toContain("calendar");
    expect(suggestIcons("rockt", 3)).toHaveLength(3);
  });

  it("strokes the icon in the given color", () => {
    const svg = Buffer.from(iconDataUri("rocket", "ff6600").split(",")[1] as string, "base64").toString();
    expect(svg).toContain('stroke="#ff6600"');
    expect(svg).not.toContain("currentColor");
  });

  it("refuses an unknown icon with a 400 naming the field and suggestions", async () => {
    const error = await rejection(buildCard(parseOgParams("title=x&icon=rockt")));
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([
      {
        path: "icon",
        message: expect.stringMatching(/^unknown icon 'rockt'; did you mean rocket(, [a-z0-9-]+){4}\?$/),
      },
    ]);
  });
});
