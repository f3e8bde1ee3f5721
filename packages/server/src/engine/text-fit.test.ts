import { parseOgParams } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { buildCard } from "./index.js";
import { layoutElement } from "./render.js";
import { fit, measure, wrap } from "./text-fit.js";

const bold = { weight: 700 as const, maxWidth: 400 };

describe("measure", () => {
  it("adds letter spacing per character and scales with the font size", () => {
    const plain = measure("Hello", 40, 700);
    expect(measure("Hello", 80, 700)).toBeCloseTo(plain * 2);
    expect(measure("Hello", 40, 700, -0.02)).toBeCloseTo(plain - 5 * 0.02 * 40);
  });

  it("measures Inter's glyphs within 1% of satori's layout", async () => {
    const samples = [
      "How to Build a REST API",
      "Pneumonoultramicroscopicsilicovolcanoconiosis",
      "Привет мир",
      "1,234.56",
    ];
    const element = {
      type: "div",
      props: {
        style: { display: "flex", flexDirection: "column", alignItems: "flex-start", fontFamily: "Inter" },
        children: samples.map((text, i) => ({
          type: "div",
          key: `s${i}`,
          props: { style: { fontSize: 100, fontWeight: 700, whiteSpace: "nowrap" }, children: text },
        })),
      },
    };
    const { nodes } = await layoutElement(element, { width: 3000, height: 600 });
    samples.forEach((text, i) => {
      const width = nodes.get(`s${i}`)?.width as number;
      expect(Math.abs(measure(text, 100, 700) / width - 1), text).toBeLessThan(0.01);
    });
  });
});

describe("wrap", () => {
  it("wraps at spaces and after hyphens", () => {
    expect(wrap("short words", 40, bold)).toEqual({ lines: ["short words"], text: "short words" });
    const hyphenated = wrap("a production-ready-and-battle-tested system", 40, bold);
    expect(hyphenated.lines.length).toBeGreaterThan(1);
    expect(hyphenated.lines.some((line) => line.endsWith("-"))).toBe(true);
  });

  it("cuts a word wider than the line into lines of its own, leaving the text as it is", () => {
    const wrapped = wrap(`go ${"x".repeat(200)}`, 40, bold);
    expect(wrapped.lines[0]).toBe("go");
    expect(wrapped.lines.length).toBeGreaterThan(4);
    expect(wrapped.text).toBe(`go ${"x".repeat(200)}`);
  });
});

describe("fit", () => {
  const options = { ...bold, maxWidth: 600, maxSize: 80, minSize: 30, lineHeight: 1.2, maxHeight: 300, maxLines: 4 };

  it("keeps the largest size when the text fits", () => {
    expect(fit("Hi", options)).toMatchObject({ fontSize: 80, lineHeight: 96, lines: 1, truncated: false });
  });

  it("steps the size down until the text fits, then clamps and says so", () => {
    const medium = fit("word ".repeat(12), options);
    expect(medium.fontSize).toBeLessThan(80);
    expect(medium.truncated).toBe(false);
    const long = fit("word ".repeat(60), options);
    expect(long.fontSize).toBe(30);
    expect(long.truncated).toBe(true);
    expect(long.lines).toBe(long.clampLines);
    expect(long.lines * long.lineHeight).toBeLessThanOrEqual(300);
  });
});

describe("satori honours the fitting", () => {
  it("clamps a block with an ellipsis (lineClamp), the behaviour text blocks rely on", async () => {
    const { element, diagnostics } = await buildCard(
      parseOgParams({ title: "Short", subtitle: `${"many words ".repeat(25)}end` }),
    );
    expect(diagnostics.truncated).toBe(true);
    const { svg, nodes } = await layoutElement(element, { width: 1200, height: 630, embedFont: false });
    const subtitle = nodes.get("subtitle");
    expect(subtitle?.style.lineClamp).toBe(2);
    const lines = new Map<string, string>();
    for (const match of svg.matchAll(/<text[^>]*y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)) {
      lines.set(match[1] as string, (lines.get(match[1] as string) ?? "") + match[2]);
    }
    const texts = [...lines.values()];
    expect(texts.some((text) => text.endsWith("…"))).toBe(true);
    expect(texts.join(" ")).not.toContain("end");
  });

  it("reports the title's lines as satori lays them out, for nearly every title and size", async () => {
    const titles = [
      "How to Build a REST API",
      "Shipping a design system across twelve product teams without losing your mind",
      "Why we moved from microservices back to a monolith (and what it cost us)",
      "Announcing ogkit 1.0: typed, self-hostable Open Graph images for every framework",
      "Q3 results",
      "A practical guide to production-ready observability with OpenTelemetry, Prometheus and Grafana for small teams on a budget",
      "Привет мир: как мы переписали наш сервер на TypeScript",
      "The 10 best coffee shops in Lisbon for remote work, ranked by wifi speed, noise level and how good the pastéis de nata are",
    ];
    let agree = 0;
    let total = 0;
    for (const size of ["og", "square", "twitter"] as const) {
      for (const layout of ["standard", "metric"] as const) {
        for (const title of titles) {
          const params = parseOgParams({ title, subtitle: "A subtitle", brand: "ogkit", size, layout, value: "42" });
          const { element, diagnostics } = await buildCard(params);
          const { nodes } = await layoutElement(element, params);
          const node = nodes.get("title");
          const measured = Math.round((node?.height ?? 0) / Number.parseFloat(String(node?.style.lineHeight)));
          total++;
          if (measured === diagnostics.titleLines) agree++;
        }
      }
    }
    // Kerning that opentype.js cannot read (Inter's extension lookups) can make an estimate one line high.
    expect(agree / total).toBeGreaterThanOrEqual(0.95);
  });
});
