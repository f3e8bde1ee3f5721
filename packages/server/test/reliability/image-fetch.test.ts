import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImageFetcher, type ImageFetcherOptions } from "../../src/http/fetch-image.js";
import { createOgHandler, type OgHandler } from "../../src/http/handler.js";
import { call, errorOf, imageOf } from "../http/helpers.js";
import { rejection } from "../og-error.js";
import { type ImageServer, startImageServer } from "./image-server.js";

// The only kind of server tests may fetch from is local (./image-server.ts). It is loopback, so the
// fetcher refuses it unless the test-only allowLoopback override is on. Host names reach it through
// `hosts` (like curl --resolve), since tests do no DNS.
let images: ImageServer;
let port = 0;
let hits: string[] = [];
let red: Buffer;

beforeAll(async () => {
  images = await startImageServer();
  ({ port, hits, red } = images);
});
afterAll(() => images.close());

const base = () => `http://img.test:${port}`;
function fetcher(options: Partial<ImageFetcherOptions> = {}) {
  return createImageFetcher({
    allowlist: ["img.test", "cdn.test"],
    hosts: { "img.test": "127.0.0.1", "cdn.test": "127.0.0.1", "intranet.test": "10.0.0.7" },
    allowLoopback: true,
    ...options,
  });
}

describe("createImageFetcher", () => {
  it("fetches an allowlisted image from the address it resolved", async () => {
    const image = await fetcher()(new URL(`${base()}/red.png`));
    expect(image.contentType).toBe("image/png");
    expect(Buffer.from(image.body).equals(red)).toBe(true);
  });

  it("refuses a host that resolves to loopback without the test-only override, and never connects", async () => {
    const before = hits.length;
    const error = await rejection(fetcher({ allowLoopback: false })(new URL(`${base()}/red.png`)));
    expect(error.message).toBe("img.test resolves to a private, loopback or reserved address");
    expect(hits.length).toBe(before);
  });

  it("refuses a host that resolves to a private address even with the loopback override", async () => {
    const error = await rejection(
      fetcher({ allowlist: ["intranet.test"] })(new URL(`http://intranet.test:${port}/red.png`)),
    );
    expect(error.message).toMatch(/resolves to a private/);
  });

  it.each([
    ["the metadata address", "http://169.254.169.254/latest/meta-data/"],
    ["localhost", "http://localhost/a.png"],
    ["IPv6 loopback", "http://[::1]/a.png"],
    ["an IPv4-mapped IPv6 address", "http://[::ffff:169.254.169.254]/a.png"],
    ["a host that is not allowlisted", "https://elsewhere.example.com/a.png"],
    ["a file: URL", "file:///etc/passwd"],
  ])("refuses a redirect to %s", async (_, target) => {
    const error = await rejection(fetcher()(new URL(`${base()}/redirect?to=${encodeURIComponent(target)}`)));
    expect(error.code).toBe("INVALID_PARAMS");
    expect(error.message).toMatch(/not allowed|resolves to a private/);
  });

  it("refuses a redirect to an allowlisted name that resolves to a private address", async () => {
    const fetch = fetcher({ allowlist: ["img.test", "intranet.test"] });
    const error = await rejection(fetch(new URL(`${base()}/redirect?to=http://intranet.test/a.png`)));
    expect(error.message).toMatch(/intranet\.test resolves to a private/);
  });

  it("follows a redirect to another allowlisted host, and at most maxRedirects of them", async () => {
    const image = await fetcher()(new URL(`${base()}/redirect?to=http://cdn.test:${port}/red.png`));
    expect(Buffer.from(image.body).equals(red)).toBe(true);
    const error = await rejection(fetcher()(new URL(`${base()}/loop`)));
    expect(error.message).toMatch(/redirects more than 3 times/);
  });

  it("refuses what is not an image, an HTTP error, and more than 4 MB (declared or streamed)", async () => {
    const fetch = fetcher();
    expect((await rejection(fetch(new URL(`${base()}/page.html`)))).message).toMatch(/is text\/html, not a png/);
    expect((await rejection(fetch(new URL(`${base()}/missing.png`)))).message).toMatch(/answered HTTP 404/);
    for (const path of ["/huge.png", "/streamed-huge.png"]) {
      expect((await rejection(fetch(new URL(`${base()}${path}`)))).message, path).toMatch(/larger than 4194304 bytes/);
    }
  });

  it("gives up at its time limit", async () => {
    const error = await rejection(fetcher({ timeoutMs: 200 })(new URL(`${base()}/slow.png`)));
    expect(error.message).toMatch(/took longer than 200 ms/);
  });
});

describe("html templates fetch allowlisted images through the server", () => {
  const handlers: OgHandler[] = [];
  function handler(options: Parameters<typeof createOgHandler>[0]) {
    const created = createOgHandler({ concurrency: 1, onError: () => {}, ...options });
    handlers.push(created);
    return created;
  }
  afterAll(() => Promise.all(handlers.map((created) => created.close())));

  const html = () =>
    `<div style="display:flex;width:100%;height:100%;background:#fff"><img src="${base()}/red.png" width="100" height="100"/></div>`;
  const query = (extra = "") => `/api/v1/og?title=x&width=200&height=100&html=${encodeURIComponent(html())}${extra}`;

  it("renders the image in a render thread when the host is allowlisted", async () => {
    const pooled = handler({
      pool: true,
      imageAllowlist: ["img.test"],
      imageFetch: { hosts: { "img.test": "127.0.0.1" }, allowLoopback: true },
    });
    await pooled.warm();
    const response = await call(pooled, query());
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    // The top-left pixel is the fetched red image.
    const { data } = await sharp(body).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([255, 0, 0]);
  }, 120_000);

  it("regression: html with a custom template's name is laid out, and its images fetched, in the render thread", async () => {
    const pooled = handler({
      pool: true,
      imageAllowlist: ["img.test"],
      imageFetch: { hosts: { "img.test": "127.0.0.1" }, allowLoopback: true },
      templates: { card: () => ({ type: "div", props: { style: { display: "flex" }, children: "template" } }) },
    });
    await pooled.warm();
    const response = await call(pooled, query("&template=card"));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-og-layout")).toBe("html");
  }, 120_000);

  it("answers 400 naming html when the allowlisted host resolves to loopback (no override)", async () => {
    const inProcess = handler({
      pool: false,
      imageAllowlist: ["img.test"],
      imageFetch: { hosts: { "img.test": "127.0.0.1" } },
    });
    const before = hits.length;
    const response = await call(inProcess, query());
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.issues).toEqual([
      {
        path: "html",
        message: `remote image ${base()}/red.png could not be loaded: img.test resolves to a private, loopback or reserved address`,
      },
    ]);
    expect(hits.length).toBe(before);
  });

  it("answers 400 to a remote image when nothing is allowlisted", async () => {
    const closed = handler({ pool: false });
    const response = await call(closed, query());
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues[0]?.message).toMatch(/add its host to imageAllowlist/);
    expect(await imageOf(await call(closed, "/api/v1/og?title=still%20fine&width=200&height=100"))).toMatchObject({
      width: 200,
      height: 100,
    });
  });
});
