import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";

const logged: unknown[] = [];
const logger = { warn: (error: unknown) => logged.push(error) };

// #region error-handler
import { ogErrorHandler, ogImage } from "@ogkit/express";

const app = express();
const images = ogImage({ errorHandler: false });
app.use(images);
app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => {
  logger.warn(error);
  next(error);
});
app.use(ogErrorHandler());
// #endregion

const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const { port } = server.address() as AddressInfo;
const response = await fetch(`http://127.0.0.1:${port}/api/v1/og?theme=neon`);
assert.equal(response.status, 400);
assert.equal((await response.json()).error.code, "INVALID_PARAMS");
assert.equal(logged.length, 1);
server.close();
await images.close();
