import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

/** docs/express.md shows this example's files; each titled code block must equal its file. */
const repo = new URL("../../../", import.meta.url);
const page = "docs/express.md";

describe(page, async () => {
  const markdown = await readFile(new URL(page, repo), "utf8");
  const blocks = [...markdown.matchAll(/^```\w+ title="([^"]+)"\n([\s\S]*?)^```$/gm)].map(([, file, code]) => ({
    file,
    code,
  }));

  it("shows the app, the blog route and its template", () => {
    expect(blocks.map((block) => block.file)).toEqual(
      expect.arrayContaining([
        "examples/express-app/app.js",
        "examples/express-app/routes/blog.js",
        "examples/express-app/views/blog-post.ejs",
      ]),
    );
  });

  it.each(blocks)("shows $file exactly as the example has it", async ({ file, code }) => {
    expect(code, `copy ${file} into its block in ${page}`).toBe(await readFile(new URL(file, repo), "utf8"));
  });
});
