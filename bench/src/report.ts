import { MAX_DIFFERING_SHARE } from "./in-process.js";
import type { BenchResults, Target } from "./results.js";
import { round } from "./stats.js";

/** The issue's targets (#7), as ratios measured in one run. */
export const GOALS = {
  renderRatio: 0.5,
  sizeRatio: 1.2,
  warmRps: 10_000,
  warmP99Ms: 5,
  coldScaling: 1.8,
  soakGrowthPercent: 10,
  peakRssMb: 400,
  /** The stretch target: ogkit's opt-in takumi engine (f) within this of takumi drawing the same tree (c). */
  takumiEngineRatio: 1.2,
} as const;

const runOf = (results: BenchResults, card: string, peer: string) =>
  results.inProcess.find((run) => run.card === card)?.runs.find((run) => run.peer === peer);

const fmt = (value: number) => String(round(value));
/** Small figures (a warm request's few microseconds, in ms) keep two significant digits. */
const precise = (value: number) => (Math.abs(value) < 1 ? value.toPrecision(2) : fmt(value));
const ratio = (value: number) => `${round(value)}x`;

/** Every target of the issue with this run's figure; `met` is undefined where the run did not measure it. */
export function evaluateTargets(results: BenchResults): Target[] {
  const targets: Target[] = [];
  for (const card of results.inProcess) {
    const a = runOf(results, card.card, "a");
    const d = runOf(results, card.card, "d");
    if (!a || !d) continue;
    const time = d.medianMs / a.medianMs;
    const size = d.bytes / a.bytes;
    targets.push({
      name: `(d) cold render, ${card.card}`,
      goal: `<= ${GOALS.renderRatio}x (a)`,
      value: ratio(time),
      met: time <= GOALS.renderRatio,
    });
    targets.push({
      name: `(d) PNG size, ${card.card}`,
      goal: `<= ${GOALS.sizeRatio}x (a)`,
      value: ratio(size),
      met: size <= GOALS.sizeRatio,
    });
    targets.push({
      name: `(d) same image as (a), ${card.card}`,
      goal: `<= ${MAX_DIFFERING_SHARE * 100}% of pixels differ (the golden tests' tolerance)`,
      value: `${round(card.ogkitDifferingShare * 100)}%`,
      met: card.ogkitDifferingShare <= MAX_DIFFERING_SHARE,
    });
  }
  // The stretch target, after every card's (d) rows: (f) renders the same params as (d) through takumi.
  for (const card of results.inProcess) {
    const c = runOf(results, card.card, "c");
    const f = runOf(results, card.card, "f");
    const time = c && f ? f.medianMs / c.medianMs : undefined;
    targets.push({
      name: `(f) takumi engine, ${card.card}`,
      goal: `<= ${GOALS.takumiEngineRatio}x (c)`,
      value: time === undefined ? "not measured" : ratio(time),
      met: time === undefined ? undefined : time <= GOALS.takumiEngineRatio,
    });
  }
  for (const run of results.http.cards) {
    targets.push({
      name: `(e) warm, ${run.card}`,
      goal: `>= ${GOALS.warmRps} req/s, p99 < ${GOALS.warmP99Ms} ms`,
      value: `${Math.round(run.warm.requestsPerSecond)} req/s, p99 ${run.warm.p99Ms} ms`,
      met: run.warm.failures === 0 && run.warm.requestsPerSecond >= GOALS.warmRps && run.warm.p99Ms < GOALS.warmP99Ms,
    });
  }
  if (results.http.cards.length > 0) {
    // Throughput over all cards: requests per second summed, one worker against two.
    const one = results.http.cards.reduce((sum, run) => sum + run.cold1.requestsPerSecond, 0);
    const two = results.http.cards.reduce((sum, run) => sum + run.cold2.requestsPerSecond, 0);
    const failures = results.http.cards.reduce((sum, run) => sum + run.cold1.failures + run.cold2.failures, 0);
    targets.push({
      name: "(e) cold, 2 workers against 1",
      goal: `>= ${GOALS.coldScaling}x the throughput`,
      value:
        results.machine.cpuScaling === undefined
          ? ratio(two / one)
          : `${ratio(two / one)} (this machine's ceiling in this run: ${ratio(results.machine.cpuScaling)}, two CPU-bound threads against one)`,
      met: failures === 0 && two / one >= GOALS.coldScaling,
    });
  }
  const { memory } = results;
  targets.push({
    name: "Memory: RSS growth over unique renders after warm-up",
    goal: `< ${GOALS.soakGrowthPercent}% over 20,000`,
    value: memory.soak
      ? `${round(memory.soak.rssGrowthPercent)}% over ${memory.soak.renders} (stress soak, ${memory.soak.cacheMb ?? "?"} MB cache, ends at ${memory.soak.rssEndMb ?? "?"} MB)`
      : `not measured: ${memory.soakSkipped}`,
    met: memory.soak ? memory.soak.rssGrowthPercent < GOALS.soakGrowthPercent : undefined,
  });
  const measured = Number.isFinite(memory.peakRssMb);
  targets.push({
    name: "Memory: peak RSS, default settings",
    goal: `< ${GOALS.peakRssMb} MB`,
    value: measured
      ? `${Math.round(memory.peakRssMb)} MB (image cache at the end: ${Math.round(memory.cacheMb)} MB)`
      : "not measured",
    met: measured ? memory.peakRssMb < GOALS.peakRssMb : undefined,
  });
  return targets;
}

const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
const rule = (n: number, first = "---") => row([first, ...Array.from({ length: n - 1 }, () => "---:")]);

/** The tables as Markdown: what `npm run bench` prints and writes into the README and docs. */
export function markdownTables(results: BenchResults): string {
  const lines: string[] = [];
  const { machine } = results;
  lines.push(
    `Measured ${machine.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node} (${results.mode} run, ${Math.round(results.durationSeconds)} s)${machine.cpuScaling === undefined ? "" : `; two CPU-bound threads did ${ratio(machine.cpuScaling)} the work of one`}. Only the ratios within this one run count.`,
    "",
    "**In process**, median ms per card (ratio to (a)):",
    "",
  );
  const peerNames = results.peers.map((peer) => `(${peer.id}) ${peer.name}`);
  lines.push(row(["Card", ...peerNames, "PNG (d)/(a)", "pixels (d) ≠ (a)"]), rule(peerNames.length + 3));
  for (const card of results.inProcess) {
    const a = runOf(results, card.card, "a");
    const cells = results.peers.map((peer) => {
      const run = runOf(results, card.card, peer.id);
      if (!run) return "–";
      return peer.id === "a" || !a
        ? `${fmt(run.medianMs)}`
        : `${fmt(run.medianMs)} (${ratio(run.medianMs / a.medianMs)})`;
    });
    const d = runOf(results, card.card, "d");
    lines.push(
      row([card.card, ...cells, a && d ? ratio(d.bytes / a.bytes) : "–", `${round(card.ogkitDifferingShare * 100)}%`]),
    );
  }
  if (results.http.cards.length > 0) {
    lines.push(
      "",
      `**Over HTTP** (autocannon on loopback; warm: ${results.http.warmConnections} connections, repeated URL; cold: unique URLs, 2 connections per worker):`,
      "",
      row(["Card", "warm req/s", "warm p50 / p99 ms", "cold req/s, 1 worker", "cold req/s, 2 workers", "2 / 1"]),
      rule(6),
    );
    for (const run of results.http.cards) {
      lines.push(
        row([
          run.card,
          String(Math.round(run.warm.requestsPerSecond)),
          `${run.warm.p50Ms} / ${run.warm.p99Ms}`,
          fmt(run.cold1.requestsPerSecond),
          fmt(run.cold2.requestsPerSecond),
          ratio(run.cold2.requestsPerSecond / run.cold1.requestsPerSecond),
        ]),
      );
    }
  }
  lines.push("", "**Targets** (issue #7):", "", row(["Target", "Goal", "This run", ""]), rule(4));
  for (const target of results.targets) {
    const mark = target.met === undefined ? "not measured" : target.met ? "met" : "**MISSED**";
    lines.push(row([target.name, target.goal, target.value, mark]));
  }
  return lines.join("\n");
}

/** What each lever measured, as Markdown. */
export function leversTable(results: BenchResults): string {
  const card = results.inProcess[0]?.card ?? "";
  const lines = [
    `**Levers**, each alone on the ${card} card, median CPU ms (the warm path: per request):`,
    "",
    row(["Lever", "Without", "ms", "With", "ms", "Ratio"]),
    rule(6),
  ];
  for (const lever of results.levers) {
    lines.push(
      row([
        lever.lever,
        lever.without.what,
        precise(lever.without.ms),
        lever.with.what,
        precise(lever.with.ms),
        ratio(lever.with.ms / lever.without.ms),
      ]),
    );
  }
  return lines.join("\n");
}
