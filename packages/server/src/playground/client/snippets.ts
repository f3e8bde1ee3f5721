import { OG_PATH } from "@ogkit/sdk";
import type { CodeLanguage } from "./highlight.js";

/**
 * What the snippets are written from. Their parameters come from the canonical URL's query, not
 * from the form's raw values, so each snippet, run, produces exactly that URL: ogUrl of canonical
 * params is the same canonical URL, and the Python recipe encodes as the SDK does.
 */
export interface SnippetContext {
  /** The canonical image URL (absolute), as the preview shows it. */
  url: string;
  /** The `baseUrl` that URL was built with: the server's origin and mount path. */
  baseUrl: string;
  /** Parameters whose JSON Schema type is a number: written as numbers, not strings. */
  numeric: ReadonlySet<string>;
  /** The resolved image size, format media type and alt text, for meta tags. */
  width: number;
  height: number;
  mediaType: string;
  alt: string;
}

export interface Snippet {
  id: "curl" | "javascript" | "next" | "express" | "python" | "html";
  label: string;
  /** A file name that says where the code goes. */
  file: string;
  language: CodeLanguage;
  code: string;
}

export type SnippetTab = Omit<Snippet, "code">;

/** The snippets' tabs, in the order the page shows them. */
export const snippetTabs: readonly SnippetTab[] = [
  { id: "curl", label: "cURL", file: "shell", language: "shell" },
  { id: "javascript", label: "JavaScript", file: "og.js", language: "js" },
  { id: "next", label: "Next.js", file: "app/page.tsx", language: "js" },
  { id: "express", label: "Express", file: "app.js", language: "js" },
  { id: "python", label: "Python / Django", file: "og.py", language: "python" },
  { id: "html", label: "HTML", file: "<head>", language: "html" },
];

function tab(id: Snippet["id"]): SnippetTab {
  return snippetTabs.find((entry) => entry.id === id) as SnippetTab;
}

/** The canonical query's parameters, in canonical order, decoded. */
export function canonicalEntries(url: string, numeric: ReadonlySet<string>): [string, string | number][] {
  const query = url.slice(url.indexOf("?") + 1);
  return [...new URLSearchParams(query)].map(([key, value]) => [
    key,
    numeric.has(key) && /^\d+$/.test(value) ? Number(value) : value,
  ]);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JavaScript object literal; strings through JSON.stringify, which is valid JS. */
function jsObject(entries: [string, string | number][], indent: string): string {
  const props = entries.map(
    ([key, value]) => `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  const inline = `{ ${props.join(", ")} }`;
  if (inline.length + indent.length <= 80) return inline;
  return `{\n${props.map((prop) => `${indent}  ${prop},`).join("\n")}\n${indent}}`;
}

/** A Python dict literal: JSON string escapes (\n, \", \uXXXX) are valid Python string escapes. */
function pythonDict(entries: [string, string | number][]): string {
  const items = entries.map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  return `{\n${items.join("\n")}\n}`;
}

/** A POSIX shell word in single quotes. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function htmlAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The file extension of an image media type: png, jpg, webp, svg. */
export function imageExtension(mediaType: string): string {
  const subtype = mediaType.split("/")[1] ?? "png";
  return subtype.replace(/\+xml$/, "").replace("jpeg", "jpg");
}

export function curlSnippet(context: SnippetContext): Snippet {
  const file = `og-image.${imageExtension(context.mediaType)}`;
  return {
    ...tab("curl"),
    code: `curl -fsS -o ${file} ${shellQuote(context.url)}\n`,
  };
}

export function javascriptSnippet(context: SnippetContext): Snippet {
  const params = jsObject(canonicalEntries(context.url, context.numeric), "");
  return {
    ...tab("javascript"),
    code: `import { ogUrl } from "@ogkit/sdk";

const url = ogUrl(${params}, {
  baseUrl: ${JSON.stringify(context.baseUrl)},
  // secret: process.env.OGKIT_SECRET, // on the server, when it only renders signed URLs
});
`,
  };
}

export function nextSnippet(context: SnippetContext): Snippet {
  const params = jsObject(canonicalEntries(context.url, context.numeric), "    ");
  return {
    ...tab("next"),
    code: `import type { Metadata } from "next";
import { ogMetadata } from "@ogkit/next";

// Signs the URL when OGKIT_SECRET is set (on the server only).
export function generateMetadata(): Metadata {
  return ogMetadata(
    ${params},
    { baseUrl: ${JSON.stringify(context.baseUrl)}, path: ${JSON.stringify(OG_PATH)} },
  );
}
`,
  };
}

export function expressSnippet(context: SnippetContext): Snippet {
  const params = jsObject(canonicalEntries(context.url, context.numeric), "  ");
  return {
    ...tab("express"),
    code: `import express from "express";
import { ogLocals } from "@ogkit/express";

const app = express();
// Signs the URLs when OGKIT_SECRET is set.
app.use(ogLocals({ baseUrl: ${JSON.stringify(context.baseUrl)} }));

app.get("/", (req, res) => {
  // In the template, <%- ogMeta(params) %> writes every og:image and twitter:image tag.
  const ogImage = res.locals.ogUrl(${params});
  res.render("page", { ogImage });
});
`,
  };
}

export function pythonSnippet(context: SnippetContext): Snippet {
  const params = pythonDict(canonicalEntries(context.url, context.numeric));
  return {
    ...tab("python"),
    code: `import base64
import hashlib
import hmac
from urllib.parse import quote, urlencode

OGKIT_URL = ${JSON.stringify(context.baseUrl)}


def og_url(params, secret=None, expires_at=None):
    """The image URL of canonical ogkit params (schema key order, defaults left out)."""
    # UTF-8, only A-Z a-z 0-9 - . _ ~ left as they are, space as %20: what the SDK writes.
    query = urlencode(params, quote_via=quote, safe="")
    if secret:
        if expires_at is not None:
            query += f"&exp={int(expires_at)}"
        mac = hmac.new(secret.encode(), query.encode(), hashlib.sha256).digest()
        query += "&sig=" + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    return f"{OGKIT_URL}${OG_PATH}?{query}"


url = og_url(${params})

# The ogkit package does the same with validation: from ogkit import og_url
# Signed, when the server has OGKIT_SECRET:
#   url = og_url(params, secret=os.environ["OGKIT_SECRET"])
# Django: pass it to the template, which writes the meta tag:
#   return render(request, "post.html", {"og_image": url})
#   <meta property="og:image" content="{{ og_image }}">
`,
  };
}

export function htmlSnippet(context: SnippetContext): Snippet {
  const url = htmlAttribute(context.url);
  const meta = (key: "property" | "name", name: string, content: string | number) =>
    `<meta ${key}="${name}" content="${htmlAttribute(String(content))}">`;
  return {
    ...tab("html"),
    code: `${[
      `<meta property="og:image" content="${url}">`,
      meta("property", "og:image:type", context.mediaType),
      meta("property", "og:image:width", context.width),
      meta("property", "og:image:height", context.height),
      meta("property", "og:image:alt", context.alt),
      meta("name", "twitter:card", "summary_large_image"),
      `<meta name="twitter:image" content="${url}">`,
      meta("name", "twitter:image:alt", context.alt),
    ].join("\n")}\n`,
  };
}

const writers: Record<Snippet["id"], (context: SnippetContext) => Snippet> = {
  curl: curlSnippet,
  javascript: javascriptSnippet,
  next: nextSnippet,
  express: expressSnippet,
  python: pythonSnippet,
  html: htmlSnippet,
};

/** Every snippet, in the order the tabs show them. */
export function snippetsFor(context: SnippetContext): Snippet[] {
  return snippetTabs.map((entry) => writers[entry.id](context));
}
