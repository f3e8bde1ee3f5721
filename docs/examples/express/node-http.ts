import assert from "node:assert/strict";
// #region node-http
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ogMiddleware } from "@ogkit/express";

const og = ogMiddleware();
const server = createServer((req, res) => og(req, res)).listen(Number(process.env.PORT ?? 3000));
// #endregion

await new Promise((resolve) => (server.listening ? resolve(null) : server.once("listening", resolve)));
const { port } = server.address() as AddressInfo;
const image = await fetch(`http://127.0.0.1:${port}/api/v1/og?title=Hi`);
assert.equal(image.headers.get("content-type"), "image/png");
const other = await fetch(`http://127.0.0.1:${port}/elsewhere`);
assert.equal(other.status, 404);
server.close();
await og.close();
