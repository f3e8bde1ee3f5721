import { Presets, SingleBar } from "cli-progress";
import type { BatchItemResult, BatchSummary } from "./render-batch.js";

export interface BatchProgressOptions {
  /** Where plain lines go: one per finished card, failures, the summary. */
  write: (text: string) => void;
  /** A terminal to draw a progress bar on. Not a TTY (CI, a pipe, a file), or none: plain lines. */
  terminal?: (NodeJS.WritableStream & { isTTY?: boolean }) | undefined;
  /** No bar and no line per card: failures, warnings and the summary only. */
  quiet?: boolean | undefined;
}

export interface BatchProgress {
  /** renderBatch's `onItem`. */
  onItem(result: BatchItemResult, progress: { done: number; total: number }): void;
  /** Stops the bar, prints what it held back and the summary line. */
  finish(summary: BatchSummary): void;
  /** Stops the bar (and gives the terminal its cursor back) without a summary: the process is quitting. */
  stop(): void;
}

/** The one line of a failed card: its location, slug and every issue (each names its field and limit). */
export function describeFailure(result: BatchItemResult): string {
  const error = result.error;
  const issues = error?.issues.length
    ? error.issues.map((issue) =>
        issue.path && !issue.message.includes(issue.path) ? `${issue.path}: ${issue.message}` : issue.message,
      )
    : [error?.message ?? "failed"];
  const slug = result.slug ? ` (${result.slug})` : "";
  return `failed ${result.location}${slug}: ${issues.join("; ")}`;
}

export function summaryLine(summary: BatchSummary): string {
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const stopped = summary.notStarted > 0 ? `; stopped before ${summary.notStarted} more` : "";
  return `rendered ${summary.rendered}, skipped ${summary.skipped}, failed ${summary.failed} in ${seconds}s${stopped}`;
}

function itemLine(result: BatchItemResult): string {
  if (result.status === "failed") return describeFailure(result);
  return result.status === "rendered" ? `rendered ${result.file}` : `skipped ${result.file} (unchanged)`;
}

/**
 * Progress of `ogkit batch`: a cli-progress bar on a terminal, otherwise one plain line per
 * finished card (what a CI log can show). Failures are listed in both, with their location.
 */
export function createBatchProgress(options: BatchProgressOptions): BatchProgress {
  const { write, quiet = false } = options;
  const terminal = !quiet && options.terminal?.isTTY ? options.terminal : undefined;
  const failures: string[] = [];
  let bar: SingleBar | undefined;

  return {
    onItem(result, { done, total }) {
      const line = itemLine(result);
      if (terminal) {
        if (result.status === "failed") failures.push(line);
        if (!bar) {
          bar = new SingleBar(
            {
              stream: terminal,
              format: "{bar} {value}/{total} cards | {failed} failed | {eta_formatted} left",
              hideCursor: true,
              etaBuffer: 20,
            },
            Presets.shades_classic,
          );
          bar.start(total, 0, { failed: 0 });
        }
        bar.update(done, { failed: failures.length });
        return;
      }
      if (!quiet || result.status === "failed") write(`${line}\n`);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
    finish(summary) {
      this.stop();
      for (const line of failures) write(`${line}\n`);
      for (const warning of summary.warnings) write(`warning: ${warning}\n`);
      write(`${summaryLine(summary)}\n`);
    },
  };
}
