import type { ResolvedOgParams } from "@ogkit/sdk";
import { describe, expectTypeOf, it } from "vitest";
import { createOgHandler, type OgHandler } from "./handler.js";

describe("createOgHandler types", () => {
  it("is a fetch-style function", () => {
    expectTypeOf(createOgHandler).returns.toEqualTypeOf<OgHandler>();
    expectTypeOf<OgHandler>().toBeCallableWith(new Request("http://x/"));
    expectTypeOf<ReturnType<OgHandler>>().toEqualTypeOf<Promise<Response>>();
  });

  it("types custom templates from the schema", () => {
    createOgHandler({
      pool: false,
      templates: {
        card: (params) => {
          expectTypeOf(params).toEqualTypeOf<ResolvedOgParams>();
          expectTypeOf(params.width).toEqualTypeOf<number>();
          return { type: "div", props: { children: params.title } };
        },
      },
    });
  });
});
