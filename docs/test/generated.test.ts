import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedFiles } from "../scripts/generate.js";
import { REPO } from "./check-docs.js";

describe("generated docs are up to date (npm run generate -w @ogkit/docs)", () => {
  it.each(generatedFiles())("$path", ({ path, content }) => {
    expect(readFileSync(join(REPO, path), "utf8"), `${path} is stale: run npm run generate -w @ogkit/docs`).toBe(
      content,
    );
  });

  it("http-api.md documents every route of the OpenAPI document, each with a request the docs test sends", () => {
    const page = readFileSync(join(REPO, "docs/http-api.md"), "utf8");
    const headings = [...page.matchAll(/^### (GET|POST) (\S+)$/gm)].map((match) => `${match[1]} ${match[2]}`);
    const curls = [...page.matchAll(/^curl .*?(http:\/\/localhost:3000(\/[^?"\s]*))/gm)].map((match) => match[2]);
    expect(headings.length).toBeGreaterThanOrEqual(9);
    expect(curls.length).toBe(headings.length);
    expect(curls).toEqual(headings.map((heading) => heading.split(" ")[1]));
  });
});
