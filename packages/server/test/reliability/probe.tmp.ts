import { createOgServer } from "../../src/server.js";
import { rawRequest } from "./raw-http.js";

const server = createOgServer({ pool: false, concurrency: 2, onError: () => {} });
const { url } = await server.listen(0, "127.0.0.1");
const cases: [string, Parameters<typeof rawRequest>[1]][] = [
  [
    "upgrade",
    { path: "/api/v1/og?title=x&width=200&height=100", headers: { upgrade: "websocket", connection: "Upgrade" } },
  ],
  [
    "h2c",
    {
      path: "/healthz",
      headers: { upgrade: "h2c", connection: "Upgrade, HTTP2-Settings", "http2-settings": "AAMAAABkAARAAAAAAAIAAAAA" },
    },
  ],
  [
    "te+cl",
    {
      path: "/api/v1/og",
      method: "POST",
      headers: { "transfer-encoding": "chunked", "content-length": "5", "content-type": "application/json" },
      body: "0\r\n\r\n",
    },
  ],
  ["http10", { path: "/healthz" }],
  [
    "expect",
    {
      path: "/api/v1/og",
      method: "POST",
      headers: { expect: "100-continue", "content-type": "application/json" },
      body: '{"title":"x","width":200,"height":100}',
    },
  ],
  ["bad cl", { path: "/api/v1/og", method: "POST", headers: { "content-length": "abc" }, body: "{}" }],
  ["neg cl", { path: "/api/v1/og", method: "POST", headers: { "content-length": "-1" }, body: "{}" }],
];
for (const [name, req] of cases) {
  try {
    const r = await rawRequest(url, req, 10000);
    console.log(
      name.padEnd(14),
      r.status,
      r.headers["content-type"],
      r.headers["cache-control"],
      r.body.subarray(0, 150).toString().replace(/\s+/g, " "),
    );
  } catch (e) {
    console.log(name, "ERR", String(e));
  }
}
await server.close();
