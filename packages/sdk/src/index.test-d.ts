import { describe, expectTypeOf, it } from "vitest";
import {
  createOgUrl,
  type LucideIconName,
  type OgParams,
  ogUrl,
  parseOgParams,
  type ResolvedOgParams,
  type Theme,
} from "./index.js";

describe("types", () => {
  it("accepts valid params", () => {
    expectTypeOf(ogUrl({ title: "x", theme: "light", icon: "rocket", width: 800 })).toEqualTypeOf<string>();
    expectTypeOf<"rocket">().toExtend<LucideIconName>();
  });

  it("refuses a wrong theme, an unknown icon and a missing title", () => {
    // @ts-expect-error: not a theme
    ogUrl({ title: "x", theme: "purple" });
    // @ts-expect-error: not a Lucide icon
    ogUrl({ title: "x", icon: "rockett" });
    // @ts-expect-error: title is required
    ogUrl({ theme: "dark" });
    // @ts-expect-error: width is a number
    ogUrl({ title: "x", width: "800" });
    // @ts-expect-error: unknown parameter
    ogUrl({ title: "x", titel: "y" });
    const og = createOgUrl({ defaults: { brand: "Acme" } });
    // @ts-expect-error: a bound builder still needs a title
    og({ brand: "x" });
  });

  it("resolves to required, normalized fields for renderers", () => {
    const params = parseOgParams("title=x");
    expectTypeOf(params).toEqualTypeOf<ResolvedOgParams>();
    expectTypeOf(params.theme).toEqualTypeOf<Theme>();
    expectTypeOf(params.width).toEqualTypeOf<number>();
    expectTypeOf(params.bgGradient).toEqualTypeOf<[string, string] | undefined>();
    expectTypeOf<ResolvedOgParams>().not.toHaveProperty("size");
    expectTypeOf<ResolvedOgParams>().not.toHaveProperty("accentColor");
    expectTypeOf<OgParams>().toHaveProperty("size");
  });
});
