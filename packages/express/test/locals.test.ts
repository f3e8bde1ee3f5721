import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { ogUrl, verifySignedQuery } from "@ogkit/sdk";
import express from "express";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ogLocals, ogMetaTags } from "../src/index.js";
import { listen } from "./helpers.js";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function renderPage(options: Parameters<typeof ogLocals>[0], headers: Record<string, string> = {}) {
  const app = express();
  app.set("views", fileURLToPath(new URL("./views", import.meta.url)));
  app.set("view engine", "ejs");
  app.use(ogLocals(options));
  app.get("/post", (_req, res) => {
    res.render("page", { title: `Tom & "Jerry" <3 O'Neil` });
  });
  const server = await listen(createServer(app));
  closers.push(server.close);
  const response = await fetch(`${server.url}/post`, { headers });
  return { html: await response.text(), base: server.url };
}

describe("ogMetaTags", () => {
  it("writes the og:image and twitter:image tags of one card", () => {
    vi.stubEnv("OGKIT_SECRET", "");
    const url = ogUrl(
      { title: "Hello", size: "square", format: "jpeg" },
      { baseUrl: "https://blog.example.com" },
    ).replaceAll("&", "&amp;");
    expect(
      ogMetaTags({ title: "Hello", size: "square", format: "jpeg" }, { baseUrl: "https://blog.example.com" }),
    ).toBe(`<meta property="og:image" content="${url}">
<meta property="og:image:type" content="image/jpeg">
<meta property="og:image:width" content="1080">
<meta property="og:image:height" content="1080">
<meta property="og:image:alt" content="Hello">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:image" content="${url}">
<meta name="twitter:image:alt" content="Hello">`);
  });

  it("escapes every value for an HTML attribute", () => {
    const tags = ogMetaTags({ title: `a"b` }, { secret: false, alt: `<script>&'"` });
    expect(tags).toContain(`content="&lt;script&gt;&amp;&#39;&quot;"`);
    expect(tags).toContain(`content="/api/v1/og?title=a%22b"`);
    expect(tags).not.toMatch(/<script>/);
  });

  it("signs with OGKIT_SECRET unless told not to", () => {
    vi.stubEnv("OGKIT_SECRET", "first,second");
    const tags = ogMetaTags({ title: "Signed" });
    const url = /og:image" content="([^"]+)"/.exec(tags)![1]!.replaceAll("&amp;", "&");
    expect(verifySignedQuery(url.slice(url.indexOf("?") + 1), ["first"])).toBe("title=Signed");
    expect(ogMetaTags({ title: "Signed" }, { secret: false })).not.toContain("sig=");
  });
});

describe("ogLocals with Express and EJS", () => {
  it("gives templates ogMeta and ogUrl, absolute on the request's origin", async () => {
    const { html, base } = await renderPage({ secret: false });
    const title = `Tom & "Jerry" <3 O'Neil`;
    const url = ogUrl({ title, subtitle: "By Ada" }, { baseUrl: base });
    const escapedUrl = url.replaceAll("&", "&amp;").replaceAll("'", "&#39;");
    expect(html).toContain(`<meta property="og:image" content="${escapedUrl}">`);
    expect(html).toContain(`<meta property="og:image:alt" content="Tom &amp; &quot;Jerry&quot; &lt;3 O&#39;Neil">`);
    expect(html).toContain(`<meta name="twitter:image" content="${escapedUrl}">`);
    expect(html).toContain('<meta property="og:image:width" content="1200">');
    expect(html).toContain(
      `<img src="${ogUrl({ title }, { baseUrl: base }).replaceAll("&", "&amp;").replaceAll("'", "&#39;")}">`,
    );
  });

  it("uses the configured baseUrl, a string or a function of the request", async () => {
    expect((await renderPage({ secret: false, baseUrl: "https://blog.example.com" })).html).toContain(
      'content="https://blog.example.com/api/v1/og?title=',
    );
    const { html } = await renderPage(
      { secret: false, baseUrl: (req) => `https://${req.headers["x-site"]}.example.com` },
      {
        "x-site": "docs",
      },
    );
    expect(html).toContain('content="https://docs.example.com/api/v1/og?title=');
  });

  it("never puts a malformed Host header into the page", async () => {
    const { html } = await renderPage({ secret: false }, { host: "evil.example.com/<x>" });
    expect(html).not.toContain("evil");
  });
});
