import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OgError } from "@ogkit/sdk";
import { etagMatches } from "../http/conditional.js";
import { ASSET_DIR, ASSET_NAME, CONTENT_TYPES, ENCODINGS, PAGE_FILE } from "./files.js";

export interface PlaygroundOptions {
  /**
   * Directory of the built playground (`npm run build` writes dist/playground). Default: the one
   * beside this package's bundle.
   */
  assetsDir?: string | undefined;
}

/** Serves the playground page (at the mount's root, `/`) and its assets (`/playground/<hashed name>`). */
export type PlaygroundHandler = (request: Request) => Promise<Response>;

/** The page must be revalidated (a 304 is cheap) so a new build is seen at once; hashed assets never change. */
const PAGE_CACHE_CONTROL = "no-cache";
const ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";

/**
 * The page loads only its own script and stylesheet, talks only to this server (icons), and shows
 * images from it; `data:` for the favicon, `blob:` for nothing today but downloads.
 */
const PAGE_SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

interface Variant {
  body: Uint8Array;
  etag: string;
  encoding?: string;
}

interface Asset {
  type: string;
  cacheControl: string;
  /** Identity first, then precompressed variants in order of preference. */
  variants: Variant[];
}

function defaultAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Bundled, this code runs from dist/index.js or dist/cli.js, beside dist/playground; from source,
  // from src/playground/index.ts (the tests), which finds the built copy in dist.
  const candidates = [join(here, ASSET_DIR), join(here, "..", "..", "dist", ASSET_DIR)];
  return candidates.find((dir) => existsSync(join(dir, PAGE_FILE))) ?? (candidates[0] as string);
}

function etagOf(bytes: Uint8Array, suffix = ""): string {
  return `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 16)}${suffix}"`;
}

async function loadAssets(dir: string): Promise<Map<string, Asset>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    names = [];
  }
  if (!names.includes(PAGE_FILE)) {
    throw new OgError(
      "NOT_FOUND",
      `The playground is not built (no ${join(dir, PAGE_FILE)}); run npm run build -w @ogkit/server`,
    );
  }
  const assets = new Map<string, Asset>();
  for (const name of names) {
    const isPage = name === PAGE_FILE;
    if (!isPage && !ASSET_NAME.test(name)) continue;
    const body = new Uint8Array(await readFile(join(dir, name)));
    const variants: Variant[] = [{ body, etag: etagOf(body) }];
    for (const { name: encoding, suffix } of ENCODINGS) {
      if (!names.includes(name + suffix)) continue;
      const encoded = new Uint8Array(await readFile(join(dir, name + suffix)));
      // Each encoding is a different representation, so it gets its own strong ETag.
      variants.push({ body: encoded, etag: etagOf(body, `-${encoding}`), encoding });
    }
    const extension = name.slice(name.lastIndexOf(".") + 1);
    assets.set(name, {
      type: CONTENT_TYPES[extension] ?? "application/octet-stream",
      cacheControl: isPage ? PAGE_CACHE_CONTROL : ASSET_CACHE_CONTROL,
      variants,
    });
  }
  return assets;
}

/** The encodings a client accepts (q=0 excluded), from Accept-Encoding. */
function acceptedEncodings(header: string | null): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? "").split(",")) {
    const [token = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    if (token && !(q && Number(q.slice(2)) === 0)) accepted.add(token);
  }
  return accepted;
}

function serveAsset(request: Request, asset: Asset, extraHeaders: Record<string, string> = {}): Response {
  const accepted = acceptedEncodings(request.headers.get("accept-encoding"));
  const variant =
    asset.variants.find((v) => v.encoding !== undefined && accepted.has(v.encoding)) ?? (asset.variants[0] as Variant);
  const headers: Record<string, string> = {
    "Cache-Control": asset.cacheControl,
    ETag: variant.etag,
    "X-Content-Type-Options": "nosniff",
    ...(asset.variants.length > 1 ? { Vary: "Accept-Encoding" } : {}),
    ...extraHeaders,
  };
  if (etagMatches(request.headers.get("if-none-match"), variant.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(variant.body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      ...headers,
      "Content-Type": asset.type,
      "Content-Length": String(variant.body.byteLength),
      ...(variant.encoding ? { "Content-Encoding": variant.encoding } : {}),
    },
  });
}

function redirect(location: string, search: string): Response {
  // Relative, so it stays right under any prefix a proxy or framework mounted the server at.
  return new Response(null, {
    status: 308,
    headers: { Location: location + search, "Cache-Control": "public, max-age=3600" },
  });
}

/**
 * The playground: a form generated from the SDK's JSON Schema, a live preview, the canonical URL,
 * code snippets and social previews. Mount it with `createOgHandler({ playground: createPlayground() })`;
 * the handler routes GET `/` and `/playground/**` here.
 *
 * The page is served only at a directory URL (`/`, `/og/`), so every URL in it is relative and
 * works under any base path; `/og` and `/playground` redirect there.
 * @example createOgServer({ playground: createPlayground() })
 */
export function createPlayground(options: PlaygroundOptions = {}): PlaygroundHandler {
  const dir = options.assetsDir ?? defaultAssetsDir();
  let loading: Promise<Map<string, Asset>> | undefined;
  const assets = () => {
    if (!loading) {
      loading = loadAssets(dir);
      // A failed load (not built yet) is retried on the next request rather than remembered.
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };

  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    const marker = `/${ASSET_DIR}/`;
    const at = path.lastIndexOf(marker);
    if (at !== -1 && at + marker.length < path.length) {
      const name = path.slice(at + marker.length);
      const asset = ASSET_NAME.test(name) ? (await assets()).get(name) : undefined;
      if (!asset) throw new OgError("NOT_FOUND", `No playground asset ${name}`);
      return serveAsset(request, asset);
    }
    if (path.endsWith(marker)) return redirect("../", url.search);
    if (path.endsWith(`/${ASSET_DIR}`)) return redirect("./", url.search);
    if (!path.endsWith("/")) return redirect(`${path.slice(path.lastIndexOf("/") + 1)}/`, url.search);
    const page = (await assets()).get(PAGE_FILE) as Asset;
    return serveAsset(request, page, PAGE_SECURITY_HEADERS);
  };
}
