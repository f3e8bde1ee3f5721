import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { OgError } from "./errors.js";

const utf8 = new TextEncoder();
/** An HMAC-SHA256 in base64url without padding is always 43 characters. */
const SIG_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function mac(payload: string, secret: string): Uint8Array {
  return hmac(sha256, utf8.encode(secret), utf8.encode(payload));
}

/** HMAC-SHA256 of a canonical query (which includes `exp` when it has one), base64url. */
export function signature(payload: string, secret: string): string {
  if (!secret) throw new OgError("BAD_SIGNATURE", "A signing secret must not be empty");
  return toBase64Url(mac(payload, secret));
}

/** Constant-time equality of two byte strings of any length. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i % b.length] ?? 0);
  return diff === 0;
}

export interface SignOptions {
  /** Unix seconds after which the URL is refused (EXPIRED); signed along with the params. */
  expiresAt?: number;
}

/** Appends `exp` (optional) and then `sig` to a canonical query. `sig` is always the last key. */
export function signQuery(query: string, secret: string, options: SignOptions = {}): string {
  let payload = query;
  if (options.expiresAt !== undefined) {
    if (!Number.isSafeInteger(options.expiresAt) || options.expiresAt < 0) {
      throw new OgError("INVALID_PARAMS", "expiresAt must be whole unix seconds", {
        issues: [{ path: "exp", message: "exp must be whole unix seconds" }],
      });
    }
    payload = payload ? `${payload}&exp=${options.expiresAt}` : `exp=${options.expiresAt}`;
  }
  const sig = signature(payload, secret);
  return payload ? `${payload}&sig=${sig}` : `sig=${sig}`;
}

export interface VerifyOptions {
  /** The current time in milliseconds (default Date.now()). */
  now?: number;
}

function badSignature(message: string): OgError {
  return new OgError("BAD_SIGNATURE", message);
}

/**
 * Checks a signed query against any of the given secrets (several allow key rotation) and returns
 * the params part, without `exp` and `sig`. The signature is read by position: it must be the last
 * key, appear once, and cover every byte before it, so any change to a value, the key order, or an
 * added or removed key fails.
 * @throws OgError BAD_SIGNATURE or EXPIRED
 */
export function verifySignedQuery(query: string, secrets: readonly string[], options: VerifyOptions = {}): string {
  const raw = query.startsWith("?") ? query.slice(1) : query;
  const cut = raw.lastIndexOf("&");
  const last = raw.slice(cut + 1);
  if (!last.startsWith("sig=")) throw badSignature("The URL is not signed: sig must be its last parameter");
  const sig = last.slice(4);
  const payload = cut === -1 ? "" : raw.slice(0, cut);
  const parts = payload === "" ? [] : payload.split("&");
  if (parts.some((part) => part === "sig" || part.startsWith("sig="))) {
    throw badSignature("The URL has more than one sig");
  }
  if (!SIG_PATTERN.test(sig)) throw badSignature("The signature is malformed or truncated");
  const given = fromBase64Url(sig);
  const valid = secrets.filter(Boolean).some((secret) => timingSafeEqual(mac(payload, secret), given));
  if (!valid) throw badSignature("The signature does not match the URL");

  const expIndex = parts.findIndex((part) => part === "exp" || part.startsWith("exp="));
  if (expIndex !== -1) {
    const exp = (parts[expIndex] as string).slice(4);
    if (expIndex !== parts.length - 1 || !/^\d{1,12}$/.test(exp)) {
      throw badSignature("exp must be whole unix seconds, right before sig");
    }
    const now = Math.floor((options.now ?? Date.now()) / 1000);
    if (now > Number(exp)) throw new OgError("EXPIRED", "The signed URL has expired");
    parts.pop();
  }
  return parts.join("&");
}
