import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import vectors from "../test-vectors.json" with { type: "json" };
import { OgError } from "./errors.js";
import { parseOgParams } from "./parse.js";
import type { OgParams } from "./schema.js";
import { signature, signQuery, timingSafeEqual, verifySignedQuery } from "./sign.js";
import { ogUrl } from "./url.js";

const NOW = 1_700_000_000_000;
const query = "title=Hello&theme=light";
const signed = signQuery(query, "k1");

function failure(fn: () => unknown): OgError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OgError);
    return error as OgError;
  }
  throw new Error("expected a failure");
}

describe("signing", () => {
  it("is HMAC-SHA256 in base64url without padding (checked against node:crypto)", () => {
    const expected = createHmac("sha256", "k1").update(query).digest("base64url");
    expect(signature(query, "k1")).toBe(expected);
    expect(signed).toBe(`${query}&sig=${expected}`);
  });

  it("accepts a valid signature and returns the params part", () => {
    expect(verifySignedQuery(signed, ["k1"])).toBe(query);
    expect(verifySignedQuery(`?${signed}`, ["k1"])).toBe(query);
  });

  it("refuses a tampered value", () => {
    expect(failure(() => verifySignedQuery(signed.replace("Hello", "Hellp"), ["k1"])).code).toBe("BAD_SIGNATURE");
  });

  it("refuses tampered key order, an added and a removed param", () => {
    const sig = signed.slice(signed.indexOf("&sig="));
    expect(failure(() => verifySignedQuery(`theme=light&title=Hello${sig}`, ["k1"])).code).toBe("BAD_SIGNATURE");
    expect(failure(() => verifySignedQuery(`${query}&icon=x${sig}`, ["k1"])).code).toBe("BAD_SIGNATURE");
    expect(failure(() => verifySignedQuery(`title=Hello${sig}`, ["k1"])).code).toBe("BAD_SIGNATURE");
  });

  it("refuses a truncated, a missing and a duplicated sig", () => {
    expect(failure(() => verifySignedQuery(signed.slice(0, -1), ["k1"])).message).toMatch(/truncated/);
    expect(failure(() => verifySignedQuery(query, ["k1"])).message).toMatch(/not signed/);
    const sig = signed.slice(signed.indexOf("&sig=") + 1);
    expect(failure(() => verifySignedQuery(`${signed}&${sig}`, ["k1"])).message).toMatch(/more than one/);
    expect(failure(() => verifySignedQuery(`${sig}&${signed}`, ["k1"])).code).toBe("BAD_SIGNATURE");
    expect(failure(() => verifySignedQuery(`${query}&sig=${"A".repeat(43)}`, ["k1"])).code).toBe("BAD_SIGNATURE");
  });

  it("reads the signature by position: sig must be last", () => {
    const [head, sig] = signed.split("&sig=");
    expect(failure(() => verifySignedQuery(`sig=${sig}&${head}`, ["k1"])).code).toBe("BAD_SIGNATURE");
  });

  it("accepts any of several secrets, for key rotation, and refuses a retired one", () => {
    const old = signQuery(query, "old");
    const current = signQuery(query, "new");
    expect(verifySignedQuery(old, ["new", "old"])).toBe(query);
    expect(verifySignedQuery(current, ["new", "old"])).toBe(query);
    expect(failure(() => verifySignedQuery(old, ["new"])).code).toBe("BAD_SIGNATURE");
    expect(failure(() => verifySignedQuery(old, [])).code).toBe("BAD_SIGNATURE");
  });

  it("expires: exp is signed, checked against now, and must stand right before sig", () => {
    const exp = NOW / 1000 + 60;
    const expiring = signQuery(query, "k1", { expiresAt: exp });
    expect(expiring).toContain(`&exp=${exp}&sig=`);
    expect(verifySignedQuery(expiring, ["k1"], { now: NOW })).toBe(query);
    expect(verifySignedQuery(expiring, ["k1"], { now: NOW + 60_000 })).toBe(query);
    const expired = failure(() => verifySignedQuery(expiring, ["k1"], { now: NOW + 61_000 }));
    expect(expired).toMatchObject({ code: "EXPIRED", status: 403 });
    // Moving exp forward breaks the signature.
    const extended = expiring.replace(`exp=${exp}`, `exp=${exp + 3600}`);
    expect(failure(() => verifySignedQuery(extended, ["k1"], { now: NOW })).code).toBe("BAD_SIGNATURE");
    const misplaced = signQuery(`exp=${exp}&${query}`, "k1");
    expect(failure(() => verifySignedQuery(misplaced, ["k1"], { now: NOW })).message).toMatch(/right before sig/);
  });

  it("refuses an empty secret", () => {
    expect(() => signQuery(query, "")).toThrow(OgError);
  });

  it("compares in constant time over the whole input", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([]), new Uint8Array([1]))).toBe(false);
  });
});

describe("test vectors", () => {
  it("has signed and unsigned vectors", () => {
    expect(vectors.vectors.length).toBeGreaterThanOrEqual(10);
    expect(vectors.vectors.some((v) => "secret" in v && "expiresIn" in v)).toBe(true);
  });

  for (const vector of vectors.vectors) {
    it(`builds exactly the vector URL: ${vector.name}`, () => {
      const v = vector as typeof vector & { secret?: string; expiresIn?: number; baseUrl?: string };
      const url = ogUrl(v.params as OgParams, {
        secret: v.secret,
        expiresIn: v.expiresIn,
        baseUrl: v.baseUrl,
        now: vectors.now,
      });
      expect(url).toBe(v.url);
      const query = url.slice(url.indexOf("?") + 1);
      if (v.secret) {
        const [payload, sig] = query.split("&sig=") as [string, string];
        expect(sig).toBe(createHmac("sha256", v.secret).update(payload).digest("base64url"));
        expect(verifySignedQuery(query, [v.secret], { now: vectors.now })).toBe(v.canonical);
      } else {
        expect(query).toBe(v.canonical);
      }
      expect(parseOgParams(v.canonical)).toEqual(parseOgParams(v.params));
    });
  }
});
