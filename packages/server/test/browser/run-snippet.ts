/**
 * Runs the playground's code snippets and returns the image URL each produces, so tests can hold
 * them to "a snippet, run, produces the previewed URL". cURL goes through a real shell, Python
 * through a real interpreter, JavaScript through the real SDK. Next and Express run with their
 * framework module replaced by a stand-in that does what the adapter documents (the server package
 * must not import an adapter): ogMetadata is `${baseUrl}${path}?${canonical query}`, ogLocals'
 * ogUrl is ogUrl with the middleware's baseUrl.
 */
import { spawnSync } from "node:child_process";
import { OG_PATH, type OgParams, type OgUrlOptions, ogUrl } from "@ogkit/sdk";
import { transformSync } from "esbuild";

export type SnippetId = "curl" | "javascript" | "next" | "express" | "python" | "html";

/** A CommonJS-transformed module body run with the given modules for require(). */
function runModule(code: string, modules: Record<string, unknown>): Record<string, unknown> {
  const { code: js } = transformSync(code, { loader: "ts", format: "cjs", target: "node20" });
  const exports: Record<string, unknown> = {};
  const module = { exports };
  const require = (name: string) => {
    if (!(name in modules)) throw new Error(`the snippet imports ${name}, which the runner does not provide`);
    return modules[name];
  };
  new Function("require", "module", "exports", js)(require, module, exports);
  return module.exports;
}

function runCurl(code: string): string {
  // A stand-in curl prints its last argument: the shell has parsed the quoting exactly as it would.
  const result = spawnSync("sh", ["-c", `curl() { for a; do last=$a; done; printf '%s' "$last"; }\n${code}`], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`sh failed: ${result.stderr}`);
  return result.stdout;
}

function runJavaScript(code: string): string {
  const exports = runModule(`${code}\nexport { url };`, { "@ogkit/sdk": { ogUrl } });
  return exports.url as string;
}

function runNext(code: string): string {
  const ogMetadata = (params: OgParams, options: { baseUrl?: string; path?: string }) => {
    const query = ogUrl(params).slice(OG_PATH.length);
    const url = `${options.baseUrl ?? ""}${options.path ?? "/api/og"}${query}`;
    return { openGraph: { images: [{ url }] }, twitter: { card: "summary_large_image", images: [{ url }] } };
  };
  const exports = runModule(code, { "@ogkit/next": { ogMetadata }, next: {} });
  const metadata = (exports.generateMetadata as () => { openGraph: { images: [{ url: string }] } })();
  return metadata.openGraph.images[0].url;
}

function runExpress(code: string): string {
  type Handler = (req: unknown, res: Record<string, unknown>, next: () => void) => void;
  const middleware: Handler[] = [];
  const routes: Handler[] = [];
  const app = { use: (fn: Handler) => middleware.push(fn), get: (_path: string, fn: Handler) => routes.push(fn) };
  const ogLocals =
    (options: OgUrlOptions) => (_req: unknown, res: { locals: Record<string, unknown> }, next: () => void) => {
      res.locals.ogUrl = (params: OgParams) => ogUrl(params, { baseUrl: options.baseUrl });
      next();
    };
  const express = Object.assign(() => app, { default: () => app });
  runModule(code, { express, "@ogkit/express": { ogLocals } });
  let rendered: Record<string, unknown> | undefined;
  const res = { locals: {}, render: (_view: string, locals: Record<string, unknown>) => (rendered = locals) };
  for (const fn of [...middleware, ...routes]) fn({}, res, () => {});
  if (!rendered) throw new Error("the Express snippet rendered nothing");
  return rendered.ogImage as string;
}

/** `python3` runs the snippet; a missing interpreter fails the test with the install command. */
export function runPython(code: string, epilogue = "print(url, end='')"): string {
  const result = spawnSync("python3", ["-c", `${code}\n${epilogue}\n`], { encoding: "utf8" });
  if (result.error) {
    throw new Error(
      `python3 is needed to run the Python snippet: apt-get install -y python3 (${result.error.message})`,
    );
  }
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return result.stdout;
}

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

function runHtml(code: string): string {
  const images = [...code.matchAll(/<meta (?:property|name)="(?:og|twitter):image" content="([^"]*)">/g)].map((m) =>
    (m[1] as string).replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] as string),
  );
  if (images.length !== 2 || images[0] !== images[1]) throw new Error(`og:image and twitter:image differ: ${images}`);
  return images[0] as string;
}

/** The image URL a snippet produces when it is run. */
export function runSnippet(id: SnippetId, code: string): string {
  switch (id) {
    case "curl":
      return runCurl(code);
    case "javascript":
      return runJavaScript(code);
    case "next":
      return runNext(code);
    case "express":
      return runExpress(code);
    case "python":
      return runPython(code);
    case "html":
      return runHtml(code);
  }
}
