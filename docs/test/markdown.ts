/**
 * The small part of Markdown the docs test needs: fenced code blocks with their info strings,
 * headings (for link anchors) and links. Fences follow CommonMark: three or more backticks or
 * tildes, closed by a fence of the same character at least as long.
 */

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

const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export class MarkdownError extends Error {
  override readonly name = "MarkdownError";
}

/** Parses an info string: `ts title="docs/examples/a.ts#region" output`. */
export function parseInfo(info: string): Pick<CodeBlock, "lang" | "attributes" | "flags"> {
  const text = info.trim();
  const lang = /^[^\s"=]+/.exec(text)?.[0] ?? "";
  const attributes: Record<string, string> = {};
  const flags: string[] = [];
  const rest = text.slice(lang.length);
  const token = /\s*([\w-]+)(?:="([^"]*)")?/gy;
  let match: RegExpExecArray | null = token.exec(rest);
  let end = 0;
  while (match !== null) {
    if (match[2] === undefined) flags.push(match[1] as string);
    else attributes[match[1] as string] = match[2];
    end = token.lastIndex;
    match = token.exec(rest);
  }
  if (rest.slice(end).trim() !== "") throw new MarkdownError(`cannot read the info string "${info}"`);
  return { lang, attributes, flags };
}

/** Every fenced code block of a page, in order. An unclosed fence is an error. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = "", fence = "", info = ""] = open;
    if (fence.startsWith("`") && info.includes("`")) continue; // an inline code span, not a fence
    const close = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j] as string); j++) {
      const text = lines[j] as string;
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    if (j >= lines.length) throw new MarkdownError(`line ${i + 1}: the code block is never closed`);
    blocks.push({ line: i + 1, ...parseInfo(info), code: body.map((text) => `${text}\n`).join("") });
    i = j;
  }
  return blocks;
}

/** Indexes (0-based) of the lines that belong to fenced blocks, fences included. */
function fencedLines(markdown: string): Set<number> {
  const lines = markdown.split("\n");
  const fenced = new Set<number>();
  for (const block of codeBlocks(markdown)) {
    const size = block.code === "" ? 0 : block.code.split("\n").length - 1;
    for (let j = block.line - 1; j <= block.line + size && j < lines.length; j++) fenced.add(j);
  }
  return fenced;
}

/** The page's lines outside fenced blocks (blank inside them, so line numbers stay). */
function proseLines(markdown: string): string[] {
  const fenced = fencedLines(markdown);
  return markdown.split("\n").map((line, index) => (fenced.has(index) ? "" : line));
}

/** Every inline link and image target (`[text](target)`, `![alt](target)`), outside code. */
export function links(markdown: string): MarkdownLink[] {
  const found: MarkdownLink[] = [];
  proseLines(markdown).forEach((line, index) => {
    const text = line.replace(/(`+)[^`]*?\1/g, "");
    for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ line: index + 1, target: match[1] as string });
    }
  });
  return found;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors a page's headings make, with GitHub's -1, -2 suffixes for repeats. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = headingSlug((heading[1] as string).replace(/\[([^\]]*)\]\([^)]*\)/g, "$1"));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
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

/**
 * Splits shell text into commands, each a list of words: `\` line continuations joined, comments
 * dropped (kept as the command's `comment`), quotes and escapes resolved, and commands separated
 * by newlines, `;`, `&&` and `||`. Pipes and redirections are refused: the docs do not use them.
 */
export function shellCommands(text: string): { words: string[]; comment: string; line: number }[] {
  const commands: { words: string[]; comment: string; line: number }[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let comment = "";
  let line = 1;
  let startLine = 1;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ words, comment: comment.trim(), line: startLine });
    words = [];
    comment = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (words.length === 0 && word === undefined && !/\s/.test(char)) startLine = line;
    if (char === "\\" && text[i + 1] === "\n") {
      i++;
      line++;
      continue;
    }
    if (char === "\n") {
      endCommand();
      line++;
    } else if (char === "#" && word === undefined) {
      const end = text.indexOf("\n", i);
      comment += text.slice(i + 1, end === -1 ? text.length : end);
      i = (end === -1 ? text.length : end) - 1;
    } else if (/[ \t]/.test(char)) {
      endWord();
    } else if (char === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) throw new MarkdownError(`line ${line}: unclosed '`);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (char === '"') {
      let value = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && /["\\$`]/.test(text[j + 1] ?? "")) j++;
        else if (text[j] === "$" || text[j] === "`") throw new MarkdownError(`line ${line}: no expansions, please`);
        value += text[j];
      }
      if (j >= text.length) throw new MarkdownError(`line ${line}: unclosed "`);
      word = (word ?? "") + value;
      i = j;
    } else if (char === "\\") {
      word = (word ?? "") + (text[i + 1] ?? "");
      i++;
    } else if (char === ";" || (char === "&" && text[i + 1] === "&") || (char === "|" && text[i + 1] === "|")) {
      if (char !== ";") i++;
      endCommand();
    } else if (char === "|" || char === ">" || char === "<" || char === "&" || char === "$" || char === "`") {
      throw new MarkdownError(`line ${line}: "${char}" is not supported in a checked shell block`);
    } else {
      word = (word ?? "") + char;
    }
  }
  endCommand();
  return commands;
}
