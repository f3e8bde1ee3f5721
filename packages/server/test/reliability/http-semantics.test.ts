import { afterAll, describe, expect, it } from "vitest";
import { createOgHandler } from "../../src/http/handler.js";
import { call, errorOf, metric, postJson, uniqueTitle } from "../http/helpers.js";

// The cache and HTTP guarantees: errors are never cached, the cache key is only the canonical
// params (spelling, order, aliases and client headers cannot make a second entry or reach another
// one), and HEAD, Range and If-None-Match answer as RFC 9110 says.

const og = createOgHandler({ pool: false, concurrency: 2, faultInjection: true, onError: () => {} });
afterAll(() => og.close());

const renders = () => metric(og, 'ogkit_renders_total{format="png"}');

describe("errors are never cached", () => {
  it.each([
    ["400", "/api/v1/og?title=x&width=-1", undefined],
    ["404", "/nope", undefined],
    ["405", "/api/v1/og?title=x", { method: "PUT" }],
    ["413", "/api/v1/og", { method: "POST", headers: { "content-length": "999999" }, body: "{}" }],
    ["414", `/api/v1/og?title=${"a".repeat(5000)}`, undefined],
    ["415", "/api/v1/og", { method: "POST", headers: { "content-type": "image/png" }, body: "x" }],
    ["416", "/api/v1/og?title=range&width=200&height=100", { headers: { range: "bytes=9999999-" } }],
    ["500", "/api/v1/og?title=ogkit-fault:throw&width=200&height=100", undefined],
  ] as const)("%s is answered no-store with a JSON body", async (status, path, init) => {
    const response = await call(og, path, init as RequestInit | undefined);
    expect(String(response.status)).toBe(status);
    expect(response.headers.get("etag")).toBeNull();
    await errorOf(response);
  });

  it("HEAD of an error is the error's headers without a body", async () => {
    const response = await call(og, "/api/v1/og?title=x&width=-1", { method: "HEAD" });
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.body).toBeNull();
  });
});

describe("the cache key is the canonical params only", () => {
  it("serves one entry for every spelling of the same params: order, aliases, defaults, encodings", async () => {
    const title = uniqueTitle("canonical");
    const t = encodeURIComponent(title);
    const first = await call(og, `/api/v1/og?title=${t}&accent=ff6600&bgGradient=112233,445566&width=200&height=100`);
    expect(first.headers.get("x-og-cache")).toBe("miss");
    const etag = first.headers.get("etag");
    const before = await renders();
    for (const path of [
      `/api/v1/og?height=100&width=200&bgGradient=112233,445566&accent=ff6600&title=${t}`,
      `/og?title=${t}&accentColor=%23FF6600&gradientStart=112233&gradientEnd=445566&width=200&height=100`,
      `/api/v1/og?title=${t.replaceAll("%20", "+")}&accent=F60&bgGradient=123%2C456&width=200&height=100&theme=dark&pattern=none&layout=standard&format=png`,
      `/api/v1/og?title=${t}&accent=ff6600&bgGradient=112233,%20445566&width=0200&height=100&subtitle=`,
    ]) {
      const response = await call(og, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("etag"), path).toBe(etag);
      expect(response.headers.get("x-og-cache"), path).toBe("hit");
    }
    const posted = await postJson(og, "/api/v1/og", {
      title,
      accentColor: "#f60",
      gradientStart: "112233",
      gradientEnd: "445566",
      width: 200,
      height: 100,
    });
    expect(posted.headers.get("x-og-cache")).toBe("hit");
    expect(await renders()).toBe(before);
  });

  it("ignores every client header: no header can name, split or reach a cache entry", async () => {
    const path = `/api/v1/og?title=${encodeURIComponent(uniqueTitle("headers"))}&width=200&height=100`;
    const first = await call(og, path);
    const before = await renders();
    const variants: Record<string, string>[] = [
      { "x-cache-key": "title=other" },
      { "cache-control": "no-cache", pragma: "no-cache" },
      { accept: "image/webp", "accept-encoding": "br", "accept-language": "ja" },
      { cookie: "session=1", authorization: "Bearer x" },
      { host: "evil.test", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https", forwarded: "for=1.2.3.4" },
      { "user-agent": "facebookexternalhit/1.1", "x-og-cache": "miss" },
    ];
    for (const headers of variants) {
      const response = await call(og, path, { headers });
      expect(response.headers.get("x-og-cache"), JSON.stringify(headers)).toBe("hit");
      expect(response.headers.get("etag")).toBe(first.headers.get("etag"));
    }
    expect(await renders()).toBe(before);
  });

  it("different params are different entries, even when a client sends the other's ETag", async () => {
    const a = await call(og, `/api/v1/og?title=${encodeURIComponent(uniqueTitle("a"))}&width=200&height=100`);
    const b = await call(og, `/api/v1/og?title=${encodeURIComponent(uniqueTitle("b"))}&width=200&height=100`, {
      headers: { "if-none-match": a.headers.get("etag") as string },
    });
    expect(b.status).toBe(200);
    expect(b.headers.get("etag")).not.toBe(a.headers.get("etag"));
  });
});

describe("HEAD, Range and If-None-Match", () => {
  const path = "/api/v1/og?title=Semantics&width=200&height=100";

  it("HEAD answers the GET's status and headers, without a body", async () => {
    const get = await call(og, path);
    const body = new Uint8Array(await get.arrayBuffer());
    const head = await call(og, path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    for (const name of ["content-type", "content-length", "etag", "cache-control", "accept-ranges"]) {
      expect(head.headers.get(name), name).toBe(get.headers.get(name));
    }
    expect(Number(head.headers.get("content-length"))).toBe(body.byteLength);
  });

  it("Range bytes=0-524288 (as Facebook's crawler sends) is a 206 of the whole image", async () => {
    const full = new Uint8Array(await (await call(og, path)).arrayBuffer());
    const crawler = await call(og, path, { headers: { range: "bytes=0-524288" } });
    expect(crawler.status).toBe(206);
    expect(crawler.headers.get("content-range")).toBe(`bytes 0-${full.byteLength - 1}/${full.byteLength}`);
    expect(new Uint8Array(await crawler.arrayBuffer())).toEqual(full);
    const tail = await call(og, path, { headers: { range: "bytes=-10" } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(full.slice(-10));
    // If-Range with another ETag: the whole image, not a piece of a different one.
    const stale = await call(og, path, { headers: { range: "bytes=0-9", "if-range": '"other"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(full.byteLength);
  });

  it("If-None-Match answers 304 for the same ETag (weak, listed or *) and 200 for another", async () => {
    const etag = (await call(og, path)).headers.get("etag") as string;
    for (const header of [etag, `W/${etag}`, `"x", ${etag}`, "*"]) {
      const response = await call(og, path, { headers: { "if-none-match": header } });
      expect(response.status, header).toBe(304);
      expect(response.headers.get("etag")).toBe(etag);
      expect(await response.text()).toBe("");
    }
    const other = await call(og, path, { headers: { "if-none-match": '"not-it"' } });
    expect(other.status).toBe(200);
  });
});
