import assert from "node:assert/strict";
// #region og-url
import { ogUrl } from "@ogkit/sdk";

const url = ogUrl(
  { title: "How to Build a REST API", theme: "dark", pattern: "dots", icon: "code" },
  { baseUrl: "https://og.example.com" },
);
assert.equal(url, "https://og.example.com/api/v1/og?title=How%20to%20Build%20a%20REST%20API&pattern=dots&icon=code");
// #endregion

// #region canonical
// Key order, defaults, color spelling and aliases do not matter: one image, one URL.
assert.equal(
  ogUrl({ accentColor: "#F60", title: " Pricing ", theme: "dark", width: 1200 }),
  "/api/v1/og?title=Pricing&accent=ff6600",
);
assert.equal(ogUrl({ title: "Café & crème (draft)" }), "/api/v1/og?title=Caf%C3%A9%20%26%20cr%C3%A8me%20%28draft%29");
// #endregion

// #region signed
const secret = "change-me"; // in an app: process.env.OGKIT_SECRET, on the server only
const signed = ogUrl({ title: "Pricing" }, { baseUrl: "https://og.example.com", secret });
assert.match(signed, /^https:\/\/og\.example\.com\/api\/v1\/og\?title=Pricing&sig=[\w-]{43}$/);

// expiresIn (seconds) adds exp, unix seconds, inside the signed part.
const expiring = ogUrl({ title: "Pricing" }, { secret, expiresIn: 3600, now: Date.UTC(2026, 0, 1) });
assert.match(expiring, /^\/api\/v1\/og\?title=Pricing&exp=1767229200&sig=[\w-]{43}$/);

// #endregion

// #region create-og-url
import { createOgUrl } from "@ogkit/sdk";

const og = createOgUrl({ baseUrl: "https://og.example.com", defaults: { brand: "Acme", pattern: "grid" } });
assert.equal(og({ title: "Pricing" }), "https://og.example.com/api/v1/og?title=Pricing&brand=Acme&pattern=grid");
assert.equal(og({ title: "Docs", pattern: "none" }), "https://og.example.com/api/v1/og?title=Docs&brand=Acme");

// #endregion

export { expiring, signed, url };
