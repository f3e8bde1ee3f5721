import { Worker } from "node:worker_threads";

/**
 * How much more CPU-bound work the machine does with two threads than with one: the ceiling of
 * "2 workers against 1" on it. A fixed integer loop, in one worker thread and then in two at
 * once, each for the same number of iterations; the ratio of throughputs. On a machine whose two
 * cores are real this is close to 2; on a virtual machine whose two vCPUs share a physical core
 * (SMT siblings, or a host quota) it can be near 1, and no server can scale past it.
 */
export async function cpuScaling(iterations = 400_000_000): Promise<number> {
  const spin = () =>
    new Promise<number>((resolve, reject) => {
      const worker = new Worker(
        `const { parentPort, workerData } = require("node:worker_threads");
         const started = performance.now();
         let x = 0;
         for (let i = 0; i < workerData; i++) x = (x + i * 7) % 1000003;
         parentPort.postMessage([performance.now() - started, x]);`,
        { eval: true, workerData: iterations },
      );
      worker.once("message", ([ms]: [number, number]) => {
        resolve(ms);
        void worker.terminate();
      });
      worker.once("error", reject);
    });
  const started = performance.now();
  await spin();
  const one = performance.now() - started;
  const startedTwo = performance.now();
  await Promise.all([spin(), spin()]);
  const two = performance.now() - startedTwo;
  // Twice the work in `two` ms against the work in `one` ms.
  return (2 * one) / two;
}
