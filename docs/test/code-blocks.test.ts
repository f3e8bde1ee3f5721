import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, codeBlocksOf, createContext, disposeContext, docPages, REPO } from "./check-docs.js";

/**
 * Every page of docs/ and the README, under the convention of docs/README.md ("Writing docs"):
 * titled blocks equal their file or region, shell commands are checked, output is labelled, and
 * relative links resolve.
 */
const context = createContext();
afterAll(() => disposeContext(context));

const pages = docPages();

/** Files a page must show: the tested example code its guide is built on. */
const mustShow: Record<string, string[]> = {
  "docs/getting-started.md": [
    "examples/next-app/app/blog/[slug]/page.tsx",
    "examples/next-app/app/api/og/route.ts",
    "examples/next-app/app/layout.tsx",
  ],
  "docs/next.md": [
    "examples/next-app/app/blog/[slug]/page.tsx",
    "examples/next-app/app/api/og/route.ts",
    "examples/next-app/next.config.mjs",
  ],
  "docs/express.md": [
    "examples/express-app/app.js",
    "examples/express-app/routes/blog.js",
    "examples/express-app/views/blog-post.ejs",
  ],
};

describe("docs code blocks and links", () => {
  it("covers every page of docs/, the three written alongside included", () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        "README.md",
        "docs/README.md",
        "docs/getting-started.md",
        "docs/batch.md",
        "docs/reliability.md",
        "docs/performance.md",
      ]),
    );
  });

  it.each(pages)("%s follows the convention", async (page) => {
    const problems = await checkPage(page, readFileSync(join(REPO, page), "utf8"), context);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it.each(Object.entries(mustShow))("%s shows the example files it is built on", (page, files) => {
    const titles = codeBlocksOf(readFileSync(join(REPO, page), "utf8")).map((block) => block.attributes.title);
    expect(titles).toEqual(expect.arrayContaining(files));
  });

  it("docs/README.md links every page", () => {
    const index = readFileSync(join(REPO, "docs/README.md"), "utf8");
    const linked = new Set([...index.matchAll(/\]\(([\w-]+\.md)\)/g)].map((match) => `docs/${match[1]}`));
    for (const page of pages.filter((page) => page.startsWith("docs/") && page !== "docs/README.md")) {
      expect(linked, `docs/README.md does not link ${page}`).toContain(page);
    }
  });
});
