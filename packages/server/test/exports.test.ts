import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Runs against the built package (turbo builds before testing), as a user's project loads it.
const cwd = fileURLToPath(new URL("..", import.meta.url));
const run = (code: string, type: "module" | "commonjs") =>
  execFileSync(process.execPath, [`--input-type=${type}`, "-e", code], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
  }).trim();

const render = `
  const handler = createOgHandler({ pool: false, cacheBytes: 0 });
  const response = await handler(new Request("http://x/api/v1/og?title=Entry&width=400&height=210"));
  const bytes = new Uint8Array(await response.arrayBuffer());
  console.log(response.status, response.headers.get("content-type"), bytes[1] === 0x50 && bytes[2] === 0x4e);
`;

// The takumi engine in a dist/worker.js render thread, as `ogkit serve --engine takumi` runs it.
const renderTakumi = `
  const handler = createOgHandler({ engine: "takumi", concurrency: 1, cacheBytes: 0 });
  const response = await handler(new Request("http://x/api/v1/og?title=Entry&width=400&height=210"));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const health = await (await handler(new Request("http://x/healthz"))).json();
  await handler.close();
  console.log(response.status, response.headers.get("content-type"), bytes[1] === 0x50, health.engine.includes("+takumi-"));
`;

describe("published entry points render", () => {
  it("from ESM", () => {
    expect(run(`import { createOgHandler } from "@ogkit/server"; ${render}`, "module")).toBe("200 image/png true");
  });

  it("regression: from CommonJS (satori's CJS default export is one level deeper)", () => {
    expect(
      run(`const { createOgHandler } = require("@ogkit/server"); (async () => { ${render} })();`, "commonjs"),
    ).toBe("200 image/png true");
  });

  it("with the takumi engine, from ESM and CommonJS", () => {
    expect(run(`import { createOgHandler } from "@ogkit/server"; ${renderTakumi}`, "module")).toBe(
      "200 image/png true true",
    );
    expect(
      run(`const { createOgHandler } = require("@ogkit/server"); (async () => { ${renderTakumi} })();`, "commonjs"),
    ).toBe("200 image/png true true");
  });
});
