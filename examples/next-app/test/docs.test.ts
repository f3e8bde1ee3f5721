import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

/** docs/next.md shows this example's files; each titled code block must equal its file. */
const repo = new URL("../../../", import.meta.url);
const page = "docs/next.md";

describe(page, async () => {
  const markdown = await readFile(new URL(page, repo), "utf8");
  const blocks = [...markdown.matchAll(/^```\w+ title="([^"]+)"\n([\s\S]*?)^```$/gm)].map(([, file, code]) => ({
    file: file!,
    code: code!,
  }));

  it("shows the route, a page's generateMetadata and the config", () => {
    expect(blocks.map((block) => block.file)).toEqual(
      expect.arrayContaining([
        "examples/next-app/app/blog/[slug]/page.tsx",
        "examples/next-app/app/api/og/route.ts",
        "examples/next-app/next.config.mjs",
      ]),
    );
  });

  it.each(blocks)("shows $file exactly as the example has it", async ({ file, code }) => {
    expect(code, `copy ${file} into its block in ${page}`).toBe(await readFile(new URL(file, repo), "utf8"));
  });
});
