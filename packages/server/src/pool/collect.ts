import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** V8's gc() with options: `type: "minor"` is a scavenge of the young generation. */
export type Gc = (options?: { type: "major" | "minor"; execution?: "sync" | "async" }) => void;

let gc: Gc | undefined;

/**
 * V8's gc(), for a render thread. `--expose-gc` set at run time gives it to contexts made after,
 * such as this one; the thread's own global is left as it was.
 */
export function exposedGc(): Gc {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as Gc;
  }
  return gc;
}

/**
 * Runs a scavenge (a young-generation collection) whenever memory V8 cannot see has grown by
 * `budgetBytes`: `take()` says how much native memory the work done since the last call left for
 * finalizers. resvg's wrappers die young, between two tasks, so a scavenge finalizes them and their
 * pixmaps for about a millisecond; the odd one a scavenge caught mid-render and promoted waits for
 * V8's own next mark-compact.
 *
 * Not a full collection: `{ type: "major" }`, which this asked for, is one from Node 22 on (on Node
 * 20 any options object gives a scavenge). On Node 22 it cost V8's helper threads 27 ms of CPU a
 * card (marking the heap, then compiling again the code it dropped) and two threads delivered 35
 * cards/s against 56 with a scavenge; on Node 20, a full gc() every 20 cards (at a 2 GB heap limit)
 * took 86 down to 47.
 */
export function nativeMemoryCollector(
  budgetBytes: number,
  take: () => number,
  collect: Gc = exposedGc(),
): () => boolean {
  let unseen = 0;
  return () => {
    unseen += take();
    if (unseen < budgetBytes) return false;
    unseen = 0;
    collect({ type: "minor" });
    return true;
  };
}
