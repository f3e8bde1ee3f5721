import assert from "node:assert/strict";
// #region playground
import { createOgServer, createPlayground } from "@ogkit/server";

const server = createOgServer({ playground: createPlayground() });
const { url } = await server.listen(Number(process.env.PORT ?? 3000));
// #endregion

const page = await fetch(`${url}/`);
assert.equal(page.status, 200);
assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
assert.match(await page.text(), /<script[^>]+src="playground\/app-[\w-]+\.js"/);
await server.close();
