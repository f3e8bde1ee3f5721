import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { canonicalQuery, type ResolvedOgParams } from "@ogkit/sdk";

/** The incremental manifest's file name, inside the output directory. */
export const STATE_FILE = ".ogkit-batch.json";

const STATE_VERSION = 1;

/**
 * What the last runs rendered: output file (relative to the output directory, `/`-separated) ->
 * hash of what it was rendered from. A card is skipped when its hash is unchanged and its file exists.
 */
export type BatchState = Map<string, string>;

interface StateFile {
  version: number;
  generator: string;
  cards: Record<string, string>;
}

/**
 * The identity of a card's image: its canonical parameters (format, size and every field, after
 * aliases and defaults), the engine version and, for a custom template, that template's version.
 */
export function cardHash(params: ResolvedOgParams, engineVersion: string, templateVersion = ""): string {
  return createHash("sha256")
    .update(JSON.stringify([STATE_VERSION, engineVersion, templateVersion, canonicalQuery(params)]))
    .digest("base64url");
}

/** Reads the state of an output directory; a missing file is an empty state, an unreadable one a warning. */
export async function readState(outDir: string): Promise<{ state: BatchState; warning?: string }> {
  const path = join(outDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: new Map() };
    return { state: new Map(), warning: `could not read ${path} (${String(error)}); every card renders` };
  }
  try {
    const parsed = JSON.parse(text) as Partial<StateFile>;
    if (parsed.version === STATE_VERSION && typeof parsed.cards === "object" && parsed.cards !== null) {
      const entries = Object.entries(parsed.cards).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      );
      return { state: new Map(entries) };
    }
  } catch {
    // Reported below, like a file of another version.
  }
  return {
    state: new Map(),
    warning: `ignored ${path}: not an ogkit batch state of version ${STATE_VERSION}; every card renders`,
  };
}

export async function writeState(outDir: string, state: BatchState): Promise<void> {
  const cards = Object.fromEntries([...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const file: StateFile = { version: STATE_VERSION, generator: "ogkit batch", cards };
  await writeFileAtomic(join(outDir, STATE_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * Writes a file so readers see the old content or the new, never a part: a temporary file beside
 * it (a dot file, never an output name), then a rename over it.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
