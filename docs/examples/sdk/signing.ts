import assert from "node:assert/strict";
// #region sign-verify
import { canonicalQueryOf, type OgError, SIGNATURE_KEYS, signQuery, verifySignedQuery } from "@ogkit/sdk";

const secrets = ["new-secret", "old-secret"]; // OGKIT_SECRET="new-secret,old-secret"
const query = canonicalQueryOf({ title: "Pricing" });
const signed = signQuery(query, "old-secret", { expiresAt: 1_900_000_000 });
assert.match(signed, /^title=Pricing&exp=1900000000&sig=[\w-]{43}$/);

// Any secret of the list verifies; the params part comes back without exp and sig.
assert.equal(verifySignedQuery(signed, secrets, { now: Date.UTC(2026, 0, 1) }), "title=Pricing");
assert.deepEqual(SIGNATURE_KEYS, ["exp", "sig"]);

const tampered = signed.replace("Pricing", "Pricing2");
assert.throws(
  () => verifySignedQuery(tampered, secrets),
  (error: unknown) => (error as OgError).code === "BAD_SIGNATURE",
);
const late = Date.UTC(2031, 0, 1);
assert.throws(
  () => verifySignedQuery(signed, secrets, { now: late }),
  (error: unknown) => (error as OgError).code === "EXPIRED",
);

// #endregion

// #region primitives
import { signature, timingSafeEqual } from "@ogkit/sdk";

// signature(payload, secret): HMAC-SHA256, base64url without padding (what sig carries).
const sig = signature("title=Pricing", "new-secret");
assert.equal(signQuery("title=Pricing", "new-secret"), `title=Pricing&sig=${sig}`);
// Constant-time comparison, for checks of your own.
const utf8 = new TextEncoder();
assert.equal(timingSafeEqual(utf8.encode(sig), utf8.encode(sig)), true);
assert.equal(timingSafeEqual(utf8.encode(sig), utf8.encode(sig.slice(1))), false);

// #endregion

export { signed };
