import { availableParallelism } from "node:os";
import { ENGINES } from "./engine/engines.js";
import type { EngineName } from "./engine/types.js";

/**
 * Every server setting, declared once: its option name, environment variable, CLI flag, type,
 * default and description. The CLI (`ogkit serve --help`), `configFromEnv`, `configFromFlags`
 * and the docs table (`configMarkdownTable`) are all derived from this table.
 */

export const DEFAULT_PORT = 3000;
// 32 MB holds 200-800 cards (40-150 KB each): the burst of crawlers that fetch a link just shared, and
// conditional requests. At 64 MB a two-thread server peaked at 407-424 MB, at 32 MB 376-388 (the
// benchmark's bound is 400; docs/performance.md#memory). A CDN in front is the better cache for images.
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_RENDER_TIMEOUT_MS = 10_000;
export const DEFAULT_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800";
/** Cache-Control of a signed URL: the same URL always gives the same image. */
export const SIGNED_CACHE_CONTROL = "public, max-age=31536000, immutable";
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
/** Time limit of one remote image of an html template, redirects included. */
export const DEFAULT_IMAGE_TIMEOUT_MS = 3000;
/** The longest a render may expect to wait for a worker before it is refused with 503. */
export const DEFAULT_MAX_QUEUE_WAIT_MS = 750;
/** Queue slots per worker thread when `maxQueue` is not given. */
export const QUEUE_PER_WORKER = 16;

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

type ValueType = "number" | "string" | "list" | "boolean";

export interface ConfigEntry {
  /** The option of `createOgServer` / `createOgHandler` it sets. */
  option: ConfigOption;
  /** CLI flag of `ogkit serve`, without the leading dashes. */
  flag: string;
  env: string;
  type: ValueType;
  /** The default as the docs show it. */
  defaultText: string;
  description: string;
  /** The environment/flag value is in these units of the option (for example MB of bytes). */
  scale?: number;
  /** Smallest accepted value (numbers). */
  min?: number;
  /** The values a string setting accepts. */
  choices?: readonly string[];
}

export type ConfigOption =
  | "port"
  | "host"
  | "secrets"
  | "apiKeys"
  | "cacheBytes"
  | "concurrency"
  | "maxQueue"
  | "maxQueueWaitMs"
  | "renderTimeoutMs"
  | "cacheControl"
  | "basePath"
  | "imageAllowlist"
  | "imageTimeoutMs"
  | "pool"
  | "engine"
  | "shutdownTimeoutMs";

export const configTable: readonly ConfigEntry[] = [
  {
    option: "port",
    flag: "port",
    env: "PORT",
    type: "number",
    defaultText: String(DEFAULT_PORT),
    description: "Port to listen on (0 picks a free port).",
    min: 0,
  },
  {
    option: "host",
    flag: "host",
    env: "HOST",
    type: "string",
    defaultText: "all interfaces",
    description: "Host or address to listen on, such as 127.0.0.1.",
  },
  {
    option: "secrets",
    flag: "secret",
    env: "OGKIT_SECRET",
    type: "list",
    defaultText: "none (unsigned mode)",
    description:
      "Signing secrets, comma-separated. When set, image URLs must be signed (403 otherwise); list the new secret first and keep the old one while rotating.",
  },
  {
    option: "apiKeys",
    flag: "api-keys",
    env: "OGKIT_API_KEYS",
    type: "list",
    defaultText: "none (POST open)",
    description: "API keys, comma-separated. When set, POST renders need one in the x-api-key header (401 otherwise).",
  },
  {
    option: "cacheBytes",
    flag: "cache-mb",
    env: "OGKIT_CACHE_MB",
    type: "number",
    scale: 1024 * 1024,
    defaultText: String(DEFAULT_CACHE_BYTES / (1024 * 1024)),
    description: "In-memory image cache size in MB; 0 disables the cache.",
    min: 0,
  },
  {
    option: "concurrency",
    flag: "concurrency",
    env: "OGKIT_CONCURRENCY",
    type: "number",
    defaultText: "the number of CPU cores",
    description: "Render worker threads.",
    min: 1,
  },
  {
    option: "maxQueue",
    flag: "max-queue",
    env: "OGKIT_MAX_QUEUE",
    type: "number",
    defaultText: `concurrency x ${QUEUE_PER_WORKER}`,
    description: "Renders that may wait for a worker; beyond it requests get 503 with Retry-After.",
    min: 0,
  },
  {
    option: "maxQueueWaitMs",
    flag: "max-queue-wait-ms",
    env: "OGKIT_MAX_QUEUE_WAIT_MS",
    type: "number",
    defaultText: String(DEFAULT_MAX_QUEUE_WAIT_MS),
    description:
      "The longest a render may expect to wait for a worker, estimated from recent render times; beyond it requests get 503 with Retry-After at once. 0 leaves only the queue length.",
    min: 0,
  },

  {
    option: "renderTimeoutMs",
    flag: "render-timeout-ms",
    env: "OGKIT_RENDER_TIMEOUT_MS",
    type: "number",
    defaultText: String(DEFAULT_RENDER_TIMEOUT_MS),
    description:
      "Time limit of a render in ms, counted from when it is accepted; past it the worker is replaced and the request gets 504.",
    min: 1,
  },
  {
    option: "cacheControl",
    flag: "cache-control",
    env: "OGKIT_CACHE_CONTROL",
    type: "string",
    defaultText: DEFAULT_CACHE_CONTROL,
    description: `Cache-Control of unsigned images (signed ones get "${SIGNED_CACHE_CONTROL}").`,
  },
  {
    option: "basePath",
    flag: "base-path",
    env: "OGKIT_BASE_PATH",
    type: "string",
    defaultText: "none",
    description: "Path prefix every route is mounted under, such as /og-service.",
  },
  {
    option: "imageAllowlist",
    flag: "image-allowlist",
    env: "OGKIT_IMAGE_ALLOWLIST",
    type: "list",
    defaultText: "none",
    description:
      "Hosts that html templates may load images from, comma-separated. Only public addresses are fetched (checked after DNS and every redirect), image types only, at most 4 MB each.",
  },
  {
    option: "imageTimeoutMs",
    flag: "image-timeout-ms",
    env: "OGKIT_IMAGE_TIMEOUT_MS",
    type: "number",
    defaultText: String(DEFAULT_IMAGE_TIMEOUT_MS),
    description: "Time limit of one remote image of an html template in ms, redirects included.",
    min: 1,
  },
  {
    option: "pool",
    flag: "pool",
    env: "OGKIT_POOL",
    type: "boolean",
    defaultText: "true",
    description: "Render in worker threads; false renders on the main thread (no hard timeout).",
  },
  {
    option: "engine",
    flag: "engine",
    env: "OGKIT_ENGINE",
    type: "string",
    choices: ENGINES,
    defaultText: "satori",
    description:
      "What lays out and rasterizes cards: satori (satori and resvg) or takumi (needs npm install @takumi-rs/core @takumi-rs/helpers). html templates and SVG are always satori's.",
  },
  {
    option: "shutdownTimeoutMs",
    flag: "shutdown-timeout-ms",
    env: "OGKIT_SHUTDOWN_TIMEOUT_MS",
    type: "number",
    defaultText: String(DEFAULT_SHUTDOWN_TIMEOUT_MS),
    description: "On SIGTERM/SIGINT or close(), how long in-flight requests may take to finish.",
    min: 0,
  },
];

/** The values the table sets, typed. */
export interface ServerConfig {
  port?: number;
  host?: string;
  secrets?: string[];
  apiKeys?: string[];
  cacheBytes?: number;
  concurrency?: number;
  maxQueue?: number;
  maxQueueWaitMs?: number;
  renderTimeoutMs?: number;
  cacheControl?: string;
  basePath?: string;
  imageAllowlist?: string[];
  imageTimeoutMs?: number;
  pool?: boolean;
  engine?: EngineName;
  shutdownTimeoutMs?: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function parseValue(entry: ConfigEntry, raw: string | boolean, source: string): unknown {
  switch (entry.type) {
    case "boolean": {
      if (typeof raw === "boolean") return raw;
      const value = raw.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(value)) return true;
      if (["0", "false", "no", "off"].includes(value)) return false;
      throw new ConfigError(`${source} must be true or false (got "${raw}")`);
    }
    case "list":
      return String(raw)
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
    case "number": {
      const text = String(raw).trim();
      const value = Number(text);
      if (text === "" || !Number.isFinite(value) || value < (entry.min ?? Number.NEGATIVE_INFINITY)) {
        const floor = entry.min === undefined ? "" : ` of at least ${entry.min}`;
        throw new ConfigError(`${source} must be a number${floor} (got "${raw}")`);
      }
      return Math.round(value * (entry.scale ?? 1));
    }
    default: {
      const value = String(raw).trim();
      if (entry.choices && !entry.choices.includes(value)) {
        throw new ConfigError(`${source} must be one of ${entry.choices.join(", ")} (got "${raw}")`);
      }
      return entry.choices ? value : String(raw);
    }
  }
}

function collect(values: (entry: ConfigEntry) => { raw: string | boolean; source: string } | undefined): ServerConfig {
  const config: Record<string, unknown> = {};
  for (const entry of configTable) {
    const found = values(entry);
    if (found === undefined) continue;
    const value = parseValue(entry, found.raw, found.source);
    // An empty list (OGKIT_SECRET="") means "not set".
    if (Array.isArray(value) && value.length === 0) continue;
    config[entry.option] = value;
  }
  return config as ServerConfig;
}

/** The settings given in environment variables; empty variables count as unset. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ServerConfig {
  return collect((entry) => {
    const raw = env[entry.env];
    return raw === undefined || raw === "" ? undefined : { raw, source: entry.env };
  });
}

/** The settings given as CLI flags (as `util.parseArgs` returns them). */
export function configFromFlags(flags: Record<string, string | boolean | undefined>): ServerConfig {
  return collect((entry) => {
    const raw = flags[entry.flag];
    return raw === undefined ? undefined : { raw, source: `--${entry.flag}` };
  });
}

/** `util.parseArgs` option declarations for every setting. */
export function configParseArgsOptions(): Record<string, { type: "string" | "boolean" }> {
  return Object.fromEntries(configTable.map((entry) => [entry.flag, { type: "string" as const }]));
}

/** Help lines for `ogkit serve --help`. */
export function configHelp(): string {
  const rows = configTable.map((entry) => {
    const left = `  --${entry.flag} <${entry.type === "list" ? "a,b" : entry.type}>`;
    return `${left.padEnd(34)}${entry.description}\n${"".padEnd(34)}env ${entry.env}; default ${entry.defaultText}`;
  });
  return rows.join("\n");
}

/** The configuration reference as a Markdown table (docs are generated from it). */
export function configMarkdownTable(): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const lines = [
    "| Option | Environment | Flag | Default | Description |",
    "| --- | --- | --- | --- | --- |",
    ...configTable.map(
      (entry) =>
        `| \`${entry.option}\` | \`${entry.env}\` | \`--${entry.flag}\` | ${cell(entry.defaultText)} | ${cell(entry.description)}${entry.scale ? ` The \`${entry.option}\` option takes bytes.` : ""} |`,
    ),
  ];
  return lines.join("\n");
}

/** docs/configuration.md, generated from the table (scripts/generate-config-docs.ts). */
export function configurationDoc(): string {
  return [
    "<!-- Generated by packages/server/scripts/generate-config-docs.ts from src/config.ts; do not edit. -->",
    "# Server configuration",
    "",
    "`ogkit serve` and `createOgServer()` take the same settings. Each can be given as an option of",
    "`createOgServer` / `createOgHandler`, an environment variable, or a flag of `ogkit serve`; flags win",
    "over the environment. `createOgServer` reads only its options: pass `configFromEnv()` to it to",
    "honour the environment too.",
    "",
    configMarkdownTable(),
    "",
    // The docs test runs this snippet: it is the region of that file.
    '```ts title="docs/examples/server/config-from-env.ts#config-from-env"',
    'import { configFromEnv, createOgServer } from "@ogkit/server";',
    "",
    "const server = createOgServer({ ...configFromEnv(), templates: myTemplates });",
    "const { url } = await server.listen();",
    'process.on("SIGTERM", () => server.close());',
    "```",
    "",
  ].join("\n");
}
