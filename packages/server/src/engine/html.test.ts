import { OgError, parseOgParams } from "@ogkit/sdk";
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rejection } from "../../test/og-error.js";
import { assertSelfContained, htmlElement, isPrivateHost } from "./html.js";
import { renderCard } from "./index.js";

const size = { width: 100, height: 100 };
const PNG_1x1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("html templates", () => {
  it("renders the markup at the requested size", async () => {
    const html = `<div style="display:flex;width:100%;height:100%;background:#123456;color:white;font-size:40px">Hi <img src="data:image/png;base64,${PNG_1x1}" width="10" height="10"/></div>`;
    const result = await renderCard(parseOgParams({ title: "x", html, width: 300, height: 160 }));
    expect(await sharp(result.body).metadata()).toMatchObject({ format: "png", width: 300, height: 160 });
    expect(result.diagnostics.layout).toBe("html");
  });

  it("refuses remote images unless their host is allowlisted", async () => {
    const markup = '<div style="display:flex"><img src="https://cdn.example.com/a.png"/></div>';
    const error = await rejection(htmlElement(markup, size));
    expect(error.issues).toEqual([
      {
        path: "html",
        message: "remote image https://cdn.example.com/a.png is not allowed; add its host to imageAllowlist",
      },
    ]);
  });

  it("refuses an allowlisted image when no fetcher is injected: the engine never fetches", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const markup = '<img src="https://cdn.example.com/a.png"/>';
    const error = await rejection(htmlElement(markup, { ...size, imageAllowlist: ["cdn.example.com"] }));
    expect(error.message).toMatch(/fetches no images/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("embeds an allowlisted image through the injected fetcher, as a data: URI", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const fetchImage = vi.fn(async (_url: URL) => ({
      contentType: "image/png",
      body: new Uint8Array(Buffer.from(PNG_1x1, "base64")),
    }));
    const markup = `<div style="display:flex;background-image:url('https://cdn.example.com/bg.png')"><img src="https://cdn.example.com/a.png" width="1" height="1"/></div>`;
    const element = await htmlElement(markup, { ...size, imageAllowlist: ["cdn.example.com"], fetchImage });
    expect(fetchImage.mock.calls.map(([url]) => String(url)).sort()).toEqual([
      "https://cdn.example.com/a.png",
      "https://cdn.example.com/bg.png",
    ]);
    const json = JSON.stringify(element);
    expect(json).not.toContain("https://cdn.example.com");
    expect(json).toContain(`data:image/png;base64,${PNG_1x1}`);
    const result = await renderCard(parseOgParams({ title: "x", html: markup, width: 200, height: 100 }), {
      imageAllowlist: ["cdn.example.com"],
      fetchImage,
    });
    expect(result.body.length).toBeGreaterThan(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses what a fetcher returns that is not an image", async () => {
    const fetchImage = async () => ({ contentType: "text/html", body: new Uint8Array(10) });
    const markup = '<img src="https://cdn.example.com/a.png"/>';
    const error = await rejection(htmlElement(markup, { ...size, imageAllowlist: ["cdn.example.com"], fetchImage }));
    expect(error.message).toMatch(/text\/html, not a png/);
  });

  it.each([
    ["CSS url()", `<div style="display:flex;background-image:url('https://evil.test/x.png')"></div>`],
    ["a stylesheet", `<style>div{background:url(https://evil.test/x.png)}</style><div>x</div>`],
    ["a tailwind class", `<div class="bg-[url(https://evil.test/x.png)] p-2">x</div>`],
    ["an SVG <image>", `<svg width="10" height="10"><image href="https://evil.test/x.png"/></svg>`],
    ["an SVG xlink:href", `<svg width="10" height="10"><image xlink:href="/etc/passwd"/></svg>`],
    ["a srcset", `<img src="data:image/png;base64,${PNG_1x1}" srcset="https://evil.test/x.png 2x"/>`],
    ["a file: URL", `<img src="file:///etc/passwd"/>`],
    ["a relative path", `<img src="secret.png"/>`],
    ["a protocol-relative URL", `<img src="//evil.test/x.png"/>`],
    [
      "an SVG data URI that refers to a file",
      `<img src="data:image/svg+xml;utf8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/passwd"/></svg>')}"/>`,
    ],
    ["a data URI that is not an image", `<img src="data:text/html,hi"/>`],
  ])("refuses an image from %s", async (_, markup) => {
    const error = await rejection(htmlElement(markup, size));
    expect(error.code).toBe("INVALID_PARAMS");
    expect(error.issues[0]?.path).toBe("html");
  });

  it("allows links, fragments and data: images", async () => {
    const markup = `<div style="display:flex"><a href="https://example.com">link</a><svg width="10" height="10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/></svg><img src="data:image/png;base64,${PNG_1x1}"/></div>`;
    const element = await htmlElement(markup, { width: 800, height: 400 });
    expect(element.props.style).toMatchObject({ width: 800, height: 400 });
  });

  it.each([
    "169.254.169.254",
    "localhost",
    "LOCALHOST.",
    "[::1]",
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "2130706433",
    "0x7f000001",
    "[::ffff:127.0.0.1]",
    "[fd00::1]",
    "[fe80::1]",
    "metadata.google.internal",
    "printer.local",
    "intranet",
  ])("refuses the private host %s even when allowlisted", async (host) => {
    const fetchImage = vi.fn();
    const markup = `<img src="http://${host}/a.png"/>`;
    const allow = [host.replace(/[[\]]/g, ""), new URL(`http://${host}`).hostname.replace(/[[\]]/g, "")];
    const error = await rejection(htmlElement(markup, { ...size, imageAllowlist: allow, fetchImage }));
    expect(error.code).toBe("INVALID_PARAMS");
    expect(fetchImage).not.toHaveBeenCalled();
  });

  it("regression: public names that merely start like private IPv6 prefixes are public", () => {
    for (const host of ["og.example.com", "fcbarcelona.com", "fd.example.org", "feedback.example.com", "8.8.8.8"]) {
      expect(isPrivateHost(host), host).toBe(false);
    }
  });

  it("refuses deep nesting before parsing, counting void elements as leaves", async () => {
    const deep = `${"<div>".repeat(100)}x${"</div>".repeat(100)}`;
    expect((await rejection(htmlElement(deep, size))).message).toMatch(/nested more than 64/);
    const flat = `<div style="display:flex">${'<img src="data:image/png;base64,AA"><br>'.repeat(80)}</div>`;
    await expect(htmlElement(flat, size)).resolves.toBeDefined();
  });

  it("answers deep html with a 400 from renderCard", async () => {
    const html = `${"<div>".repeat(65)}x${"</div>".repeat(65)}`;
    const error = await rejection(renderCard(parseOgParams({ title: "x", html })));
    expect(error).toBeInstanceOf(OgError);
    expect(error.status).toBe(400);
  });

  it.each([
    [
      "inline",
      '<svg width="100" height="100"><filter id="f" x="-10000%" width="20000%"><feFlood flood-color="red"/></filter><rect width="10" height="10" filter="url(#f)"/></svg>',
    ],
    [
      "in a data: image",
      `<img width="10" height="10" src="data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><filter id="f"><feFlood/></filter><rect x="5000" width="1" height="1" filter="url(#f)"/></svg>')}"/>`,
    ],
    [
      "in a base64 data: image",
      `<img width="10" height="10" src="data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><FILTER id="f"/></svg>').toString("base64")}"/>`,
    ],
  ])(
    "refuses an SVG filter %s: resvg sizes its region without bound and aborts outside its canvas",
    async (_, markup) => {
      const error = await rejection(htmlElement(markup, size));
      expect(error.code).toBe("INVALID_PARAMS");
      expect(error.issues).toEqual([{ path: "html", message: error.message }]);
      expect(error.message).toMatch(/SVG <filter> elements are not allowed in html/);
    },
  );

  it("leaves SVG filters in custom templates alone: they are trusted code", () => {
    const uri = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><filter id="f"/></svg>')}`;
    expect(() => assertSelfContained({ type: "img", props: { src: uri, width: 10, height: 10 } })).not.toThrow();
  });

  it("refuses scripts and frames", async () => {
    expect((await rejection(htmlElement("<script>alert(1)</script>", size))).message).toMatch(/<script>/);
    expect((await rejection(htmlElement('<iframe src="https://x.test"></iframe>', size))).message).toMatch(/<iframe>/);
  });
});

describe("layers inside SVG images", () => {
  const params = (html: string) => parseOgParams({ title: "x", html, width: 200, height: 100 });
  const far = '<g opacity=".5"><rect x="9000" y="9000" width="5" height="5"/></g>';

  it.each([
    ["inline <svg>", `<div style="display:flex"><svg width="20" height="20">${far}</svg></div>`],
    [
      "a clip path in inline <svg>",
      '<div style="display:flex"><svg width="20" height="20"><clipPath id="c"><rect width="5" height="5"/></clipPath><rect clip-path="url(#c)" width="9" height="9"/></svg></div>',
    ],
    [
      "a data: SVG image",
      `<img width="20" height="20" src="data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">${far}</svg>`)}"/>`,
    ],
    [
      "a style in a data: SVG image",
      `<img width="20" height="20" src="data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect style="opacity:.5" x="9000" width="5" height="5"/></svg>')}"/>`,
    ],
  ])("regression: %s with a layer far outside is refused before resvg aborts the process", async (_, html) => {
    const error = await renderCard(params(html)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OgError);
    expect((error as OgError).issues?.[0]).toMatchObject({ path: "html" });
    expect((error as OgError).message).toMatch(/inside SVG images are not allowed in html/);
  });

  it("still draws SVG images without layers, and their fill-opacity", async () => {
    const svg = '<svg width="20" height="20"><rect width="20" height="20" fill="#f00" fill-opacity=".5"/></svg>';
    const result = await renderCard(params(`<div style="display:flex;opacity:.5">${svg}</div>`));
    expect(result.contentType).toBe("image/png");
  });
});
