import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  configFromEnv,
  configFromFlags,
  configHelp,
  configMarkdownTable,
  configTable,
  configurationDoc,
} from "./config.js";

describe("config table", () => {
  it("reads every setting from the environment, in the option's units", () => {
    expect(
      configFromEnv({
        PORT: "8080",
        HOST: "127.0.0.1",
        OGKIT_SECRET: "new, old",
        OGKIT_API_KEYS: "k1,k2",
        OGKIT_CACHE_MB: "64",
        OGKIT_CONCURRENCY: "3",
        OGKIT_RENDER_TIMEOUT_MS: "2500",
        OGKIT_MAX_QUEUE: "0",
        OGKIT_POOL: "false",
        OGKIT_ENGINE: "takumi",
      }),
    ).toEqual({
      port: 8080,
      host: "127.0.0.1",
      secrets: ["new", "old"],
      apiKeys: ["k1", "k2"],
      cacheBytes: 64 * 1024 * 1024,
      concurrency: 3,
      renderTimeoutMs: 2500,
      maxQueue: 0,
      pool: false,
      engine: "takumi",
    });
  });

  it("treats empty variables as unset", () => {
    expect(configFromEnv({ PORT: "", OGKIT_SECRET: " , " })).toEqual({});
  });

  it("reads flags by their names in the table", () => {
    expect(configFromFlags({ port: "0", "cache-mb": "0", secret: "s" })).toEqual({
      port: 0,
      cacheBytes: 0,
      secrets: ["s"],
    });
  });

  it("refuses values that are not numbers, naming the source", () => {
    expect(() => configFromEnv({ PORT: "abc" })).toThrow(ConfigError);
    expect(() => configFromEnv({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => configFromFlags({ concurrency: "0" })).toThrow(/--concurrency must be a number of at least 1/);
  });

  it("accepts only the engines there are, naming the source and the choices", () => {
    expect(configFromFlags({ engine: " satori " })).toEqual({ engine: "satori" });
    expect(() => configFromEnv({ OGKIT_ENGINE: "resvg" })).toThrow(ConfigError);
    expect(() => configFromEnv({ OGKIT_ENGINE: "resvg" })).toThrow(
      'OGKIT_ENGINE must be one of satori, takumi (got "resvg")',
    );
    expect(() => configFromFlags({ engine: "Takumi" })).toThrow(/--engine must be one of satori, takumi/);
  });

  it("derives the help and the docs table from the same entries", () => {
    const help = configHelp();
    const markdown = configMarkdownTable();
    for (const entry of configTable) {
      expect(help).toContain(`--${entry.flag}`);
      expect(help).toContain(entry.env);
      expect(markdown).toContain(`\`${entry.env}\``);
      expect(markdown).toContain(`\`${entry.option}\``);
    }
  });

  it("docs/configuration.md is the generated table (npm run generate -w @ogkit/server)", () => {
    const doc = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
    expect(doc).toBe(configurationDoc());
  });
});
