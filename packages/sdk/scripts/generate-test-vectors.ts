/**
 * Writes test-vectors.json: params, secret and expected URL, computed by the SDK itself. Clients in
 * other languages (the Python package) must produce byte-identical URLs. --check fails when stale.
 */
import { fileURLToPath } from "node:url";
import { canonicalQuery, type OgParams, ogUrl, parseOgParams } from "../src/index.js";
import { writeOrCheck } from "./generated-file.js";

const target = fileURLToPath(new URL("../test-vectors.json", import.meta.url));
const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z, fixed so expiring vectors are stable

const cases: {
  name: string;
  params: Record<string, unknown>;
  secret?: string;
  expiresIn?: number;
  baseUrl?: string;
}[] = [
  { name: "title only", params: { title: "Hello" } },
  {
    name: "first seed example",
    params: {
      title: "How to Build a REST API",
      subtitle: "A Complete Guide for Beginners",
      theme: "dark",
      pattern: "dots",
      icon: "code",
    },
  },
  {
    name: "defaults spelled out are omitted",
    params: { title: "x", theme: "dark", pattern: "none", layout: "standard", format: "png", width: 1200, height: 630 },
  },
  { name: "key order does not matter", params: { icon: "rocket", format: "webp", title: "Order", theme: "cyberpunk" } },
  {
    name: "colors normalize",
    params: { title: "Colors", accent: "#F60", titleColor: "ABCDEF", subtitleColor: "#123456", bgColor: "000" },
  },
  {
    name: "gradient aliases fold into bgGradient",
    params: { title: "Gradient", gradientStart: "#ff6600", gradientEnd: "1A1A2E" },
  },
  {
    name: "POST API body",
    params: {
      title: "How to deploy a Node.js app to Fly.io in 5 minutes",
      subtitle: "Marcus Chen · 8 min read",
      template: "gradient",
      accentColor: "#6366f1",
    },
  },
  { name: "size preset with override", params: { title: "Square", size: "square", height: 900 } },
  { name: "metric layout", params: { title: "Uptime", layout: "metric", value: "99.99%", label: "last 30 days" } },
  {
    name: "unicode and reserved characters",
    params: { title: "Café & Crème: 50% off / día 🚀", caption: "a+b=c? (yes) 'quoted' *star* !bang ~tilde" },
  },
  { name: "whitespace is trimmed", params: { title: "  padded  ", brand: " Acme " } },
  { name: "signed", params: { title: "Signed", theme: "light" }, secret: "ogkit-test-secret" },
  { name: "signed with expiry", params: { title: "Expiring" }, secret: "ogkit-test-secret", expiresIn: 3600 },
  {
    name: "signed unicode secret with base URL",
    params: { title: "Ünïcode" },
    secret: "sécret-🔑",
    baseUrl: "https://og.example.com/",
  },
];

export function testVectors() {
  return {
    description: "ogkit URL test vectors: every client must build exactly `url` from `params` and the options.",
    now: NOW,
    encoding:
      "keys in canonical order, defaults omitted; values percent-encoded as UTF-8 with only RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) left as they are, space as %20; sig = base64url(HMAC-SHA256(secret, everything before '&sig='))",
    vectors: cases.map(({ name, params, secret, expiresIn, baseUrl }) => ({
      name,
      params,
      ...(secret === undefined ? {} : { secret }),
      ...(expiresIn === undefined ? {} : { expiresIn }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
      canonical: canonicalQuery(parseOgParams(params)),
      url: ogUrl(params as OgParams, { secret, expiresIn, baseUrl, now: NOW }),
    })),
  };
}

writeOrCheck(import.meta.url, target, () => `${JSON.stringify(testVectors(), null, 2)}\n`);
