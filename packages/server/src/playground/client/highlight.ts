import { h } from "./dom.js";

export type CodeLanguage = "shell" | "js" | "python" | "html";

/**
 * Just enough highlighting for short snippets: comments, strings and keywords. Each pattern's
 * groups are, in order, comment, string, keyword; the leftmost match wins, so a `#` or `//` inside
 * a string stays part of the string.
 */
const patterns: Record<CodeLanguage, RegExp> = {
  shell: /(#[^\n]*)|('[^']*')|\b(curl)\b/g,
  js: /(\/\/[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|\b(import|from|const|export|function|return|type)\b/g,
  python:
    /(#[^\n]*)|("""[\s\S]*?"""|[fb]?"(?:[^"\\\n]|\\.)*"|[fb]?'(?:[^'\\\n]|\\.)*')|\b(import|from|def|return|if|is|not|None)\b/g,
  html: /(<!--[\s\S]*?-->)|("[^"]*")|(<\/?[a-z]+|\/?>)/g,
};

const classes = ["tok-comment", "tok-string", "tok-keyword"] as const;

/** The code as text nodes and highlighted spans. */
export function highlight(code: string, language: CodeLanguage): Node[] {
  const nodes: Node[] = [];
  const pattern = new RegExp(patterns[language]);
  let last = 0;
  for (const match of code.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(document.createTextNode(code.slice(last, index)));
    const group = [1, 2, 3].findIndex((i) => match[i] !== undefined);
    nodes.push(h("span", { class: classes[group] ?? "" }, match[0]));
    last = index + match[0].length;
  }
  if (last < code.length) nodes.push(document.createTextNode(code.slice(last)));
  return nodes;
}
