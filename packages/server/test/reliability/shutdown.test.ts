import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { rawRequest } from "./raw-http.js";

// Graceful shutdown of the real CLI process: SIGTERM stops accepting, lets the render in flight
// finish (within the shutdown timeout), then the process exits 0.

const cli = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts `ogkit serve` from source on a free port; resolves with its URL once it listens. */
function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@ogkit/source", cli, "serve", "--port", "0", "--host", "127.0.0.1"],
    { env: { ...process.env, OGKIT_FAULT_INJECTION: "1", OGKIT_CONCURRENCY: "1", ...env }, stdio: "pipe" },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: (match[1] as string).replace("localhost", "127.0.0.1") });
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`ogkit serve exited ${code} before listening:\n${output}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });

describe("SIGTERM", () => {
  it("finishes the render in flight, refuses new connections, and exits 0", async () => {
    const { child, url } = await serve({});
    // The render thread is up and warm before the slow request is sent.
    expect((await rawRequest(url, { path: "/api/v1/og?title=warm&width=200&height=100" })).status).toBe(200);
    const inFlight = rawRequest(url, { path: "/api/v1/og?title=ogkit-fault:sleep:1500&width=200&height=100" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(rawRequest(url, { path: "/healthz" }, 5000)).rejects.toThrow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(await exited(child)).toBe(0);
  }, 120_000);

  it("cuts a render that outlives the shutdown timeout, and still exits 0", async () => {
    const { child, url } = await serve({ OGKIT_SHUTDOWN_TIMEOUT_MS: "300" });
    expect((await rawRequest(url, { path: "/api/v1/og?title=warm&width=200&height=100" })).status).toBe(200);
    const inFlight = rawRequest(url, { path: "/api/v1/og?title=ogkit-fault:sleep:60000&width=200&height=100" }).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    expect(await inFlight).toBeInstanceOf(Error);
  }, 120_000);
});
