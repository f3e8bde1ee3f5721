import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ogJsonSchema } from "@ogkit/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { BatchInputError, manifestFormatOf, parseManifest, readManifest } from "./manifest.js";

const locations = (entries: { location: string }[]) => entries.map((entry) => entry.location);

describe("JSON manifests", () => {
  it("gives each entry its index as location, and keeps JSON values as they are", () => {
    const entries = parseManifest(
      JSON.stringify([
        { slug: "a", title: "A", width: 400 },
        { slug: "b", title: "B", subtitle: null },
      ]),
      "json",
      "posts.json",
    );
    expect(locations(entries)).toEqual(["posts.json[0]", "posts.json[1]"]);
    expect(entries[0]).toMatchObject({ fields: { slug: "a", title: "A", width: 400 }, json: true });
    expect(entries[1]?.fields).toEqual({ slug: "b", title: "B", subtitle: null });
  });

  it("an element that is not an object fails alone, at its index", () => {
    const entries = parseManifest('[{"slug":"a","title":"A"}, "oops", null, [1]]', "json", "m.json");
    expect(entries[0]?.error).toBeUndefined();
    expect(entries.slice(1).map((entry) => [entry.location, entry.error?.message])).toEqual([
      ["m.json[1]", "the entry must be a JSON object of slug and parameters (got string)"],
      ["m.json[2]", "the entry must be a JSON object of slug and parameters (got null)"],
      ["m.json[3]", "the entry must be a JSON object of slug and parameters (got an array)"],
    ]);
  });

  it("malformed JSON or a non-array is an error of the whole manifest, with the line and column", () => {
    expect(() => parseManifest('[\n  {"slug": "a",}\n]', "json", "m.json")).toThrow(
      /m\.json is not valid JSON: .*line 2 column/,
    );
    expect(() => parseManifest('{"slug":"a"}', "json", "m.json")).toThrow(BatchInputError);
    expect(() => parseManifest('{"slug":"a"}', "json", "m.json")).toThrow(/must be a JSON array of entries/);
  });
});

describe("NDJSON manifests", () => {
  it("locates entries by line, skipping blank lines, with CRLF and a BOM", () => {
    const text = '\uFEFF{"slug":"a","title":"A"}\r\n\r\n{"slug":"b","title":"B"}\r\n   \n{"slug":"c","title":"C"}';
    const entries = parseManifest(text, "ndjson", "posts.ndjson");
    expect(locations(entries)).toEqual(["posts.ndjson:1", "posts.ndjson:3", "posts.ndjson:5"]);
    expect(entries.map((entry) => entry.fields.slug)).toEqual(["a", "b", "c"]);
    expect(entries.every((entry) => entry.json && !entry.error)).toBe(true);
  });

  it("a malformed line fails alone, at its line", () => {
    const entries = parseManifest('{"slug":"a","title":"A"}\n{"slug": "b", title}\n42\n', "ndjson", "m.ndjson");
    expect(entries.map((entry) => [entry.location, entry.error?.code])).toEqual([
      ["m.ndjson:1", undefined],
      ["m.ndjson:2", "INVALID_BODY"],
      ["m.ndjson:3", "INVALID_BODY"],
    ]);
    expect(entries[1]?.error?.message).toMatch(/^the line is not valid JSON/);
    expect(entries[2]?.error?.message).toContain("(got number)");
  });
});

describe("CSV manifests", () => {
  it("locates rows by the line they start on (header is line 1), through quoted line breaks and CRLF", () => {
    const text = [
      "slug,title,subtitle",
      "first,First post,",
      "",
      'second,"Second, with a comma","Two\r\nlines"',
      'third,"Say ""hi""",Sub',
    ].join("\r\n");
    const entries = parseManifest(text, "csv", "posts.csv");
    expect(locations(entries)).toEqual(["posts.csv:2", "posts.csv:4", "posts.csv:6"]);
    expect(entries.map((entry) => entry.fields)).toEqual([
      // An empty cell is a parameter not given.
      { slug: "first", title: "First post" },
      { slug: "second", title: "Second, with a comma", subtitle: "Two\nlines" },
      { slug: "third", title: 'Say "hi"', subtitle: "Sub" },
    ]);
    expect(entries.every((entry) => entry.json === false)).toBe(true);
  });

  it("accepts every schema parameter as a column, and trims header names", () => {
    const columns = ["slug", ...Object.keys(ogJsonSchema().properties)];
    const entries = parseManifest(`${columns.map((column) => ` ${column} `).join(",")}\n`, "csv", "all.csv");
    expect(entries).toEqual([]);
  });

  it("a row with the wrong number of fields fails alone, at its line", () => {
    const entries = parseManifest("slug,title\na,A\nb,B,extra\nc\n", "csv", "m.csv");
    expect(entries.map((entry) => [entry.location, entry.error?.message])).toEqual([
      ["m.csv:2", undefined],
      ["m.csv:3", "the row has 3 fields; the header has 2"],
      ["m.csv:4", "the row has 1 fields; the header has 2"],
    ]);
  });

  it("refuses a header with an unknown column (with the SDK's suggestion), no slug, or a repeated name", () => {
    expect(() => parseManifest("slug,titel\na,A\n", "csv", "m.csv")).toThrow(
      "m.csv:1: unknown parameter 'titel'; did you mean title?",
    );
    expect(() => parseManifest("title\nA\n", "csv", "m.csv")).toThrow("m.csv:1: the header has no slug column");
    expect(() => parseManifest("slug,title,title\na,A,B\n", "csv", "m.csv")).toThrow("names title twice");
    expect(() => parseManifest("slug,,title\na,,B\n", "csv", "m.csv")).toThrow("empty column name");
  });

  it("an unclosed quote is an error of the whole manifest", () => {
    expect(() => parseManifest('slug,title\na,"A\nb,B\n', "csv", "m.csv")).toThrow(/m\.csv.*Quote Not Closed/);
  });
});

describe("readManifest", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("picks the format from the extension and names locations by the path given", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ogkit-manifest-"));
    dirs.push(dir);
    await writeFile(join(dir, "cards.jsonl"), '{"slug":"a","title":"A"}\n');
    await writeFile(join(dir, "cards.CSV"), "slug,title\na,A\n");
    expect(locations(await readManifest(join(dir, "cards.jsonl")))).toEqual([`${join(dir, "cards.jsonl")}:1`]);
    expect(locations(await readManifest(join(dir, "cards.CSV")))).toEqual([`${join(dir, "cards.CSV")}:2`]);
  });

  it("a missing file, a directory, an unknown extension or invalid UTF-8 is a BatchInputError", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ogkit-manifest-"));
    dirs.push(dir);
    await expect(readManifest(join(dir, "missing.json"))).rejects.toThrow(/cannot read the manifest .*no such file/);
    await expect(readManifest(dir, "json")).rejects.toThrow(/it is a directory/);
    expect(() => manifestFormatOf("posts.yaml")).toThrow(/use \.json, \.ndjson, \.jsonl, \.csv/);
    await writeFile(join(dir, "latin1.csv"), Buffer.from([0x73, 0x6c, 0x75, 0x67, 0x0a, 0xe9, 0x0a]));
    await expect(readManifest(join(dir, "latin1.csv"))).rejects.toThrow(/not valid UTF-8/);
  });
});
