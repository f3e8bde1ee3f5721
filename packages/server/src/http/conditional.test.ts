import { describe, expect, it } from "vitest";
import { etagMatches, imageEtag, parseRange } from "./conditional.js";

describe("imageEtag", () => {
  it("is a strong, quoted tag that changes with the query, the engine and the templates", () => {
    const tag = imageEtag("title=a", "1", "");
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(imageEtag("title=a", "1", "")).toBe(tag);
    expect(imageEtag("title=b", "1", "")).not.toBe(tag);
    expect(imageEtag("title=a", "2", "")).not.toBe(tag);
    expect(imageEtag("title=a", "1", "t1")).not.toBe(tag);
  });
});

describe("etagMatches", () => {
  const tag = '"abc"';
  it("matches the tag, a list holding it, a weak form of it and *", () => {
    expect(etagMatches('"abc"', tag)).toBe(true);
    expect(etagMatches('"x", "abc"', tag)).toBe(true);
    expect(etagMatches('W/"abc"', tag)).toBe(true);
    expect(etagMatches("*", tag)).toBe(true);
  });
  it("does not match anything else", () => {
    expect(etagMatches(null, tag)).toBe(false);
    expect(etagMatches('"abd"', tag)).toBe(false);
    expect(etagMatches("abc", tag)).toBe(false);
  });
});

describe("parseRange", () => {
  it("reads the range crawlers send, clamped to the image", () => {
    expect(parseRange("bytes=0-524288", 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=100-", 1000)).toEqual({ start: 100, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
  });
  it("refuses ranges outside the image", () => {
    expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=5000-6000", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 1000)).toBe("unsatisfiable");
  });
  it("ignores what it does not serve: no header, other units, several ranges, nonsense", () => {
    expect(parseRange(null, 1000)).toBeUndefined();
    expect(parseRange("items=0-1", 1000)).toBeUndefined();
    expect(parseRange("bytes=0-1,5-6", 1000)).toBeUndefined();
    expect(parseRange("bytes=9-1", 1000)).toBeUndefined();
    expect(parseRange("bytes=-", 1000)).toBeUndefined();
  });
});
