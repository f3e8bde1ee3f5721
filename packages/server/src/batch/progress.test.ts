import { Writable } from "node:stream";
import { invalidParams, OgError } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { createBatchProgress, describeFailure, summaryLine } from "./progress.js";
import type { BatchItemResult, BatchSummary } from "./render-batch.js";

const items: BatchItemResult[] = [
  { status: "rendered", location: "posts.ndjson:1", slug: "a", file: "a.png", bytes: 100 },
  { status: "skipped", location: "posts.ndjson:2", slug: "b", file: "b.png" },
  {
    status: "failed",
    location: "posts.ndjson:3",
    slug: "c",
    error: invalidParams([{ path: "title", message: "title must be at most 200 characters (got 201)" }]),
  },
];

const summary: BatchSummary = {
  rendered: 1,
  skipped: 1,
  failed: 1,
  notStarted: 0,
  durationMs: 2345,
  items,
  warnings: [],
};

function run(options: { quiet?: boolean; terminal?: Writable & { isTTY?: boolean } }) {
  let text = "";
  const progress = createBatchProgress({ write: (chunk) => (text += chunk), ...options });
  for (const [index, item] of items.entries()) progress.onItem(item, { done: index + 1, total: items.length });
  progress.finish(summary);
  return text;
}

/** A stand-in terminal: what cli-progress writes to it, cursor moves included. */
function fakeTerminal() {
  let output = "";
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, callback) {
        output += String(chunk);
        callback();
      },
    }),
    { isTTY: true, columns: 100 },
  );
  return { stream, output: () => output };
}

describe("ogkit batch progress", () => {
  it("not on a terminal: one plain line per finished card, then the summary", () => {
    expect(run({})).toBe(
      [
        "rendered a.png",
        "skipped b.png (unchanged)",
        "failed posts.ndjson:3 (c): title must be at most 200 characters (got 201)",
        "rendered 1, skipped 1, failed 1 in 2.3s",
        "",
      ].join("\n"),
    );
  });

  it("a stream that is not a TTY gets plain lines too", () => {
    const terminal = fakeTerminal();
    terminal.stream.isTTY = false;
    expect(run({ terminal: terminal.stream })).toContain("rendered a.png\n");
    expect(terminal.output()).toBe("");
  });

  it("quiet: failures, warnings and the summary only", () => {
    let text = "";
    const progress = createBatchProgress({ write: (chunk) => (text += chunk), quiet: true });
    for (const [index, item] of items.entries()) progress.onItem(item, { done: index + 1, total: 3 });
    progress.finish({ ...summary, warnings: ["ignored out/.ogkit-batch.json"] });
    expect(text).toBe(
      [
        "failed posts.ndjson:3 (c): title must be at most 200 characters (got 201)",
        "warning: ignored out/.ogkit-batch.json",
        "rendered 1, skipped 1, failed 1 in 2.3s",
        "",
      ].join("\n"),
    );
  });

  it("on a terminal: a progress bar there, and the failures after it, not in it", () => {
    const terminal = fakeTerminal();
    const text = run({ terminal: terminal.stream });
    expect(terminal.output()).toContain("3/3 cards | 1 failed");
    expect(terminal.output()).not.toContain("title must be");
    expect(text).toBe(
      [
        "failed posts.ndjson:3 (c): title must be at most 200 characters (got 201)",
        "rendered 1, skipped 1, failed 1 in 2.3s",
        "",
      ].join("\n"),
    );
  });
});

describe("describeFailure", () => {
  it("lists every issue, and names the field when its message does not", () => {
    const error = invalidParams([
      { path: "title", message: "title is required" },
      { path: "theme", message: "must be one of dark, light" },
    ]);
    expect(describeFailure({ status: "failed", location: "m.csv:4", error })).toBe(
      "failed m.csv:4: title is required; theme: must be one of dark, light",
    );
  });

  it("falls back to the error's message when it has no issues", () => {
    const error = new OgError("RENDER_FAILED", "The render worker stopped unexpectedly");
    expect(describeFailure({ status: "failed", location: "items[2]", slug: "x", error })).toBe(
      "failed items[2] (x): The render worker stopped unexpectedly",
    );
  });

  it("summaryLine rounds to a tenth of a second, and tells how many a stopped batch left", () => {
    expect(summaryLine({ ...summary, durationMs: 61_049 })).toBe("rendered 1, skipped 1, failed 1 in 61.0s");
    expect(summaryLine({ ...summary, notStarted: 7 })).toBe(
      "rendered 1, skipped 1, failed 1 in 2.3s; stopped before 7 more",
    );
  });
});
