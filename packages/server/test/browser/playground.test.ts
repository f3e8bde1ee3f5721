/**
 * The playground in headless Chromium (Debian's, driven by playwright-core) against a real ogkit
 * server on an ephemeral port: the generated form, the live preview and URL, the snippets, inline
 * validation and the social previews. It leaves a screenshot in test-artifacts/playground.png.
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type OgErrorBody, type OgParams, ogJsonSchema, ogUrl, themes } from "@ogkit/sdk";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSnippet, type SnippetId } from "./run-snippet.js";
import { ensureChromium, launchChromium, PACKAGE_DIR, type PlaygroundServer, startPlaygroundServer } from "./setup.js";

const SCREENSHOT = join(PACKAGE_DIR, "test-artifacts", "playground.png");
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let server: PlaygroundServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** The canonical URL the page should show for these params. */
const expectedUrl = (params: OgParams) => ogUrl(params, { baseUrl: server.url });

/** Waits until the preview shows `url` and the image has loaded. */
async function previewShows(url: string): Promise<{ src: string; naturalWidth: number; naturalHeight: number }> {
  // img.src reads back as the browser normalized it (it percent-encodes ' for one), so compare as URLs.
  const href = new URL(url).href;
  await page.waitForFunction(
    (wanted) => {
      const img = document.querySelector<HTMLImageElement>("#preview");
      return img?.src === wanted && img.complete && img.naturalWidth > 0;
    },
    href,
    { timeout: 30_000 },
  );
  return page.$eval("#preview", (img: HTMLImageElement) => ({
    src: img.src,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
  }));
}

/** Drops the console errors a test caused on purpose (the browser logs every refused image). */
function expectLoggedRefusals(status: number): void {
  const refused = pageErrors.filter((error) => error.includes(`status of ${status}`));
  expect(refused.length).toBeGreaterThan(0);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !refused.includes(error)));
}

async function shownUrl(): Promise<string> {
  return page.inputValue("#og-url");
}

/** Loads the page afresh (a new #fragment alone would not reload it) with the params in the fragment. */
async function open(fragment: string): Promise<void> {
  await page.goto("about:blank");
  await page.goto(`${server.url}/#${fragment}`);
  await page.waitForSelector("html[data-ready]");
}

beforeAll(async () => {
  ensureChromium();
  server = await startPlaygroundServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
  });
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the playground in Chromium", { timeout: 60_000 }, () => {
  it("renders a field for every parameter of the SDK's JSON Schema", async () => {
    await open("title=Start");
    const schema = ogJsonSchema();
    const names = await page.$$eval("[data-field]", (fields) =>
      fields.map((field) => (field as HTMLElement).dataset.field),
    );
    expect(names).toEqual(Object.keys(schema.properties));
    for (const [name, property] of Object.entries(schema.properties)) {
      if (Array.isArray(property.enum)) {
        const options = await page.$$eval(`select[name="${name}"] option`, (all) => all.map((o) => o.textContent));
        for (const value of property.enum) expect(options.join("|"), name).toContain(String(value));
      }
      if (property.type === "integer") {
        expect(await page.getAttribute(`input[name="${name}"]`, "min")).toBe(String(property.minimum));
        expect(await page.getAttribute(`input[name="${name}"]`, "max")).toBe(String(property.maximum));
      }
    }
    // Colors get a picker next to the hex text field.
    expect(await page.locator('[data-field="accent"] input[type="color"]').count()).toBe(1);
    expect(await page.locator('[data-field="bgGradient"] input[type="color"]').count()).toBe(2);
    expect(await page.textContent('[data-field="title"] .counter')).toBe("5/200");
    // Input-only aliases sit in their own section.
    expect(await page.locator('#aliases [data-field="accentColor"]').count()).toBe(1);
  });

  it("changing title, theme and icon updates the URL and the preview, and the image loads", async () => {
    await open("title=Start");
    let previous = await previewShows(expectedUrl({ title: "Start" }));
    const params: OgParams = { title: "Start" };
    const steps: [string, () => Promise<unknown>, Partial<OgParams>][] = [
      ["title", () => page.fill("#param-title", "Browser test: it's live"), { title: "Browser test: it's live" }],
      ["theme", () => page.selectOption("#param-theme", "light"), { theme: "light" }],
      ["icon", () => page.fill("#param-icon", "rocket"), { icon: "rocket" }],
    ];
    for (const [name, change, patch] of steps) {
      await change();
      Object.assign(params, patch);
      const url = expectedUrl(params);
      await page.waitForFunction(
        (wanted) => document.querySelector<HTMLInputElement>("#og-url")?.value === wanted,
        url,
      );
      const image = await previewShows(url);
      expect(image.src, name).not.toBe(previous.src);
      expect([image.naturalWidth, image.naturalHeight], name).toEqual([1200, 630]);
      expect(await page.getAttribute("#download", "href"), name).toBe(url);
      previous = image;
    }
    expect(await shownUrl()).toBe(expectedUrl({ title: "Browser test: it's live", theme: "light", icon: "rocket" }));
    // The page's own URL keeps the state, so a reload or a shared link restores it.
    expect(new URL(page.url()).hash).toBe(`#${(await shownUrl()).split("?")[1]}`);
  });

  it("the icon field searches the server's icon names", async () => {
    await open("title=Icons");
    await page.fill("#param-icon", "arrow-up");
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLOptionElement>("#param-icon-suggestions option")].some(
        (o) => o.value === "arrow-up",
      ),
    );
    const suggestions = await page.$$eval("#param-icon-suggestions option", (all) =>
      all.map((o) => (o as HTMLOptionElement).value),
    );
    expect(suggestions).toContain("arrow-up");
    for (const name of suggestions) expect(name).toContain("arrow-up");
  });

  it("aliases are folded into the canonical URL", async () => {
    await open("title=Alias");
    await page.click("#aliases summary");
    await page.selectOption("#param-size", "square");
    const url = expectedUrl({ title: "Alias", size: "square" });
    expect(url).toContain("width=1080&height=1080");
    await page.waitForFunction((wanted) => document.querySelector<HTMLInputElement>("#og-url")?.value === wanted, url);
    expect((await previewShows(url)).naturalHeight).toBe(1080);
  });

  it("each snippet, run, produces the previewed URL, which is ogUrl's for the same params", async () => {
    const params: OgParams = {
      title: `Snippets: "quotes", it's & more — café 🚀`,
      subtitle: "100% real",
      theme: "cyberpunk",
      pattern: "grid",
      accent: "ff6600",
      width: 1000,
    };
    const url = expectedUrl(params);
    await open(url.split("?")[1] as string);
    await previewShows(url);
    expect(await shownUrl()).toBe(url);
    const snippets = await page.$$eval("[data-snippet]", (all) =>
      all.map((code) => [(code as HTMLElement).dataset.snippet, code.textContent] as [string, string]),
    );
    expect(snippets.map(([id]) => id)).toEqual(["curl", "javascript", "next", "express", "python", "html"]);
    for (const [id, code] of snippets) expect(runSnippet(id as SnippetId, code), id).toBe(url);

    // Switching tabs shows one snippet at a time.
    await page.click("#tab-python");
    expect(await page.isVisible("#snippet-python")).toBe(true);
    expect(await page.isVisible("#snippet-curl")).toBe(false);
  });

  it("a 201-character title shows the server's own message next to the field", async () => {
    await open("title=Valid");
    const validUrl = expectedUrl({ title: "Valid" });
    await previewShows(validUrl);
    const long = "a".repeat(201);
    await page.fill("#param-title", long);
    const error = page.locator('[data-field="title"] .field-error');
    await error.waitFor({ state: "visible" });

    const response = await fetch(`${server.url}/api/v1/og?title=${long}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as OgErrorBody;
    expect(body.error.issues).toEqual([{ path: "title", message: "title must be at most 200 characters (got 201)" }]);
    expect(await error.textContent()).toBe(body.error.issues[0]?.message);

    expect(await page.textContent('[data-field="title"] .counter')).toBe("201/200");
    expect(await page.getAttribute("#param-title", "aria-invalid")).toBe("true");
    // The preview and URL stay on the last valid image, marked stale.
    await page.waitForTimeout(400);
    expect(await shownUrl()).toBe(validUrl);
    expect(await page.getAttribute("#og-url", "class")).toContain("is-stale");

    await page.fill("#param-title", "Valid again");
    await error.waitFor({ state: "hidden" });
    await previewShows(expectedUrl({ title: "Valid again" }));
  });

  it("a link with a value the schema refuses keeps it and names it, with the SDK's message", async () => {
    await open("title=Edited&theme=neon");
    const error = page.locator('[data-field="theme"] .field-error');
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe(`theme must be one of ${themes.join(", ")}`);
    expect(await page.inputValue("#param-theme")).toBe("neon");
    await page.selectOption("#param-theme", "bold");
    await previewShows(expectedUrl({ title: "Edited", theme: "bold" }));
  });

  it("shows the card on X, Facebook, LinkedIn, Slack and Discord, each with the image", async () => {
    const params: OgParams = { title: "Social", subtitle: "As shared", brand: "Acme" };
    const url = expectedUrl(params);
    await open(url.split("?")[1] as string);
    await previewShows(url);
    const href = new URL(url).href;
    await page.waitForFunction(
      (wanted) =>
        [...document.querySelectorAll<HTMLImageElement>("#social img")].every(
          (img) => img.src === wanted && img.complete && img.naturalWidth > 0,
        ),
      href,
    );
    const platforms = await page.$$eval("#social figure", (all) => all.map((f) => (f as HTMLElement).dataset.platform));
    expect(platforms).toEqual(["x", "facebook", "linkedin", "slack", "discord"]);
    // X crops to 2:1, Facebook and LinkedIn to 1.91:1.
    const ratio = (selector: string) =>
      page.$eval(selector, (img) => img.getBoundingClientRect().width / img.getBoundingClientRect().height);
    expect(await ratio(".x-image")).toBeCloseTo(2, 1);
    expect(await ratio(".fb-image")).toBeCloseTo(1.91, 1);
    expect(await ratio(".li-image")).toBeCloseTo(1.91, 1);
    expect(await page.textContent(".fb-title")).toBe("Social");
    expect(await page.textContent(".slack-site")).toBe("Acme");
  });

  it("copies the URL and downloads the image", async () => {
    const url = expectedUrl({ title: "Download me" });
    await open(url.split("?")[1] as string);
    await previewShows(url);
    await page.click("#copy-url");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toBe("og-image.png");
    const bytes = await readFile((await download.path()) as string);
    expect(bytes.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  });

  it("an icon the server does not have gets the server's message, with its suggestions, beside the field", async () => {
    await open("title=Icons");
    await page.fill("#param-icon", "rockt");
    await page.waitForSelector("#preview-frame.has-error");
    const error = page.locator('[data-field="icon"] .field-error');
    await error.waitFor({ state: "visible" });
    const response = await fetch(`${server.url}/api/v1/og?title=Icons&icon=rockt`);
    const body = (await response.json()) as OgErrorBody;
    expect(body.error.issues[0]?.message).toContain("rocket");
    expect(await error.textContent()).toBe(body.error.issues[0]?.message);
    expectLoggedRefusals(400);

    await page.fill("#param-icon", "rocket");
    await previewShows(expectedUrl({ title: "Icons", icon: "rocket" }));
    expect(await error.isVisible()).toBe(false);
  });

  it("works under a base path: /og redirects to /og/ and every URL follows the mount", async () => {
    const mounted = await startPlaygroundServer({ basePath: "/og" });
    try {
      await page.goto(`${mounted.url}/og#title=Mounted`);
      await page.waitForSelector("html[data-ready]");
      expect(new URL(page.url()).pathname).toBe("/og/");
      const url = ogUrl({ title: "Mounted" }, { baseUrl: `${mounted.url}/og` });
      expect(await shownUrl()).toBe(url);
      await previewShows(url);
      const javascript = await page.textContent('[data-snippet="javascript"]');
      expect(runSnippet("javascript", javascript ?? "")).toBe(url);
    } finally {
      await mounted.close();
    }
  });

  it("shows the server's own answer when it refuses an image (here: a server that renders only signed URLs)", async () => {
    const signed = await startPlaygroundServer({ secrets: "s3cret" });
    try {
      await page.goto(`${signed.url}/#title=Unsigned`);
      await page.waitForSelector("#preview-frame.has-error");
      const message = page.locator("#form-error");
      await message.waitFor({ state: "visible" });
      const response = await fetch(`${signed.url}/api/v1/og?title=Unsigned`);
      const body = (await response.json()) as OgErrorBody;
      expect(await message.textContent()).toContain(`403 ${body.error.code}: ${body.error.message}`);
    } finally {
      await signed.close();
    }
    expectLoggedRefusals(403);
  });

  it("leaves a screenshot of the page in test-artifacts/playground.png", async () => {
    const url = expectedUrl({
      title: "Ship faster with ogkit",
      subtitle: "Typed, signed and cached Open Graph images from one schema",
      brand: "ogkit.dev",
      theme: "gradient",
      pattern: "dots",
      icon: "rocket",
    });
    await open(url.split("?")[1] as string);
    await previewShows(url);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>("#social img")].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    await page.click("#tab-javascript");
    await mkdir(join(PACKAGE_DIR, "test-artifacts"), { recursive: true });
    // Tall enough that the parameters panel (sticky, scrolling on its own) shows every field.
    await page.setViewportSize({ width: 1440, height: 1900 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);
  });

  it("logged no errors (script errors, CSP violations, failed requests)", () => {
    expect(pageErrors).toEqual([]);
  });
});
