import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { MemoryRun } from "./results.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const STRESS_SCRIPT = "packages/server/scripts/stress.ts";
/** A soak that has not answered by then is stopped (the row then says why): the bench must end. */
const SOAK_TIMEOUT_MS = 15 * 60_000;

/** The part of `stress.ts soak --json` the memory row reads. */
interface SoakReport {
  soak?: { figures?: { renders?: number; rssGrowthPercent?: number; rssEndMb?: number; cacheMb?: number } };
}

/**
 * The memory row's soak comes from the server's stress script (`npm run stress -w @ogkit/server --
 * soak --renders N --json`: RSS and external memory over N unique renders after warm-up, in a real
 * server process), not from a second soak written here. It exits 1 when a target is missed: the
 * figures still count.
 */
export async function runSoak(renders: number): Promise<Pick<MemoryRun, "soak" | "soakSkipped">> {
  if (!existsSync(`${root}${STRESS_SCRIPT}`)) return { soakSkipped: `${STRESS_SCRIPT} is not in this tree` };
  const run = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=@ogkit/source", STRESS_SCRIPT, "soak", "--renders", String(renders), "--json"],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"], timeout: SOAK_TIMEOUT_MS, killSignal: "SIGINT" },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout }));
  });
  let report: SoakReport;
  try {
    report = JSON.parse(run.stdout) as SoakReport;
  } catch {
    return { soakSkipped: `the stress soak exited ${run.code} without a JSON report` };
  }
  const figures = report.soak?.figures;
  if (typeof figures?.rssGrowthPercent !== "number") {
    return { soakSkipped: `unrecognised soak report: ${run.stdout.slice(0, 120)}` };
  }
  return {
    soak: {
      renders: figures.renders ?? renders,
      rssGrowthPercent: figures.rssGrowthPercent,
      rssEndMb: figures.rssEndMb,
      cacheMb: figures.cacheMb,
    },
  };
}
