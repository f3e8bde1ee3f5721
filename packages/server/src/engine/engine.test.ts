import { OgError, parseOgParams, sizePresets, themes } from "@ogkit/sdk";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { emojiDataUri, twemojiNames } from "./emoji.js";
import { htmlElement, isPrivateHost } from "./html.js";
import { hasIcon, listIcons, suggestIcons } from "./icons.js";
import { buildCard, ENGINE_VERSION, listThemes, renderCard } from "./index.js";
import { fit, wrap } from "./text-fit.js";

function failure(fn: () => unknown): OgError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OgError);
    return error as OgError;
  }
  throw new Error("expected an OgError");
}

async function rejection(promise: Promise<unknown>): Promise<OgError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OgError);
  return error as OgError;
}

describe("renderCard", () => {
  it.each(["png", "jpeg", "webp"] as const)("encodes %s at the requested size", async (format) => {
    const result = await renderCard(parseOgParams(`title=Format&format=${format}&width=640&height=360`));
    const meta = await sharp(result.body).metadata();
    expect(meta).toMatchObject({ format, width: 640, height: 360 });
    expect(result.contentType).toBe(`image/${format}`);
  });

  it("returns satori's SVG for format=svg", async () => {
    const result = await renderCard(parseOgParams("title=Vector&format=svg"));
    const svg = new TextDecoder().decode(result.body);
    expect(result.contentType).toBe("image/svg+xml");
    expect(svg).toMatch(/^<svg[^>]* width="1200" height="630"/);
  });

  it("keeps the heaviest default-size card under 1 MB", async () => {
    const result = await renderCard(
      parseOgParams("title=Heavy&theme=gradient&pattern=circuit&subtitle=x&icon=rocket&brand=b"),
    );
    expect(result.body.length).toBeLessThan(1024 * 1024);
  });

  it("reports diagnostics and a stable engine version", async () => {
    const result = await renderCard(parseOgParams("title=Hello&theme=light&layout=metric&value=42"));
    expect(result.diagnostics).toMatchObject({ theme: "light", layout: "metric", titleLines: 1, truncated: false });
    expect(ENGINE_VERSION).toMatch(/^\w+$/);
  });
});

describe("icons", () => {
  it("lists every Lucide icon and checks names against that list", () => {
    expect(listIcons().length).toBeGreaterThan(1500);
    expect(hasIcon("rocket")).toBe(true);
    expect(hasIcon("../package")).toBe(false);
  });

  it("suggests the nearest names", () => {
    expect(suggestIcons("rockt")).toContain("rocket");
    expect(suggestIcons("calender")).toContain("calendar");
  });

  it("refuses an unknown icon with a 400 naming the field and suggestions", async () => {
    const error = await rejection(buildCard(parseOgParams("title=x&icon=rockt")));
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([
      { path: "icon", message: expect.stringMatching(/unknown icon 'rockt'; did you mean .*rocket/) },
    ]);
  });
});

describe("themes", () => {
  it("has one palette per schema theme", () => {
    expect(listThemes().map((palette) => palette.name)).toEqual([...themes]);
  });
});

describe("emoji", () => {
  it("names twemoji files: FE0F dropped, kept in ZWJ sequences", () => {
    expect(twemojiNames("🚀")).toEqual(["1f680"]);
    expect(twemojiNames("❤️")).toEqual(["2764"]);
    expect(twemojiNames("👩‍💻")).toEqual(["1f469-200d-1f4bb"]);
    expect(twemojiNames("🏳️‍🌈")).toEqual(["1f3f3-fe0f-200d-1f308", "1f3f3-200d-1f308"]);
  });

  it("reads emoji from the installed set and never invents one", () => {
    expect(emojiDataUri("🚀")).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(emojiDataUri("👩‍💻")).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(emojiDataUri("\u{10ffff}")).toBe("");
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
    expect(error.issues[0]).toMatchObject({ path: "template", message: expect.stringContaining("my-card") });
  });
});

describe("html templates", () => {
  const png = "data:image/png;base64,iVBORw0KGgo=";

  it("wraps the markup at the requested size and allows data: images", () => {
    const element = htmlElement(
      `<div style="display:flex"><img src="${png}" width="10" height="10"/></div>`,
      800,
      400,
      [],
    );
    expect(element.props.style).toMatchObject({ width: 800, height: 400 });
  });

  it("refuses remote images unless their host is allowlisted", () => {
    const markup = '<div style="display:flex"><img src="https://cdn.example.com/a.png"/></div>';
    expect(failure(() => htmlElement(markup, 100, 100, [])).issues[0]).toEqual({
      path: "html",
      message: "remote image https://cdn.example.com/a.png is not allowed; add its host to imageAllowlist",
    });
    expect(() => htmlElement(markup, 100, 100, ["cdn.example.com"])).not.toThrow();
  });

  it("refuses CSS url() images, file: URLs and private hosts even when allowlisted", () => {
    const css = `<div style="display:flex;background-image:url('https://evil.test/x.png')"></div>`;
    expect(failure(() => htmlElement(css, 100, 100, [])).code).toBe("INVALID_PARAMS");
    expect(failure(() => htmlElement('<img src="file:///etc/passwd"/>', 100, 100, [])).code).toBe("INVALID_PARAMS");
    for (const host of [
      "169.254.169.254",
      "localhost",
      "[::1]",
      "127.0.0.1",
      "10.0.0.1",
      "192.168.1.1",
      "2130706433",
    ]) {
      const markup = `<img src="http://${host}/a.png"/>`;
      expect(failure(() => htmlElement(markup, 100, 100, [host.replace(/[[\]]/g, "")])).code).toBe("INVALID_PARAMS");
    }
    expect(isPrivateHost("og.example.com")).toBe(false);
  });

  it("refuses deep nesting and scripts", () => {
    const deep = `${"<div>".repeat(100)}x${"</div>".repeat(100)}`;
    expect(failure(() => htmlElement(deep, 100, 100, [])).message).toMatch(/nested more than 64/);
    expect(failure(() => htmlElement("<script>alert(1)</script>", 100, 100, [])).message).toMatch(/<script>/);
  });
});

describe("text fitting", () => {
  it("breaks a word wider than the line with zero-width spaces", () => {
    const wrapped = wrap("x".repeat(200), 40, 700, 400);
    expect(wrapped.lines.length).toBeGreaterThan(3);
    expect(wrapped.text).toContain("\u200b");
    expect(wrap("short words", 40, 700, 400)).toEqual({ lines: ["short words"], text: "short words" });
  });

  it("steps the size down until the text fits, then clamps and says so", () => {
    const options = {
      weight: 700 as const,
      maxWidth: 600,
      maxSize: 80,
      minSize: 30,
      lineHeight: 1.2,
      maxHeight: 300,
      maxLines: 4,
    };
    const short = fit("Hi", options);
    expect(short).toMatchObject({ fontSize: 80, lines: 1, truncated: false });
    const long = fit("word ".repeat(60), options);
    expect(long.fontSize).toBeLessThan(80);
    expect(long.truncated).toBe(true);
    expect(long.lines * long.fontSize * 1.2).toBeLessThanOrEqual(300);
  });

  it("fits a 1- to 200-character title inside the card at every size preset", async () => {
    const sizes = [
      ...Object.keys(sizePresets).map((size) => `size=${size}`),
      "width=200&height=100",
      "width=2400&height=1260",
      "width=2400&height=100",
    ];
    for (const size of sizes) {
      for (const length of [1, 20, 60, 120, 200]) {
        const params = parseOgParams(
          `title=${"Word ".repeat(40).slice(0, length).trim() || "W"}&subtitle=Sub&caption=Cap&brand=B&icon=rocket&${size}`,
        );
        const { diagnostics } = await buildCard(params);
        const frameHeight = params.height;
        expect(diagnostics.titleLines * diagnostics.titleFontSize * 1.14, `${size} ${length}`).toBeLessThanOrEqual(
          frameHeight,
        );
        expect(diagnostics.titleLines).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("marks a clamped subtitle as truncated", async () => {
    const { diagnostics } = await buildCard(parseOgParams(`title=x&subtitle=${"long ".repeat(60)}`));
    expect(diagnostics.truncated).toBe(true);
  });
});
