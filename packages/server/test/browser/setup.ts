import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { buildPlayground } from "../../scripts/build-playground.js";
import { createPlayground } from "../../src/playground/index.js";
import { createOgServer, type OgServerOptions } from "../../src/server.js";

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_DIR = resolve(here, "../..");
const REPO_DIR = resolve(PACKAGE_DIR, "../..");

/** Debian's Chromium: npm cannot download a browser here, so CI installs the system package. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Makes sure Chromium is installed, through the repository's system-deps script (which installs it
 * when running as root with apt-get). Otherwise it throws with the exact install command: a missing
 * browser fails the browser tests loudly, never skips them.
 */
export function ensureChromium(): void {
  const result = spawnSync(process.execPath, [join(REPO_DIR, "scripts/system-deps.mjs"), "chromium"], {
    encoding: "utf8",
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, and it is missing.\n${result.stderr || result.error?.message || ""}`,
    );
  }
}

export function launchChromium(): Promise<Browser> {
  // launch() gives every run a fresh, temporary user data dir.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface PlaygroundServer {
  /** The server's origin, e.g. http://127.0.0.1:41234. */
  url: string;
  close(): Promise<void>;
}

/**
 * A real ogkit server on an ephemeral port with the playground mounted, built from the current
 * sources into a temporary directory (so the test never sees a stale dist).
 */
export async function startPlaygroundServer(
  options: Omit<OgServerOptions, "playground"> = {},
): Promise<PlaygroundServer> {
  const assetsDir = await mkdtemp(join(tmpdir(), "ogkit-playground-"));
  await buildPlayground({ outDir: assetsDir });
  const server = createOgServer({
    playground: createPlayground({ assetsDir }),
    concurrency: 2,
    ...options,
  });
  const { port } = await server.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      await rm(assetsDir, { recursive: true, force: true });
    },
  };
}
