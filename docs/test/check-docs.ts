/**
 * The docs convention, enforced (see docs/README.md, "Writing docs"): every fenced block of a page
 * is a file or a region of a file (`title="path"`, `title="path#name"`), a shell block whose every
 * command is checked, or output labelled as such. Relative links must point at existing files and
 * headings.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { configFromEnv, configFromFlags, createOgHandler, type OgHandlerOptions } from "@ogkit/server";
import { runCli } from "../../packages/server/src/cli.js";
import { configParseArgsOptions } from "../../packages/server/src/config.js";
import {
  anchors,
  type CodeBlock,
  codeBlocks,
  links,
  MarkdownError,
  region,
  type ShellCommand,
  shellCommands,
} from "./markdown.js";

export { codeBlocks as codeBlocksOf };

export const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** Languages whose blocks may be shown as output, with the `output` flag: ```json output */
export const OUTPUT_LANGS = ["text", "json", "http", "html"];
const SHELL_LANGS = ["sh", "bash", "shell"];

interface Package {
  name: string;
  dir: string;
  scripts: Record<string, string>;
  dependencies: string[];
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

function packageAt(dir: string): Package {
  const json = readJson(join(dir, "package.json"));
  const names = (key: string) => Object.keys((json[key] as Record<string, string> | undefined) ?? {});
  return {
    name: String(json.name),
    dir,
    scripts: (json.scripts as Record<string, string> | undefined) ?? {},
    dependencies: [...names("dependencies"), ...names("devDependencies"), ...names("peerDependencies")],
  };
}

/** The root package and every npm workspace of the repository. */
export function workspaces(root = REPO): Package[] {
  const rootPackage = packageAt(root);
  const globs = readJson(join(root, "package.json")).workspaces as string[];
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith("/*")) return [join(root, glob)];
    const parent = join(root, glob.slice(0, -2));
    return readdirSync(parent).map((name) => join(parent, name));
  });
  return [rootPackage, ...dirs.filter((dir) => existsSync(join(dir, "package.json"))).map(packageAt)];
}

/** What a shell block sets up for the lines after it: where it is, and the server it started. */
interface ShellState {
  cwd: string;
  server: OgHandlerOptions | undefined;
}

export interface CheckContext {
  root: string;
  packages: Package[];
  /** A scratch directory for files the commands write (`ogkit render -o card.png`). */
  scratch: string;
}

export function createContext(root = REPO): CheckContext {
  return { root, packages: workspaces(root), scratch: mkdtempSync(join(tmpdir(), "ogkit-docs-")) };
}

export function disposeContext(context: CheckContext): void {
  rmSync(context.scratch, { recursive: true, force: true });
}

class Problem extends Error {}

function fail(message: string): never {
  throw new Problem(message);
}

// --- titled blocks -------------------------------------------------------------------------------

function checkTitled(block: CodeBlock, title: string, context: CheckContext): void {
  const [path = "", name] = title.split("#");
  const file = join(context.root, path);
  if (!existsSync(file) || !statSync(file).isFile()) fail(`title "${title}": ${path} does not exist`);
  const source = readFileSync(file, "utf8");
  let expected: string;
  try {
    expected = name === undefined ? source : region(source, name);
  } catch (error) {
    fail(`title "${title}": ${(error as Error).message} in ${path}`);
  }
  if (block.code !== expected) {
    const shown = block.code.split("\n");
    const wanted = expected.split("\n");
    const at = shown.findIndex((line, i) => line !== wanted[i]);
    fail(
      `the block differs from ${title} at its line ${at + 1}:\n  block: ${JSON.stringify(shown[at])}\n  file:  ${JSON.stringify(wanted[at])}\n  copy the file into the block`,
    );
  }
}

// --- shell blocks --------------------------------------------------------------------------------

function findPackage(context: CheckContext, state: ShellState, workspace: string | undefined): Package {
  if (workspace === undefined) {
    const here = context.packages.find((pkg) => resolve(pkg.dir) === resolve(state.cwd));
    return here ?? fail(`${relative(context.root, state.cwd) || "."} is not an npm package`);
  }
  const found = context.packages.find(
    (pkg) => pkg.name === workspace || resolve(pkg.dir) === resolve(state.cwd, workspace),
  );
  return found ?? fail(`there is no workspace ${workspace}`);
}

function checkNpm(args: string[], env: Record<string, string>, context: CheckContext, state: ShellState): void {
  const [command, ...rest] = args;
  const dashDash = rest.indexOf("--");
  const own = dashDash === -1 ? rest : rest.slice(0, dashDash);
  let workspace: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const arg = own[i] as string;
    if (arg === "-w" || arg === "--workspace") workspace = own[++i];
    else if (arg.startsWith("--workspace=")) workspace = arg.slice("--workspace=".length);
    else if (arg.startsWith("-")) continue;
    else positional.push(arg);
  }
  switch (command) {
    case "install":
    case "i":
    case "ci": {
      const known = new Set(context.packages.flatMap((pkg) => [pkg.name, ...pkg.dependencies]));
      for (const spec of positional) {
        const name = spec.replace(/(?!^)@.*$/, "");
        if (!known.has(name)) fail(`npm install ${spec}: ${name} is neither a workspace nor a dependency of one`);
      }
      return;
    }
    case "start":
    case "test":
    case "run":
    case "run-script": {
      const script = command === "start" || command === "test" ? command : positional[0];
      if (!script) fail(`npm ${command} names no script`);
      const pkg = findPackage(context, state, workspace);
      if (!(script in pkg.scripts)) fail(`npm ${command}: ${pkg.name} has no script "${script}"`);
      // The root start script runs `ogkit serve`: later curl lines hit that server.
      if (script === "start" && /\bcli\.js serve\b/.test(pkg.scripts.start ?? "")) {
        state.server = configFromEnv(env);
      }
      return;
    }
    default:
      fail(`npm ${command}: the docs test does not know how to check this npm command`);
  }
}

async function captureCli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const append = (text: string) => {
    out += text;
  };
  const io = { stdout: append, stderr: append, env: {} };
  const code = await runCli(argv, io);
  return { code, out };
}

/** `ogkit <command> ...`: parsed by the CLI itself; render really renders, into the scratch directory. */
async function checkOgkit(
  args: string[],
  env: Record<string, string>,
  context: CheckContext,
  state: ShellState,
): Promise<void> {
  const [command, ...rest] = args;
  if (command === "render" && !rest.includes("--help") && !rest.includes("-h")) {
    const argv = [...rest];
    const index = argv.findIndex((arg) => arg === "-o" || arg === "--output");
    const target = join(context.scratch, basename(index === -1 ? "card.png" : (argv[index + 1] ?? "card.png")));
    const output = target.endsWith("-") ? join(context.scratch, "card.png") : target;
    if (index === -1) argv.push("-o", output);
    else argv[index + 1] = output;
    const { code, out } = await captureCli(["render", ...argv]);
    if (code !== 0) fail(`ogkit render exits ${code}:\n${out}`);
    if (!existsSync(output) || statSync(output).size === 0) fail(`ogkit render wrote no ${basename(output)}`);
    return;
  }
  const { code, out } = await captureCli([...args, "--help"]);
  if (code !== 0) fail(`ogkit ${args.join(" ")} is refused by the CLI (exit ${code}):\n${out}`);
  if (command === "serve") {
    try {
      const options = { ...configParseArgsOptions(), help: { type: "boolean" as const, short: "h" } };
      const { help: _, ...values } = parseArgs({ args: rest, options, strict: true }).values;
      state.server = { ...configFromEnv(env), ...configFromFlags(values) };
    } catch (error) {
      fail(`ogkit serve: ${(error as Error).message}`);
    }
  }
}

/** `curl URL`: sent as a Request to createOgHandler, configured as the block's server. */
async function checkCurl(args: string[], comment: string, state: ShellState): Promise<void> {
  let method = "GET";
  const headers = new Headers();
  let body: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => args[++i] ?? fail(`curl: ${arg} needs a value`);
    if (["-s", "-S", "-sS", "-f", "-fsS", "-i", "-L", "--fail", "--silent", "--show-error"].includes(arg)) continue;
    if (arg === "-I" || arg === "--head") method = "HEAD";
    else if (arg === "-o" || arg === "--output") value();
    else if (arg === "-X" || arg === "--request") method = value();
    else if (arg === "-H" || arg === "--header") {
      const header = value();
      const colon = header.indexOf(":");
      headers.set(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
    } else if (["-d", "--data", "--data-raw", "--data-binary"].includes(arg)) {
      body = value();
      if (method === "GET") method = "POST";
    } else if (arg === "--json") {
      body = value();
      headers.set("content-type", "application/json");
      headers.set("accept", "application/json");
      if (method === "GET") method = "POST";
    } else if (arg.startsWith("-")) fail(`curl: the docs test does not know the option ${arg}`);
    else if (url === undefined) url = arg;
    else fail(`curl: more than one URL (${url}, ${arg})`);
  }
  if (!url) fail("curl: no URL");
  const target = new URL(url);
  if (!["localhost", "127.0.0.1"].includes(target.hostname)) {
    fail(`curl ${url}: docs send requests to a local ogkit server (http://localhost:3000), the one they start`);
  }
  const handler = createOgHandler({ ...state.server, pool: false, cacheBytes: 0 });
  try {
    const response = await handler(new Request(url, { method, headers, body: body ?? null }));
    await response.arrayBuffer();
    if (response.status === 404 || response.status === 405) {
      fail(`curl ${url}: the server does not serve ${method} ${target.pathname} (${response.status})`);
    }
    const expected = /\b([1-5]\d\d)\b/.exec(comment)?.[1];
    const ok = expected ? String(response.status) === expected : response.status < 400;
    if (!ok) {
      fail(
        `curl ${url}: the server answers ${response.status}${expected ? `, the block's comment says ${expected}` : ""}`,
      );
    }
  } finally {
    await handler.close();
  }
}

function checkPip(args: string[], context: CheckContext): void {
  const pyproject = readFileSync(join(context.root, "packages/python/pyproject.toml"), "utf8");
  const name = /^name = "([^"]+)"/m.exec(pyproject)?.[1];
  const extras = new Set(
    [...(pyproject.split("[project.optional-dependencies]")[1] ?? "").matchAll(/^(\w+) =/gm)].map((m) => m[1]),
  );
  if (args[0] !== "install") fail(`pip ${args[0]}: only pip install is checked`);
  for (const spec of args.slice(1).filter((arg) => !arg.startsWith("-"))) {
    const match = /^([\w-]+)(?:\[([\w,]+)\])?$/.exec(spec);
    if (!match || match[1] !== name) fail(`pip install ${spec}: the Python package is ${name}`);
    for (const extra of match[2]?.split(",") ?? []) {
      if (!extras.has(extra)) fail(`pip install ${spec}: ${name} has no extra [${extra}]`);
    }
  }
}

async function checkCommand(words: string[], comment: string, context: CheckContext, state: ShellState): Promise<void> {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i] as string); i++) {
    const word = words[i] as string;
    env[word.slice(0, word.indexOf("="))] = word.slice(word.indexOf("=") + 1);
  }
  const [program, ...args] = words.slice(i);
  switch (program) {
    case undefined:
      return; // only assignments: an environment file's lines
    case "npm":
      return checkNpm(args, env, context, state);
    case "ogkit":
      return checkOgkit(args, env, context, state);
    case "npx": {
      const [bin, ...rest] = args;
      if (bin === "ogkit") return checkOgkit(rest, env, context, state);
      if (bin && existsSync(join(context.root, "node_modules/.bin", bin))) return;
      return fail(`npx ${bin}: no such command in node_modules/.bin`);
    }
    case "node": {
      const file = args.find(
        (arg, index) => !arg.startsWith("-") && !["--import", "--conditions"].includes(args[index - 1] ?? ""),
      );
      if (!file || !existsSync(resolve(state.cwd, file))) fail(`node ${file ?? ""}: no such file`);
      return;
    }
    case "cd": {
      const dir = resolve(state.cwd, args[0] ?? "");
      if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`cd ${args[0]}: no such directory`);
      state.cwd = dir;
      return;
    }
    case "curl":
      return checkCurl(args, comment, state);
    case "pip":
      return checkPip(args, context);
    default:
      fail(`${program}: the docs test does not know how to check this command (docs/test/check-docs.ts)`);
  }
}

async function checkShell(block: CodeBlock, context: CheckContext): Promise<string[]> {
  const problems: string[] = [];
  const state: ShellState = { cwd: context.root, server: undefined };
  let commands: ShellCommand[];
  try {
    commands = shellCommands(block.code);
  } catch (error) {
    if (!(error instanceof MarkdownError)) throw error;
    return [`${block.line + (error.line ?? 0)}: ${error.problem}`];
  }
  for (const { words, comment, line } of commands) {
    try {
      await checkCommand(words, comment, context, state);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      problems.push(`${block.line + line}: ${error.message}`);
    }
  }
  return problems;
}

// --- pages ---------------------------------------------------------------------------------------

/** Every problem of one page, each starting with `page:line`. */
export async function checkPage(page: string, markdown: string, context: CheckContext): Promise<string[]> {
  const problems: string[] = [];
  let blocks: CodeBlock[];
  try {
    blocks = codeBlocks(markdown);
  } catch (error) {
    if (error instanceof MarkdownError) return [`${page}:${error.line ?? 1}: ${error.problem}`];
    throw error;
  }
  for (const block of blocks) {
    const where = `${page}:${block.line}`;
    try {
      const { title } = block.attributes;
      if (title !== undefined) checkTitled(block, title, context);
      else if (SHELL_LANGS.includes(block.lang)) {
        for (const problem of await checkShell(block, context)) problems.push(`${page}:${problem}`);
      } else if (!(OUTPUT_LANGS.includes(block.lang) && block.flags.includes("output"))) {
        fail(
          `a \`\`\`${block.lang || "(no language)"} block must show a file (title="path" or title="path#region"), be a checked sh block, or be output (\`\`\`${OUTPUT_LANGS.join("|")} output)`,
        );
      }
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      problems.push(`${where}: ${error.message}`);
    }
  }
  problems.push(...checkLinks(page, markdown, context));
  return problems;
}

/** Relative links: the file must exist, and a `#anchor` into a Markdown file must be one of its headings. */
export function checkLinks(page: string, markdown: string, context: CheckContext): string[] {
  const problems: string[] = [];
  for (const { line, target } of links(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [path = "", anchor] = target.split("#");
    const file = path === "" ? join(context.root, page) : resolve(dirname(join(context.root, page)), decodeURI(path));
    if (!existsSync(file)) {
      problems.push(
        `${page}:${line}: the link ${target} points at ${relative(context.root, file)}, which does not exist`,
      );
      continue;
    }
    if (anchor !== undefined && file.endsWith(".md") && !anchors(readFileSync(file, "utf8")).has(anchor)) {
      problems.push(`${page}:${line}: the link ${target}: ${relative(context.root, file)} has no heading #${anchor}`);
    }
  }
  return problems;
}

/** The pages the convention covers: docs/*.md and the repository's README. */
export function docPages(root = REPO): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs];
}
