import assert from "node:assert/strict";
import type { OgTemplate } from "@ogkit/server";

const sigtermListeners = process.listeners("SIGTERM");
const myTemplates: Record<string, OgTemplate> = {};

// #region config-from-env
import { configFromEnv, createOgServer } from "@ogkit/server";

const server = createOgServer({ ...configFromEnv(), templates: myTemplates });
const { url } = await server.listen();
process.on("SIGTERM", () => server.close());
// #endregion

assert.equal((await fetch(`${url}/healthz`)).status, 200);
for (const listener of process.listeners("SIGTERM")) {
  if (!sigtermListeners.includes(listener)) process.off("SIGTERM", listener);
}
await server.close();
