import assert from "node:assert/strict";
// #region node-server
import { configFromEnv, createOgServer } from "@ogkit/server";

// The options of the handler, plus port, host and shutdownTimeoutMs; configFromEnv() reads the
// same variables as `ogkit serve` (PORT, OGKIT_SECRET, ...).
const server = createOgServer({ ...configFromEnv(), port: 0 });
const { url } = await server.listen();

const health = await fetch(`${url}/healthz`);
assert.deepEqual((await health.json()).status, "ok");

process.once("SIGTERM", () => server.close()); // lets in-flight requests finish
// #endregion
await server.close();
