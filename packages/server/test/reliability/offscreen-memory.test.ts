import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ChildRender } from "./offscreen-child.js";

const child = fileURLToPath(new URL("./offscreen-child.ts", import.meta.url));
const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the triggers in a fresh process: a regression aborts it or runs it out of memory, not this one. */
function renderInChild(names: string[], timeoutMs: number): Promise<{ renders: ChildRender[]; maxRssMB: number }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ["--import", "tsx", "--conditions=@ogkit/source", child, ...names], {
      cwd: packageRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    process_.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
    });
    process_.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => process_.kill("SIGKILL"), timeoutMs);
    process_.on("close", (code, signal) => {
      clearTimeout(timer);
      const lines = stdout
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      const last = lines.at(-1) as { maxRssMB?: number } | undefined;
      if (code !== 0 || last?.maxRssMB === undefined) {
        reject(
          new Error(`the child exited with ${code ?? signal} after ${JSON.stringify(lines)}: ${stderr.slice(-600)}`),
        );
        return;
      }
      resolve({ renders: lines.slice(0, -1) as ChildRender[], maxRssMB: last.maxRssMB });
    });
  });
}

describe("html templates that made resvg allocate gigabytes or abort the process", () => {
  it("render or are refused with a 400, in a process that stays under 600 MB", async () => {
    // Before the bounds (src/engine/filter-bounds.ts), measured alone on a 24 GB machine: 4.1 GB,
    // past a 9 GB cap, 2.1 GB, three process aborts, past 90 s and 1.7 GB.
    const { renders, maxRssMB } = await renderInChild([], 25_000);
    const statuses = Object.fromEntries(renders.map((render) => [render.name, render.status]));
    expect(statuses).toEqual({
      "tall-shadow-scale2": 200,
      "square-shadow-scale2": 200,
      "huge-font-text-shadow": 200,
      "big-font-text-shadow-below": 200,
      "translated-shadow": 200,
      "translated-opacity": 200,
      "many-overlapping-shadows": 400,
      "huge-radial-gradient": 400,
    });
    // The tsx loader, satori, resvg and sharp take about 200 MB before any render.
    expect(maxRssMB).toBeLessThan(600);
    for (const render of renders) expect(render.ms, render.name).toBeLessThan(5_000);
  }, 30_000);
});
