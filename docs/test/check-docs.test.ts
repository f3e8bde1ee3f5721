import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CheckContext, checkPage, createContext, disposeContext } from "./check-docs.js";
import { anchors, codeBlocks, links, region, shellCommands } from "./markdown.js";

/** The checker itself, on small pages: each rule must be able to fail. */
const context: CheckContext = createContext();
const fixtures = mkdtempSync(join(tmpdir(), "ogkit-docs-fixtures-"));
mkdirSync(join(fixtures, "docs"));
writeFileSync(
  join(fixtures, "docs/a.ts"),
  "const a = 1;\n// #region part\n  const b = 2;\n  // #region inner\n  const c = 3;\n  // #endregion\n// #endregion\n",
);
writeFileSync(
  join(fixtures, "docs/other.md"),
  "# Other page\n\n## A `code` heading: yes!\n\n## Setup\n\n## Setup\n\nUpgrading\n---------\n",
);
const fixtureContext: CheckContext = { ...context, root: fixtures };
afterAll(() => {
  disposeContext(context);
  rmSync(fixtures, { recursive: true, force: true });
});

const check = (markdown: string, ctx = context) => checkPage("docs/page.md", markdown, ctx);

describe("markdown parsing", () => {
  it("reads fences, info strings and block text", () => {
    const blocks = codeBlocks('text\n````md title="x.md" output\n```\ninner\n```\n````\n~~~\nplain\n~~~\n');
    expect(blocks).toEqual([
      { line: 2, lang: "md", attributes: { title: "x.md" }, flags: ["output"], code: "```\ninner\n```\n" },
      { line: 7, lang: "", attributes: {}, flags: [], code: "plain\n" },
    ]);
  });

  it("refuses an unclosed fence", () => {
    expect(() => codeBlocks("```sh\nnpm test\n")).toThrow("line 1: the code block is never closed");
    expect(() => codeBlocks("````\n```\n")).toThrow("line 1: the code block is never closed");
    expect(() => codeBlocks("- a\n  ```sh\n  npm x\n- b\n")).toThrow("line 2: the code block is never closed");
    expect(() => codeBlocks('x\n```ts title="a" =\n```\n')).toThrow(
      'line 2: cannot read the info string "title="a" ="',
    );
  });

  it("reads fences as CommonMark does: in lists and quotes, not in HTML or indented code", () => {
    const page = "- step\n\n  ```sh\n  npm test\n  ```\n\n> ```sh\n> npm ci\n> ```\n\n<!--\n```\n-->\n\n    ```\n";
    expect(codeBlocks(page)).toEqual([
      { line: 3, lang: "sh", attributes: {}, flags: [], code: "npm test\n" },
      { line: 7, lang: "sh", attributes: {}, flags: [], code: "npm ci\n" },
    ]);
    expect(codeBlocks("```\n```\n```\n\n```\n").map((block) => block.code)).toEqual(["", "\n"]);
  });

  it("reads links, images and reference definitions, not code", () => {
    const page = '[a](a.md) ![b](<b c.png> "title") `[c](c.md)`\n\n    [d](d.md)\n\n[e][ref]\n\n[ref]: ./e.md#x\n';
    expect(links(page)).toEqual([
      { line: 1, target: "a.md" },
      { line: 1, target: "b c.png" },
      { line: 7, target: "./e.md#x" },
    ]);
  });

  it("cuts regions: dedented, nested markers dropped, # comments too", () => {
    expect(
      region("x\n  // #region a\n    one\n    // #region b\n    two\n    // #endregion\n  // #endregion\n", "a"),
    ).toBe("one\ntwo\n");
    expect(region("# #region py\nimport os\n# #endregion\n", "py")).toBe("import os\n");
    expect(region("// #region gap\n\nconst a = 1;\n\n// #endregion\n", "gap")).toBe("const a = 1;\n");
    expect(() => region("// #region a\n", "a")).toThrow('"#region a" has no #endregion');
    expect(() => region("", "missing")).toThrow('there is no "#region missing"');
  });

  it("splits shell text into commands", () => {
    expect(
      shellCommands("A=1 npm start && curl -o \"a b.png\" \\\n  'http://x/?q=1'   # 403\n# a comment\nnpm test; cd x"),
    ).toEqual([
      { words: ["A=1", "npm", "start"], comment: "", line: 1 },
      { words: ["curl", "-o", "a b.png", "http://x/?q=1"], comment: "403", line: 1 },
      { words: ["npm", "test"], comment: "", line: 4 },
      { words: ["cd", "x"], comment: "", line: 4 },
    ]);
    expect(() => shellCommands("curl http://x | grep y")).toThrow('"|" is not supported');
    expect(() => shellCommands('echo "$HOME"')).toThrow("no expansions");
  });

  it("splits shell text: quotes across lines, globs as words, what a shell would expand refused", () => {
    expect(shellCommands("curl -d '{\n  \"a\": 1\n}' http://x/?a=1 # don't\nnpm test")).toEqual([
      { words: ["curl", "-d", '{\n  "a": 1\n}', "http://x/?a=1"], comment: "don't", line: 1 },
      { words: ["npm", "test"], comment: "", line: 4 },
    ]);
    expect(shellCommands("echo '`a` $b' \\`c\\` \\$d")).toEqual([
      { words: ["echo", "`a` $b", "`c`", "$d"], comment: "", line: 1 },
    ]);
    expect(() => shellCommands("npm test\necho 'open")).toThrow("line 2: unclosed quote");
    expect(() => shellCommands("echo `ls`")).toThrow("line 1: no expansions, please (`)");
    expect(() => shellCommands('echo "`ls`"')).toThrow("no expansions, please (`)");
    expect(() => shellCommands("echo $(ls)")).toThrow("no expansions");
    expect(() => shellCommands("npm test 2>&1")).toThrow('">&" is not supported');
    expect(() => shellCommands("(cd x)")).toThrow('"(" is not supported');
    expect(() => shellCommands("npm start &")).toThrow('"&" is not supported');
  });

  it("makes GitHub's heading anchors", () => {
    expect([...anchors("# A `code` heading: yes!\n## Same\n## Same\n```md\n# not a heading\n```\n")]).toEqual([
      "a-code-heading-yes",
      "same",
      "same-1",
    ]);
  });

  it("makes GitHub's anchors for repeats that clash, setext headings and headings in quotes", () => {
    expect([...anchors("## Setup\n## Setup\n## Setup 1\n\nUsage\n=====\n\n> ### Note: [see](x.md)\n")]).toEqual([
      "setup",
      "setup-1",
      "setup-1-1",
      "usage",
      "note-see",
    ]);
  });
});

describe("the convention", () => {
  it("accepts a titled file, a titled region and labelled output", async () => {
    const page = [
      '```ts title="docs/a.ts"',
      "const a = 1;",
      "// #region part",
      "  const b = 2;",
      "  // #region inner",
      "  const c = 3;",
      "  // #endregion",
      "// #endregion",
      "```",
      '```ts title="docs/a.ts#part"',
      "const b = 2;",
      "const c = 3;",
      "```",
      "```json output",
      "{}",
      "```",
    ].join("\n");
    expect(await check(page, fixtureContext)).toEqual([]);
  });

  it("fails a block that differs from its file, naming the line", async () => {
    const problems = await check('x\n```ts title="docs/a.ts#part"\nconst b = 2;\nconst c = 4;\n```\n', fixtureContext);
    expect(problems).toEqual([
      expect.stringMatching(/^docs\/page\.md:2: the block differs from docs\/a\.ts#part at its line 2/),
    ]);
  });

  it("fails a missing file and a missing region", async () => {
    expect(await check('```ts title="docs/none.ts"\n```\n', fixtureContext)).toEqual([
      'docs/page.md:1: title "docs/none.ts": docs/none.ts does not exist',
    ]);
    expect(await check('```ts title="docs/a.ts#nope"\n```\n', fixtureContext)).toEqual([
      'docs/page.md:1: title "docs/a.ts#nope": there is no "#region nope" in docs/a.ts',
    ]);
  });

  it("fails unlabelled code and unlabelled output", async () => {
    const problems = await check("```ts\nogUrl({})\n```\n\n```json\n{}\n```\n\n```\ntree\n```\n");
    expect(problems.map((problem) => problem.split(": ")[0])).toEqual([
      "docs/page.md:1",
      "docs/page.md:5",
      "docs/page.md:9",
    ]);
  });

  it("checks npm scripts and workspaces", async () => {
    expect(await check("```sh\nnpm run generate -w @ogkit/sdk\nnpm test\nnpm install @ogkit/next next\n```\n")).toEqual(
      [],
    );
    expect(
      await check("```sh\nnpm run nope -w @ogkit/sdk\nnpm run build -w @ogkit/nope\nnpm install left-pad\n```\n"),
    ).toEqual([
      'docs/page.md:2: npm run: @ogkit/sdk has no script "nope"',
      "docs/page.md:3: there is no workspace @ogkit/nope",
      "docs/page.md:4: npm install left-pad: left-pad is neither a workspace nor a dependency of one",
    ]);
  });

  it("accepts ogkit serve --help (regression: re-reading serve's flags crashed on --help)", async () => {
    expect(await check("```sh\nnpx ogkit serve --help\nnpx ogkit serve -h\n```\n")).toEqual([]);
  });

  it("runs ogkit lines through the CLI's parser", async () => {
    expect(await check("```sh\nnpx ogkit serve --port 8080\nogkit render --help\n```\n")).toEqual([]);
    const problems = await check("```sh\nnpx ogkit serve --prot 8080\nnpx ogkit render --title Hi --theme neon\n```\n");
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^docs\/page\.md:2: ogkit serve --prot 8080 is refused by the CLI/);
    expect(problems[1]).toMatch(/^docs\/page\.md:3: ogkit render exits 2:[\s\S]*theme must be one of/);
  });

  it("sends curl lines to the handler, configured like the server the block started", async () => {
    const ok =
      '```sh\ncurl -I http://localhost:3000/healthz\ncurl -d \'{"title":"Hi"}\' http://localhost:3000/v1/og-image -o a.png\n```\n';
    expect(await check(ok)).toEqual([]);
    const signed = [
      "```sh",
      "OGKIT_SECRET=s npx ogkit serve",
      'curl "http://localhost:3000/api/v1/og?title=Hi"   # 403',
      'curl "http://localhost:3000/api/v1/og?title=Hi"',
      "curl http://localhost:3000/nowhere",
      "curl https://example.com/api/v1/og?title=Hi",
      "```",
    ].join("\n");
    expect(await check(signed)).toEqual([
      "docs/page.md:4: curl http://localhost:3000/api/v1/og?title=Hi: the server answers 403",
      "docs/page.md:5: curl http://localhost:3000/nowhere: the server does not serve GET /nowhere (404)",
      "docs/page.md:6: curl https://example.com/api/v1/og?title=Hi: docs send requests to a local ogkit server (http://localhost:3000), the one they start",
    ]);
  });

  it("fails commands it cannot check", async () => {
    expect(await check("```sh\nsudo rm -rf /\n```\n")).toEqual([
      "docs/page.md:2: sudo: the docs test does not know how to check this command (docs/test/check-docs.ts)",
    ]);
  });

  it("fails an unclosed fence and unreadable shell with the page and line", async () => {
    expect(await check("x\n\n```sh\nnpm test\n")).toEqual(["docs/page.md:3: the code block is never closed"]);
    expect(await check("```sh\nnpm test\ncurl http://localhost:3000/healthz | jq\n```\n")).toEqual([
      'docs/page.md:3: "|" is not supported in a checked shell block',
    ]);
    expect(await check("```sh\nnpm test\n\nnpx ogkit serve --port $PORT\n```\n")).toEqual([
      "docs/page.md:4: no expansions, please ($PORT)",
    ]);
  });

  it("checks anchors the way GitHub makes them, and links in reference definitions", async () => {
    const page =
      "[a](other.md#setup-1) [b](other.md#upgrading) [c][gone] [d][bad]\n\n[gone]: gone.md\n[bad]: other.md#setup-2\n";
    expect(await check(page, fixtureContext)).toEqual([
      "docs/page.md:3: the link gone.md points at docs/gone.md, which does not exist",
      "docs/page.md:4: the link other.md#setup-2: docs/other.md has no heading #setup-2",
    ]);
  });

  it("fails broken relative links and anchors, not external ones", async () => {
    const page =
      "[a](other.md#other-page) [b](other.md#a-code-heading-yes) [c](https://x.dev/y)\n[d](gone.md) [e](other.md#nope)\n";
    expect(await check(page, fixtureContext)).toEqual([
      "docs/page.md:2: the link gone.md points at docs/gone.md, which does not exist",
      "docs/page.md:2: the link other.md#nope: docs/other.md has no heading #nope",
    ]);
  });
});
