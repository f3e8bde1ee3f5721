#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type JsonSchemaProperty, OgError, ogJsonSchema, ogUrl, parseOgParams } from "@ogkit/sdk";
import { ConfigError, configFromEnv, configFromFlags, configHelp, configParseArgsOptions } from "./config.js";
import { renderCard } from "./engine/index.js";
import { createPlayground } from "./playground/index.js";
import { createOgServer } from "./server.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

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
  camelCase flags may also be written in kebab-case (--title-color).
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

async function render(args: string[], io: CliIo): Promise<number> {
  const flags = paramFlags();
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {
    help: { type: "boolean", short: "h" },
    output: { type: "string", short: "o" },
  };
  for (const { name } of flags) {
    options[name] = { type: "string" };
    if (kebab(name) !== name) options[kebab(name)] = { type: "string" };
  }
  const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
  if (values.help) {
    io.stdout(renderUsage());
    return 0;
  }
  const input: Record<string, unknown> = {};
  for (const { name } of flags) {
    const value = values[name] ?? values[kebab(name)];
    if (value !== undefined) input[name] = value;
  }
  const output = typeof values.output === "string" ? values.output : undefined;
  if (input.format === undefined && output && output !== "-") {
    const format = FORMAT_OF_EXTENSION[extname(output).toLowerCase()];
    if (format) input.format = format;
  }
  const params = parseOgParams(input);
  const result = await renderCard(params);
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
    const usageError = error instanceof ConfigError || error instanceof OgError || code?.startsWith("ERR_PARSE_ARGS");
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
