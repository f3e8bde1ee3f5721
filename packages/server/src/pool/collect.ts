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
 * Starts a full garbage collection whenever memory V8 cannot see has grown by `budgetBytes`:
 * `take()` says how much native memory the work done since the last call left for finalizers.
 * The collection runs incrementally (marking on V8's helper threads, between the thread's tasks),
 * so no task waits for it. Returns whether a collection was started.
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
    collect({ type: "major", execution: "async" });
    return true;
  };
}
