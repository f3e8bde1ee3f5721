import { type OgParams, ogUrl } from "@ogkit/sdk";

const examples: OgParams[] = [
  { title: "Hello from ogkit", subtitle: "Dynamic Open Graph images from URL params", theme: "dark" },
  { title: "Ship faster", subtitle: "Typed, signed, cached", theme: "gradient", pattern: "dots", icon: "rocket" },
  { title: "Uptime", layout: "metric", value: "99.9%", label: "last 30 days", theme: "light" },
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The small page served at GET / until a playground is mounted (the `playground` option).
 * Example links are built with the SDK's `ogUrl`, signed when the server is in signed mode.
 */
export function indexPage(basePath: string, secret: string | undefined): string {
  const items = examples
    .map((params) => {
      const url = escapeHtml(ogUrl(params, { baseUrl: basePath, secret }));
      return `<li><a href="${url}"><img src="${url}" width="600" height="315" alt="${escapeHtml(params.title)}" loading="lazy"></a><br><code>${url}</code></li>`;
    })
    .join("\n");
  const api = (path: string) => `<a href="${escapeHtml(basePath + path)}"><code>${escapeHtml(path)}</code></a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ogkit</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 680px; margin: 2rem auto; padding: 0 1rem; color: #1a1a2e; }
ul { list-style: none; padding: 0; }
li { margin: 0 0 2rem; }
img { max-width: 100%; height: auto; border-radius: 8px; border: 1px solid #ddd; }
code { font-size: 0.8rem; word-break: break-all; }
</style>
</head>
<body>
<h1>ogkit</h1>
<p>Dynamic Open Graph images from URL parameters. Change the query of any image below.</p>
<ul>
${items}
</ul>
<h2>API</h2>
<p>${api("/api/v1/og")} (GET with query, POST with JSON) · ${api("/api/v1/openapi.json")} · ${api("/api/v1/themes")} · ${api("/api/v1/icons?q=arrow")} · ${api("/healthz")} · ${api("/metrics")}</p>
</body>
</html>
`;
}
