import { lookup as dnsLookup } from "node:dns/promises";
import { type ClientRequest, request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";
import { OgError } from "@ogkit/sdk";
import { DEFAULT_IMAGE_TIMEOUT_MS } from "../config.js";
import {
  checkRemoteUrl,
  type ImageFetcher,
  isPrivateHost,
  MAX_IMAGE_BYTES,
  REMOTE_IMAGE_TYPE,
} from "../engine/html.js";

/** Redirects followed per image. */
export const DEFAULT_MAX_REDIRECTS = 3;

/** How allowlisted images are fetched. Plain data: it crosses into the render threads. */
export interface ImageFetchSettings {
  /** Time limit of one image, redirects included (default 3000 ms). */
  timeoutMs?: number | undefined;
  /** Redirects followed per image (default 3). */
  maxRedirects?: number | undefined;
  /**
   * Fixed addresses of host names, as curl's --resolve: used instead of DNS, and checked like any
   * resolved address (a private one is still refused).
   */
  hosts?: Readonly<Record<string, string>> | undefined;
  /**
   * Test only: loopback addresses (127.0.0.0/8, ::1) may be fetched, so that tests can serve images
   * from a local HTTP server. Every other private range stays refused.
   */
  allowLoopback?: boolean | undefined;
}

export interface ImageFetcherOptions extends ImageFetchSettings {
  /** Hosts images (and every redirect target) may come from. */
  allowlist: readonly string[];
}

interface ResolvedAddress {
  address: string;
  family: number;
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function refused(message: string): OgError {
  return new OgError("INVALID_PARAMS", message, { issues: [{ path: "html", message }] });
}

function isLoopback(address: string): boolean {
  return isIP(address) === 4 ? loopback.check(address, "ipv4") : loopback.check(address, "ipv6");
}

/** The host's addresses: the fixed ones, the literal, or DNS (every record, not just the first). */
async function resolveHost(url: URL, hosts: Readonly<Record<string, string>> | undefined): Promise<ResolvedAddress[]> {
  const name = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const fixed = hosts && Object.hasOwn(hosts, name) ? hosts[name] : undefined;
  const literal = fixed ?? (isIP(name) ? name : undefined);
  if (literal !== undefined) return [{ address: literal, family: isIP(literal) }];
  try {
    return await dnsLookup(name, { all: true, verbatim: true });
  } catch {
    throw refused(`${url.hostname} could not be resolved`);
  }
}

/** One GET to an address checked beforehand: the connection goes there and nowhere else. */
function get(url: URL, pinned: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  // Node asks for one address or (when it races IPv4 and IPv6) for all of them.
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as RequestOptions["lookup"];
  return new Promise((resolve, reject) => {
    const request: ClientRequest = send(
      url,
      {
        method: "GET",
        signal,
        lookup,
        agent: false,
        headers: { accept: "image/png,image/jpeg,image/gif,image/webp,image/avif", "user-agent": "ogkit-image-fetch" },
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number, shown: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      response.destroy();
      throw refused(`${shown} is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/**
 * The fetcher of allowlisted images for html templates. For the URL and every redirect (at most
 * `maxRedirects`, followed by hand) it checks the host against the allowlist, resolves it, refuses
 * it when any of its addresses is private, loopback, link-local (cloud metadata) or reserved, and
 * connects to the address it checked, so DNS cannot answer differently between the check and the
 * connection. Only image types are read, at most 4 MB, within `timeoutMs` in all.
 */
export function createImageFetcher(options: ImageFetcherOptions): ImageFetcher {
  const timeoutMs = options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allowed = (address: string) =>
    isIP(address) !== 0 && (!isPrivateHost(address) || (options.allowLoopback === true && isLoopback(address)));

  return async (start) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let url = start;
    try {
      for (let redirects = 0; ; redirects++) {
        checkRemoteUrl(url, options.allowlist);
        const addresses = await resolveHost(url, options.hosts);
        if (addresses.length === 0 || !addresses.every((entry) => allowed(entry.address))) {
          throw refused(`${url.hostname} resolves to a private, loopback or reserved address`);
        }
        const response = await get(url, addresses[0] as ResolvedAddress, signal);
        const status = response.statusCode ?? 0;
        if (REDIRECTS.has(status) && response.headers.location) {
          response.destroy();
          if (redirects >= maxRedirects) throw refused(`${start.href} redirects more than ${maxRedirects} times`);
          url = new URL(response.headers.location, url);
          continue;
        }
        if (status !== 200) {
          response.destroy();
          throw refused(`${url.href} answered HTTP ${status}`);
        }
        const contentType = String(response.headers["content-type"] ?? "");
        const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
        if (!REMOTE_IMAGE_TYPE.test(type)) {
          response.destroy();
          throw refused(`${url.href} is ${type || "of no type"}, not a png, jpeg, gif, webp or avif image`);
        }
        if (Number(response.headers["content-length"]) > MAX_IMAGE_BYTES) {
          response.destroy();
          throw refused(`${url.href} is larger than ${MAX_IMAGE_BYTES} bytes`);
        }
        return { contentType: type, body: await readBody(response, MAX_IMAGE_BYTES, url.href) };
      }
    } catch (error) {
      if (signal.aborted) throw refused(`${start.href} took longer than ${timeoutMs} ms`);
      throw error;
    }
  };
}

/** The engine's image options: the allowlist and, when it names any host, a fetcher for it. */
export function imageRenderOptions(
  allowlist: readonly string[],
  settings: ImageFetchSettings,
): { imageAllowlist: readonly string[]; fetchImage?: ImageFetcher } {
  if (allowlist.length === 0) return { imageAllowlist: allowlist };
  return { imageAllowlist: allowlist, fetchImage: createImageFetcher({ ...settings, allowlist }) };
}
