import { constants, PerformanceObserver } from "node:perf_hooks";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it, vi } from "vitest";
import { exposedGc, nativeMemoryCollector } from "./collect.js";

/** The kinds of the garbage collections V8 reports while `run` runs. */
async function collectionsDuring(run: () => void): Promise<number[]> {
  const kinds: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) kinds.push((entry as unknown as { detail: { kind: number } }).detail.kind);
  });
  observer.observe({ entryTypes: ["gc"] });
  run();
  // gc entries are delivered on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return kinds;
}

describe("nativeMemoryCollector", () => {
  it("runs a scavenge each time the unseen bytes reach the budget, then counts from zero", () => {
    const taken = [10, 10, 15, 5, 30];
    const gc = vi.fn();
    const collect = nativeMemoryCollector(30, () => taken.shift() ?? 0, gc);
    expect([collect(), collect(), collect(), collect(), collect()]).toEqual([false, false, true, false, true]);
    expect(gc.mock.calls).toEqual([[{ type: "minor" }], [{ type: "minor" }]]);
  });

  it("regression: its collection is a scavenge on every Node, not a mark-compact (Node 22 made { type: 'major' } one)", async () => {
    const collect = nativeMemoryCollector(1, () => 1);
    const kinds = await collectionsDuring(() => {
      for (let call = 0; call < 20; call++) collect();
    });
    const count = (kind: number) => kinds.filter((k) => k === kind).length;
    expect(count(constants.NODE_PERFORMANCE_GC_MINOR)).toBeGreaterThanOrEqual(20);
    // V8 may start a mark-compact of its own meanwhile; one per call is this collector's doing.
    expect(count(constants.NODE_PERFORMANCE_GC_MAJOR)).toBeLessThan(10);
  });

  it("gives resvg's native memory back: a scavenge between renders frees the pixmaps of the ones before", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#123"/></svg>';
    const collect = nativeMemoryCollector(1, () => 1);
    const renderThenCollect = async () => {
      expect(new Resvg(svg).render().pixels.length).toBe(1200 * 630 * 4);
      // Between two tasks, as the render thread runs it.
      await new Promise((resolve) => setImmediate(resolve));
      collect();
    };
    for (let render = 0; render < 5; render++) await renderThenCollect();
    const before = process.memoryUsage().rss;
    // 80 renders leave 80 x 6 MB to finalizers; without the scavenges RSS grew by 129 MB here.
    for (let render = 0; render < 80; render++) await renderThenCollect();
    expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(40);
  });
});

describe("exposedGc", () => {
  it("is V8's gc(): an object nothing refers to any more is finalized within a few turns of the event loop", async () => {
    let finalized = false;
    const registry = new FinalizationRegistry(() => {
      finalized = true;
    });
    (() => {
      registry.register(new Array(200_000).fill(0), "dropped");
    })();
    exposedGc()();
    for (let turn = 0; turn < 10 && !finalized; turn++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(finalized).toBe(true);
  });
});
