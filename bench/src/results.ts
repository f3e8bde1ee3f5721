import type { LoadResult, ServedImage } from "./http.js";
import type { CardRun } from "./in-process.js";
import type { LeverRun } from "./levers.js";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  date: string;
  /**
   * Two CPU-bound threads' throughput against one's, measured in this run (machine.ts): the
   * ceiling of any "2 workers against 1" here.
   */
  cpuScaling?: number;
}

export interface HttpCardRun {
  card: string;
  /** The image the server answered (its first, rendering, request). */
  image: ServedImage;
  warm: LoadResult;
  /** Unique URLs: every request renders. */
  cold1: LoadResult;
  cold2: LoadResult;
}

export interface MemoryRun {
  /** Peak RSS of the server process (main and render threads) over the whole HTTP run, default settings. */
  peakRssMb: number;
  /** RSS when the HTTP run ended. */
  rssMb: number;
  /** Bytes the image cache held then (default size 32 MB): part of the RSS. */
  cacheMb: number;
  /** From the stress script's soak: RSS growth over N unique renders after warm-up, in %. */
  soak?: { renders: number; rssGrowthPercent: number; rssEndMb?: number; cacheMb?: number } | undefined;
  /** Why there is no soak figure. */
  soakSkipped?: string | undefined;
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
}

export interface BenchResults {
  mode: "full" | "smoke" | "in-process";
  machine: Machine;
  peers: { id: string; name: string }[];
  cards: { name: string; description: string; width: number; height: number }[];
  inProcess: CardRun[];
  /** What each optimization measured, on the first card, in CPU ms. */
  levers: LeverRun[];
  http: { workers: number; warmConnections: number; cards: HttpCardRun[] };
  memory: MemoryRun;
  targets: Target[];
  durationSeconds: number;
}
