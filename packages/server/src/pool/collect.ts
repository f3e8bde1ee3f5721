import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export type Gc = (options: { type: "major" | "minor"; execution: "sync" | "async" }) => void;

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
 * Runs a full garbage collection whenever memory V8 cannot see has grown by `budgetBytes`:
 * `take()` says how much native memory the work done since the last call left for finalizers.
 * Synchronous, between two tasks: the incremental kind (`execution: "async"`) collects as if to
 * reduce memory, which also threw away the thread's optimized code; the thread then recompiled
 * satori and the engine all the time (measured: twice the JIT work). Returns whether it collected.
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
    collect({ type: "major", execution: "sync" });
    return true;
  };
}
