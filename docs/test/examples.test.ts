import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as sdk from "@ogkit/sdk";
import { ogUrl, verifySignedQuery } from "@ogkit/sdk";
import { createOgServer, type OgServer } from "@ogkit/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "./check-docs.js";

/**
 * The snippet files the docs show (docs/examples/**). Each TypeScript file checks its own results
 * with node:assert, so importing it runs it; the Python ones run in Debian's python3 with Django.
 */
const examples = join(REPO, "docs/examples");
const tsFiles = readdirSync(examples, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => `docs/examples/${file}`)
  .sort();

let server: OgServer;
beforeAll(async () => {
  // For the examples that talk to a running ogkit server (createOgClient).
  server = createOgServer({ pool: false });
  process.env.OGKIT_URL = (await server.listen(0, "127.0.0.1")).url;
});
afterAll(() => server.close());

describe("docs/examples run and their assertions hold", () => {
  it("finds the examples", () => {
    expect(tsFiles).toEqual(expect.arrayContaining(["docs/examples/sdk/og-url.ts", "docs/examples/server/handler.ts"]));
  });

  it.each(tsFiles)("%s", async (file) => {
    await import(join(REPO, file));
  });

  it("docs/examples/deployment/serverless.ts answers as a fetch function, verifying signatures", async () => {
    const previous = process.env.OGKIT_SECRET;
    process.env.OGKIT_SECRET = "serverless-secret";
    try {
      const { default: fn } = await import(`${join(REPO, "docs/examples/deployment/serverless.ts")}?signed`);
      const signed = await fn.fetch(new Request(`http://fn${ogUrl({ title: "Hi" }, { secret: "serverless-secret" })}`));
      expect(signed.status).toBe(200);
      expect(signed.headers.get("content-type")).toBe("image/png");
      const unsigned = await fn.fetch(new Request(`http://fn${ogUrl({ title: "Hi" })}`));
      expect(unsigned.status).toBe(403);
    } finally {
      if (previous === undefined) delete process.env.OGKIT_SECRET;
      else process.env.OGKIT_SECRET = previous;
    }
  });
});

describe("docs/sdk.md covers the whole SDK", () => {
  const page = readFileSync(join(REPO, "docs/sdk.md"), "utf8");
  const sources = readdirSync(join(examples, "sdk"))
    .map((file) => readFileSync(join(examples, "sdk", file), "utf8"))
    .join("\n");
  it.each(Object.keys(sdk).sort())("%s is documented and used in an example", (name) => {
    expect(page, `docs/sdk.md does not mention \`${name}\``).toContain(`\`${name}`);
    expect(sources, `no file in docs/examples/sdk uses ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
  });
});

describe("Python and Django examples", () => {
  const secret = "docs-python-secret";
  const env = { ...process.env, OGKIT_SECRET: secret, PYTHONPATH: join(REPO, "packages/python/src") };

  beforeAll(() => {
    // Debian's python3 and python3-django, as the Python package's own tests use: installed when
    // this runs as root (CI), otherwise the command to run is printed and the tests fail.
    execFileSync(process.execPath, [join(REPO, "scripts/system-deps.mjs"), "python3-django"], { stdio: "inherit" });
  });

  it("docs/examples/python/urls.py runs and signs like the SDK", () => {
    const file = join(examples, "python/urls.py");
    const printed = execFileSync("/usr/bin/python3", [file], { env, encoding: "utf8" }).trim();
    expect(printed).toBe(
      ogUrl({ title: "Pricing", titleColor: "#F60" }, { baseUrl: "https://og.example.com", secret }),
    );
  });

  it("the Django example blog puts signed URLs, the SDK's own, into its pages", () => {
    const script = join(REPO, "docs/test/django_check.py");
    const out = execFileSync(
      "/usr/bin/python3",
      [script, "/blog/build-a-rest-api/", "/tags/build-a-rest-api/", "/blog/nope/"],
      {
        env,
        encoding: "utf8",
      },
    );
    const pages = JSON.parse(out) as Record<string, { status: number; meta: Record<string, string> }>;
    const view = pages["/blog/build-a-rest-api/"]!;
    const tags = pages["/tags/build-a-rest-api/"]!;
    expect(pages["/blog/nope/"]?.status).toBe(404);
    expect(view.status).toBe(200);
    const baseUrl = "https://og.example.com";
    const defaults = { brand: "Acme", pattern: "dots" } as const; // OGKIT["DEFAULTS"] in settings.py
    expect(view.meta["og:image"]).toBe(
      ogUrl(
        {
          ...defaults,
          title: "How to Build a REST API",
          subtitle: "By Ada Lovelace",
          theme: "gradient",
          pattern: "waves",
          icon: "newspaper",
        },
        { baseUrl, secret },
      ),
    );
    expect(tags.meta).toMatchObject({
      "og:image": ogUrl(
        { ...defaults, title: "How to Build a REST API", subtitle: "Ada Lovelace", theme: "dark" },
        { baseUrl, secret },
      ),
      "og:image:width": "1200",
      "og:image:height": "630",
      "og:image:alt": "How to Build a REST API",
      "twitter:card": "summary_large_image",
    });
    const query = new URL(tags.meta["og:image"]!).search;
    expect(verifySignedQuery(query, [secret])).toContain("title=How%20to%20Build%20a%20REST%20API");
  });
});

export const exampleFiles = tsFiles.map((file) => relative(REPO, join(REPO, file)));
