import assert from "node:assert/strict";
// #region template
import { createOgHandler, type OgTemplate } from "@ogkit/server";

// A template: resolved params in, a satori element tree of exactly width x height out.
const announcement: OgTemplate = (params) => ({
  type: "div",
  props: {
    style: {
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      width: params.width,
      height: params.height,
      backgroundColor: `#${params.bgColor ?? "0f172a"}`,
      color: "#ffffff",
      fontSize: 72,
      fontFamily: "Inter",
    },
    children: params.title,
  },
});

const handler = createOgHandler({ pool: false, templates: { announcement } });
const response = await handler(new Request("http://localhost/api/v1/og?title=v2%20is%20out&template=announcement"));
assert.equal(response.status, 200);
assert.equal(response.headers.get("x-og-layout"), "template:announcement");
// #endregion
await handler.close();

export { response };
