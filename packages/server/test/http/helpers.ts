import type { OgErrorBody } from "@ogkit/sdk";
import sharp from "sharp";
import type { OgHandler } from "../../src/http/handler.js";

export const ORIGIN = "http://og.test";

/** A request to the handler, in process. */
export function call(handler: OgHandler, path: string, init?: RequestInit): Promise<Response> {
  return handler(new Request(`${ORIGIN}${path}`, init));
}

export function postJson(
  handler: OgHandler,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return call(handler, path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Decodes an image response: its real format and size. */
export async function imageOf(
  response: Response,
): Promise<{ format: string; width: number; height: number; bytes: number }> {
  const body = Buffer.from(await response.arrayBuffer());
  const meta = await sharp(body).metadata();
  return { format: meta.format ?? "", width: meta.width ?? 0, height: meta.height ?? 0, bytes: body.byteLength };
}

/** Asserts the shape every error shares and returns its body. */
export async function errorOf(response: Response): Promise<OgErrorBody["error"]> {
  if (response.headers.get("cache-control") !== "no-store") {
    throw new Error(`error ${response.status} without Cache-Control: no-store`);
  }
  if (!response.headers.get("content-type")?.startsWith("application/json")) {
    throw new Error(`error ${response.status} is not JSON`);
  }
  const body = (await response.json()) as OgErrorBody;
  return body.error;
}

/** The value of one sample of the handler's /metrics, 0 when absent. */
export async function metric(handler: OgHandler, sample: string): Promise<number> {
  const text = await (await call(handler, "/metrics")).text();
  const line = text.split("\n").find((row) => row.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

/** A title no other test uses, so that its image is not in the cache yet. */
let counter = 0;
export function uniqueTitle(prefix = "t"): string {
  counter++;
  return `${prefix} ${process.pid} ${Date.now()} ${counter}`;
}

/** Small images: these tests are about HTTP, not pixels. */
export const SMALL = "width=200&height=100";
