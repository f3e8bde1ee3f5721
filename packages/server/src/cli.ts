#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  invalidParams,
  type JsonSchemaProperty,
  OgError,
  ogJsonSchema,
  ogUrl,
  parseOgParams,
  safeParseOgParams,
} from "@ogkit/sdk";
import { BatchInputError, readManifest } from "./batch/manifest.js";
import { NAME_FIELD } from "./batch/output-name.js";
import { createBatchProgress } from "./batch/progress.js";
import { type BatchSummary, runBatch } from "./batch/render-batch.js";
import {
  ConfigError,
  configFromEnv,
  configFromFlags,
  configHelp,
  configParseArgsOptions,
  defaultConcurrency,
} from "./config.js";
import { renderCard } from "./engine/index.js";
import type { EngineName } from "./engine/types.js";
import { createPlayground } from "./playground/index.js";
import { createOgServer } from "./server.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Where `ogkit batch` draws its progress bar when it is a terminal (default: stderr). */
  terminal?: (NodeJS.WritableStream & { isTTY?: boolean }) | undefined;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  terminal: process.stderr,
};

/** Where `ogkit batch` writes when no --out is given: the static folder of Next, Astro and most generators. */
const DEFAULT_BATCH_OUT = "public/og";

const kebab = (name: string) => name.replace(/[A-Z]/g, (char) => `-${char.toLowerCase()}`);

/** Every image parameter as a flag, from the SDK's JSON Schema: wire names, with kebab-case aliases. */
function paramFlags(): { name: string; property: JsonSchemaProperty; required: boolean }[] {
  const schema = ogJsonSchema();
  const required = new Set(schema.required);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    property,
    required: required.has(name),
  }));
}

function paramHelp(): string {
  return paramFlags()
    .map(({ name, property, required }) => {
      const kind = property.enum ? property.enum.join("|") : property.type === "integer" ? "px" : "text";
      const notes = [
        required ? "required" : undefined,
        property.default !== undefined ? `default ${String(property.default)}` : undefined,
      ].filter(Boolean);
      const left = `  --${name} <${kind}>`;
      const description = `${property.description ?? ""}${notes.length ? ` (${notes.join("; ")})` : ""}`;
      return left.length >= 34 ? `${left}\n${"".padEnd(34)}${description}` : `${left.padEnd(34)}${description}`;
    })
    .join("\n");
}

const usage = () => `ogkit: dynamic Open Graph images

Usage:
  ogkit serve [options]              Start the image server
  ogkit render --title <text> [image parameters] [-o card.png]
                                     Render one image to a file, without a server
  ogkit batch <manifest> [--out public/og] [options] [image parameters]
                                     Render one image per entry of a manifest, without a server
  ogkit <command> --help             Help for one command

Server options (ogkit serve):
${configHelp()}

Image parameters (ogkit render):
${paramHelp()}
  -o, --output <file>               Where to write the image (default card.<format>; - for stdout).
                                    The format follows the file's extension unless --format is given.
  camelCase flags may also be written in kebab-case (--title-color).
`;

const serveUsage = () => `Usage: ogkit serve [options]

Every option can also be set by its environment variable; flags win.

${configHelp()}
`;

const renderUsage = () => `Usage: ogkit render --title <text> [image parameters] [-o card.png]

${paramHelp()}
  -o, --output <file>               Where to write the image (default card.<format>; - for stdout).
                                    The format follows the file's extension unless --format is given.
  --engine <satori|takumi>          What renders the card (default satori; see ogkit serve --help)
  camelCase flags may also be written in kebab-case (--title-color).
`;

const batchUsage = () => `Usage: ogkit batch <manifest> [--out public/og] [options] [image parameters]

Renders one image per entry of a manifest, in worker threads, without a server. A card whose
parameters and engine version are unchanged since the last run is skipped (the hashes are kept in
<out>/.ogkit-batch.json); a bad entry fails alone, with its location, and the others still render.

  <manifest>                        A .json file (an array of entries), .ndjson or .jsonl (one entry
                                    per line) or .csv (a header row of column names). Each entry has
                                    a ${NAME_FIELD}, its output name (my-post, blog/my-post), and image parameters.
  --out <dir>                       Where to write the images (default ${DEFAULT_BATCH_OUT})
  --concurrency <n>                 Render threads (default: the number of cores, ${defaultConcurrency()} here)
  --force                           Re-render every card, even the unchanged ones
  --engine <satori|takumi>          What renders the cards (default satori; see ogkit serve --help)
  --quiet                           No progress: failures, warnings and the summary only

Image parameters, given to every entry that does not set its own:
${paramHelp()}
  camelCase flags may also be written in kebab-case (--title-color).

Exit status: 0 when every card rendered or was skipped, 1 when any entry failed,
2 for bad flags or a manifest that cannot be read, 130 when stopped by Ctrl-C (the cards
finished so far are kept and recorded; a second Ctrl-C quits at once).
`;

const FORMAT_OF_EXTENSION: Record<string, string> = {
  ".png": "png",
  ".jpg": "jpeg",
  ".jpeg": "jpeg",
  ".webp": "webp",
  ".svg": "svg",
};

function describeError(error: unknown): string {
  if (error instanceof OgError) {
    const issues = error.issues.map((issue) => `\n  ${issue.path ? `--${issue.path}: ` : ""}${issue.message}`);
    return `${error.message}${issues.join("")}`;
  }
  return error instanceof Error ? error.message : String(error);
}

type ArgOptions = Record<string, { type: "string" | "boolean"; short?: string }>;

/** parseArgs options of every image parameter: its wire name and its kebab-case alias. */
function paramOptions(): ArgOptions {
  const options: ArgOptions = {};
  for (const { name } of paramFlags()) {
    options[name] = { type: "string" };
    if (kebab(name) !== name) options[kebab(name)] = { type: "string" };
  }
  return options;
}

/** The image parameters given as flags, by wire name. */
function paramInput(values: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const { name } of paramFlags()) {
    const value = values[name] ?? values[kebab(name)];
    if (value !== undefined) input[name] = value;
  }
  return input;
}

async function render(args: string[], io: CliIo): Promise<number> {
  const options: ArgOptions = {
    help: { type: "boolean", short: "h" },
    output: { type: "string", short: "o" },
    engine: { type: "string" },
    ...paramOptions(),
  };
  const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
  if (values.help) {
    io.stdout(renderUsage());
    return 0;
  }
  const input = paramInput(values);
  const output = typeof values.output === "string" ? values.output : undefined;
  if (input.format === undefined && output && output !== "-") {
    const format = FORMAT_OF_EXTENSION[extname(output).toLowerCase()];
    if (format) input.format = format;
  }
  const params = parseOgParams(input);
  const result = await renderCard(params, { engine: engineFlag(values.engine) });
  const target = output ?? `card.${params.format === "jpeg" ? "jpg" : params.format}`;
  if (target === "-") {
    process.stdout.write(result.body);
  } else {
    await writeFile(resolve(target), result.body);
    const { diagnostics } = result;
    io.stderr(
      `Wrote ${target}: ${result.width}x${result.height} ${result.contentType}, ${result.body.byteLength} bytes` +
        ` (theme ${diagnostics.theme}, ${diagnostics.titleLines} title line(s)${diagnostics.truncated ? ", truncated" : ""})\n`,
    );
  }
  return 0;
}

/** The --engine flag of render and batch, checked as `ogkit serve` checks its own. */
function engineFlag(value: unknown): EngineName | undefined {
  if (value === undefined) return undefined;
  return configFromFlags({ engine: String(value) }).engine;
}

/** Checks image-parameter flags on their own: a bad --theme is a usage error, not 100 failed cards. */
function checkDefaults(defaults: Record<string, unknown>): void {
  const result = safeParseOgParams(defaults);
  if (result.success) return;
  // Issues of parameters left to the entries (a title, a metric layout's value) are theirs to settle.
  const issues = result.error.issues.filter((issue) => Object.hasOwn(defaults, issue.path));
  if (issues.length > 0) throw invalidParams(issues);
}

async function batch(args: string[], io: CliIo): Promise<number> {
  const options: ArgOptions = {
    help: { type: "boolean", short: "h" },
    out: { type: "string" },
    concurrency: { type: "string" },
    force: { type: "boolean" },
    quiet: { type: "boolean" },
    engine: { type: "string" },
    ...paramOptions(),
  };
  const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
  if (values.help) {
    io.stdout(batchUsage());
    return 0;
  }
  const [manifest, ...extra] = positionals;
  if (manifest === undefined || extra.length > 0) {
    throw new BatchInputError(`give one manifest file (got ${positionals.length}): ogkit batch <manifest> [--out dir]`);
  }
  let concurrency: number | undefined;
  if (typeof values.concurrency === "string") {
    concurrency = /^\d+$/.test(values.concurrency) ? Number(values.concurrency) : Number.NaN;
    if (!(concurrency >= 1)) {
      throw new BatchInputError(`--concurrency must be a whole number of at least 1 (got ${values.concurrency})`);
    }
  }
  const defaults = paramInput(values);
  checkDefaults(defaults);
  const entries = await readManifest(manifest);
  const progress = createBatchProgress({ write: io.stderr, terminal: io.terminal, quiet: values.quiet === true });
  // Ctrl-C: no new render starts, those running finish and are recorded, so the next run carries
  // on from there. A second Ctrl-C quits at once.
  const stop = new AbortController();
  let quitNow: (() => void) | undefined;
  const quit = new Promise<undefined>((resolve) => {
    quitNow = () => resolve(undefined);
  });
  const onSignal = () => (stop.signal.aborted ? quitNow?.() : stop.abort());
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let summary: BatchSummary | undefined;
  try {
    const running = runBatch(entries, {
      outDir: typeof values.out === "string" ? values.out : DEFAULT_BATCH_OUT,
      defaults,
      concurrency,
      force: values.force === true,
      engine: engineFlag(values.engine),
      onItem: progress.onItem,
      signal: stop.signal,
    });
    summary = await Promise.race([running, quit]);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (!summary) {
    progress.stop();
    io.stderr("ogkit: stopped\n");
    return 130;
  }
  progress.finish(summary);
  if (summary.notStarted > 0) return 130;
  return summary.failed > 0 ? 1 : 0;
}

async function serve(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...configParseArgsOptions(), help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(serveUsage());
    return 0;
  }
  const { help: _, ...flags } = values;
  const config = { ...configFromEnv(io.env), ...configFromFlags(flags) };
  const server = createOgServer({ ...config, playground: createPlayground() });
  const { url } = await server.listen(config.port, config.host);
  const example = ogUrl(
    { title: "Hello from ogkit", theme: "dark" },
    { baseUrl: url + (config.basePath ?? ""), secret: config.secrets?.[0] },
  );
  io.stdout(`ogkit listening on ${url}\nPlayground: ${url}${config.basePath ?? ""}/\nExample image: ${example}\n`);

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second signal: the operator does not want to wait.
        resolveExit(1);
        return;
      }
      stopping = true;
      io.stderr(`ogkit: ${signal}, finishing in-flight requests\n`);
      server.close().then(
        () => resolveExit(0),
        () => resolveExit(1),
      );
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}

/** Runs the CLI; resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        return await serve(rest, io);
      case "render":
        return await render(rest, io);
      case "batch":
        return await batch(rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout(usage());
        return command === undefined ? 1 : 0;
      default:
        io.stderr(`ogkit: unknown command "${command}"\n\n${usage()}`);
        return 2;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    const usageError =
      error instanceof ConfigError ||
      error instanceof OgError ||
      error instanceof BatchInputError ||
      code?.startsWith("ERR_PARSE_ARGS");
    io.stderr(`ogkit: ${describeError(error)}\n`);
    return usageError ? 2 : 1;
  }
}

function isMain(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
