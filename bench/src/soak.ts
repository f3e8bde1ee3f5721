import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { MemoryRun } from "./results.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const STRESS_SCRIPT = "packages/server/scripts/stress.ts";

/**
 * The memory row's soak comes from the server's stress script (`soak --renders N --json`: RSS and
 * external memory over N unique renders in a real server process), not from a second soak here.
 *
 * HOOKUP PENDING: the script was not in the tree when the bench was written, so the shape of its
 * JSON is assumed: `rssGrowthPercent` (or `rss.growthPercent`) and optionally `peakRssMb`. Until
 * the script exists the row says "not measured" and the run still passes.
 */
export async function runSoak(renders: number): Promise<Pick<MemoryRun, "soak" | "soakSkipped">> {
  if (!existsSync(`${root}${STRESS_SCRIPT}`)) {
    return { soakSkipped: `${STRESS_SCRIPT} is not in this tree yet` };
  }
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=@ogkit/source", STRESS_SCRIPT, "soak", "--renders", String(renders), "--json"],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`stress soak exited ${code}`))));
  }).catch((error: Error) => error);
  if (output instanceof Error) return { soakSkipped: output.message };
  const json = output.trim().split("\n").reverse().find((line) => line.trim().startsWith("{"));
  if (!json) return { soakSkipped: "the stress soak printed no JSON" };
  const report = JSON.parse(json) as {
    rssGrowthPercent?: number;
    rss?: { growthPercent?: number };
    peakRssMb?: number;
  };
  const growth = report.rssGrowthPercent ?? report.rss?.growthPercent;
  if (typeof growth !== "number") return { soakSkipped: `unrecognised soak report: ${json.slice(0, 120)}` };
  return { soak: { renders, rssGrowthPercent: growth, peakRssMb: report.peakRssMb } };
}
