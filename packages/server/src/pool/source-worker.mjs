// The worker thread's entry when ogkit runs from TypeScript source (tests, tsx), never in a build:
// tsx is registered in this thread through its API before the .ts worker is imported. (`--import tsx`
// in the worker's execArgv is not enough: its hooks can register after the first imports resolve.)
import { register } from "tsx/esm/api";

register();
const { default: renderInWorker } = await import("./worker.ts");

export default renderInWorker;
