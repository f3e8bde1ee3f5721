import { describe, expect, it, vi } from "vitest";
import { exposedGc, nativeMemoryCollector } from "./collect.js";

describe("nativeMemoryCollector", () => {
  it("runs a full collection each time the unseen bytes reach the budget, then counts from zero", () => {
    const taken = [10, 10, 15, 5, 30];
    const gc = vi.fn();
    const collect = nativeMemoryCollector(30, () => taken.shift() ?? 0, gc);
    expect([collect(), collect(), collect(), collect(), collect()]).toEqual([false, false, true, false, true]);
    expect(gc.mock.calls).toEqual([[{ type: "major", execution: "sync" }], [{ type: "major", execution: "sync" }]]);
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
    exposedGc()({ type: "major", execution: "sync" });
    for (let turn = 0; turn < 10 && !finalized; turn++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(finalized).toBe(true);
  });
});
