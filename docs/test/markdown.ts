/**
 * What the docs test reads from a page. The Markdown itself is parsed by mdast-util-from-markdown
 * (CommonMark, with positions), heading anchors come from github-slugger, and shell lines are split
 * into words by shell-quote. What is ogkit's own stays here: the info-string attributes
 * (`title="path#region"`, `output`), `#region` extraction, and which shell syntax a checked block
 * may use.
 */
import GithubSlugger from "github-slugger";
import type { Code, Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { type ParseEntry, parse as parseShell } from "shell-quote";

export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  /** The first word of the info string (`ts`, `sh`, `text`...); "" when there is none. */
  lang: string;
  /** `key="value"` attributes of the info string, such as title. */
  attributes: Record<string, string>;
  /** Bare words after the language, such as `output`. */
  flags: string[];
  /** The block's text: its lines, each ending with a newline (like a file's text). */
  code: string;
}

export interface MarkdownLink {
  line: number;
  target: string;
}

/** A page (or a shell block) the docs test cannot read; `line` is 1-based, in the text that was read. */
export class MarkdownError extends Error {
  override readonly name = "MarkdownError";
  constructor(
    readonly problem: string,
    readonly line?: number,
  ) {
    super(line === undefined ? problem : `line ${line}: ${problem}`);
  }
}

/** Every node of the page's syntax tree, in document order. */
function nodesOf(markdown: string): Nodes[] {
  const found: Nodes[] = [];
  const walk = (node: Nodes) => {
    found.push(node);
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(fromMarkdown(markdown));
  return found;
}

/** Reads what follows the language in an info string: `title="docs/examples/a.ts#region" output`. */
export function parseMeta(meta: string | null | undefined, line?: number): Pick<CodeBlock, "attributes" | "flags"> {
  const attributes: Record<string, string> = {};
  const flags: string[] = [];
  const rest = meta ?? "";
  const token = /\s*([\w-]+)(?:="([^"]*)")?/gy;
  let match: RegExpExecArray | null = token.exec(rest);
  let end = 0;
  while (match !== null) {
    if (match[2] === undefined) flags.push(match[1] as string);
    else attributes[match[1] as string] = match[2];
    end = token.lastIndex;
    match = token.exec(rest);
  }
  if (rest.slice(end).trim() !== "") throw new MarkdownError(`cannot read the info string "${rest}"`, line);
  return { attributes, flags };
}

/** A fenced `code` node as a CodeBlock; undefined for an indented code block. */
function fencedBlock(node: Code, markdown: string): CodeBlock | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end) return undefined;
  const source = markdown.slice(start.offset, end.offset);
  const fence = /^(`{3,}|~{3,})/.exec(source)?.[1];
  if (fence === undefined) return undefined;
  // CommonMark runs an unclosed fence to the end of its container; the docs convention refuses it.
  const last = source.slice(source.lastIndexOf("\n") + 1);
  if (!source.includes("\n") || !new RegExp(`^[ \\t>]*[${fence[0]}]{${fence.length},}[ \\t]*$`).test(last)) {
    throw new MarkdownError("the code block is never closed", start.line);
  }
  // The node's value drops the last line break; an empty block and one blank line both read "".
  const lines = end.line - start.line - 1;
  return {
    line: start.line,
    lang: node.lang ?? "",
    ...parseMeta(node.meta, start.line),
    code: lines === 0 ? "" : `${node.value}\n`,
  };
}

/** Every fenced code block of a page, in order. An unclosed fence is an error. */
export function codeBlocks(markdown: string): CodeBlock[] {
  return nodesOf(markdown).flatMap((node) => (node.type === "code" ? (fencedBlock(node, markdown) ?? []) : []));
}

/** Every link target of a page: inline links and images, and reference definitions (`[id]: target`). */
export function links(markdown: string): MarkdownLink[] {
  return nodesOf(markdown).flatMap((node) =>
    (node.type === "link" || node.type === "image" || node.type === "definition") && node.position
      ? [{ line: node.position.start.line, target: node.url }]
      : [],
  );
}

/** A heading's text as GitHub renders it: inline code included, markup and images' alt text not. */
function textOf(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  return "children" in node ? node.children.map(textOf).join("") : "";
}

/** The anchors a page's headings make on GitHub, with its -1, -2 suffixes for repeats. */
export function anchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  return new Set(nodesOf(markdown).flatMap((node) => (node.type === "heading" ? [slugger.slug(textOf(node))] : [])));
}

const REGION_START = /^\s*(?:\/\/|#|<!--|\{?\/\*)\s*#region\s+([\w-]+)/;
const REGION_END = /^\s*(?:\/\/|#|<!--|\{?\/\*)\s*#endregion\b/;

/**
 * The lines between `#region name` and its `#endregion` (as a `//`, `#`, `/*` or `<!--` comment),
 * without marker lines of nested regions or blank lines at either end, dedented, each ending with a
 * newline.
 */
export function region(source: string, name: string): string {
  const lines = source.split("\n");
  const start = lines.findIndex((line) => REGION_START.exec(line)?.[1] === name);
  if (start === -1) throw new MarkdownError(`there is no "#region ${name}"`);
  const body: string[] = [];
  let depth = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (REGION_START.test(line)) {
      depth++;
      continue;
    }
    if (REGION_END.test(line)) {
      if (depth === 0) {
        while (body.length > 0 && (body[0] as string).trim() === "") body.shift();
        while (body.length > 0 && (body[body.length - 1] as string).trim() === "") body.pop();
        const indent = Math.min(
          ...body.filter((text) => text.trim() !== "").map((text) => (/^ */.exec(text)?.[0] ?? "").length),
        );
        return body.map((text) => `${text.slice(Number.isFinite(indent) ? indent : 0)}\n`).join("");
      }
      depth--;
      continue;
    }
    body.push(line);
  }
  throw new MarkdownError(`"#region ${name}" has no #endregion`);
}

export interface ShellCommand {
  words: string[];
  /** The text of a `#` comment at the end of the command's line, trimmed. */
  comment: string;
  /** 1-based line of the text where the command's line starts. */
  line: number;
}

/** Command separators a checked block may use; every other operator (pipes, redirections, `&`...) is refused. */
const SEPARATORS = new Set([";", "&&", "||"]);
/** Text whose quotes are all closed: shell-quote drops a stray quote instead of reporting it. */
const CLOSED_QUOTES = /^(?:[^'"\\]|\\[\s\S]|'[^']*'|"(?:[^"\\]|\\[\s\S])*")*\\?$/;
/**
 * shell-quote keeps backticks as text, so each is passed to it as the expansion `${`}`: where a
 * shell would substitute, shell-quote asks for that variable (refused); quoted or escaped, it
 * comes back as text, and is turned back into a backtick.
 */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template
const BACKTICK = "${`}";

function parseLine(text: string, line: number, expand?: (name: string) => string): ParseEntry[] {
  try {
    return expand ? parseShell(text, expand) : parseShell(text);
  } catch (error) {
    if (error instanceof MarkdownError) throw error;
    throw new MarkdownError((error as Error).message, line); // shell-quote's "Bad substitution"
  }
}

/**
 * Splits shell text into commands, each a list of words (by shell-quote): `\` line continuations
 * joined, a line that ends inside quotes continued on the next, a line's `#` comment kept as its
 * last command's `comment`, and commands separated by newlines, `;`, `&&` and `||`. Pipes,
 * redirections and `$` or backtick expansions are refused: the docs do not use them.
 */
export function shellCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const lines = text.split("\n");
  let pending = "";
  let line = 1;
  for (const [index, next] of lines.entries()) {
    if (pending === "") line = index + 1;
    pending += next;
    if (pending.endsWith("\\") && index < lines.length - 1) {
      pending = pending.slice(0, -1);
      continue;
    }
    const last = parseLine(pending, line).at(-1);
    const comment = typeof last === "object" && "comment" in last ? last.comment : undefined;
    if (!CLOSED_QUOTES.test(comment === undefined ? pending : pending.slice(0, -comment.length - 1))) {
      if (index === lines.length - 1) throw new MarkdownError("unclosed quote", line);
      pending += "\n";
      continue;
    }
    const entries = parseLine(pending.replaceAll("`", BACKTICK), line, (name) => {
      throw new MarkdownError(`no expansions, please (${name === "`" ? "`" : `$${name}`})`, line);
    });
    let words: string[] = [];
    const end = () => {
      if (words.length > 0) commands.push({ words, comment: "", line });
      words = [];
    };
    for (const entry of entries) {
      if (typeof entry === "string") words.push(entry.replaceAll(BACKTICK, "`"));
      else if ("comment" in entry) continue;
      else if (entry.op === "glob") words.push(entry.pattern.replaceAll(BACKTICK, "`"));
      else if (SEPARATORS.has(entry.op)) end();
      else throw new MarkdownError(`"${entry.op}" is not supported in a checked shell block`, line);
    }
    end();
    const own = commands.at(-1);
    if (comment !== undefined && own?.line === line) own.comment = comment.trim();
    pending = "";
  }
  return commands;
}
