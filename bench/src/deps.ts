import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * Modules the bench borrows from @ogkit/server's own dependencies, resolved from that package: sharp
 * (the engine's encoder, to read PNGs back) and pixelmatch (the golden tests' pixel diff). Borrowing
 * keeps their versions the same as the engine's and its tests'.
 */
const fromServer = createRequire(createRequire(import.meta.url).resolve("@ogkit/server/package.json"));
const load = (name: string) => import(pathToFileURL(fromServer.resolve(name)).href);

export const sharp: typeof import("sharp") = (await load("sharp")).default;
export const pixelmatch: typeof import("pixelmatch").default = (await load("pixelmatch")).default;
