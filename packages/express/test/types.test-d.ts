import express from "express";
import { describe, expectTypeOf, it } from "vitest";
import { type OgLocals, ogErrorHandler, ogImage, ogLocals, ogMetaTags, ogMiddleware } from "../src/index.js";

describe("Express typings", () => {
  it("mounts every helper with app.use, at the root or under a path", () => {
    const app = express();
    app.use(ogImage());
    app.use("/images", ogImage({ errorHandler: false }));
    app.use(ogLocals({ baseUrl: "https://example.com" }));
    app.use(ogMiddleware());
    app.use(ogErrorHandler());
    const router = express.Router();
    router.use(ogImage());
  });

  it("types the template helpers by the SDK's schema", () => {
    const locals = {} as OgLocals;
    expectTypeOf(locals.ogUrl({ title: "x", theme: "light" })).toEqualTypeOf<string>();
    // @ts-expect-error: not a theme
    locals.ogMeta({ title: "x", theme: "purple" });
    // @ts-expect-error: title is required
    ogMetaTags({ subtitle: "x" });
  });
});
