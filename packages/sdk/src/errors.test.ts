import { describe, expect, it } from "vitest";
import { errorStatus, invalidParams, isOgError, OgError } from "./errors.js";

describe("OgError", () => {
  it("maps every code to its fixed status", () => {
    for (const [code, status] of Object.entries(errorStatus)) {
      expect(new OgError(code as keyof typeof errorStatus, "m").status).toBe(status);
    }
    expect(errorStatus).toMatchObject({ INVALID_PARAMS: 400, BAD_SIGNATURE: 403, EXPIRED: 403, URL_TOO_LONG: 414 });
  });

  it("serializes to the one JSON body, without cause or stack", () => {
    const error = new OgError("INVALID_PARAMS", "bad", {
      issues: [{ path: "title", message: "title is required" }],
      cause: new Error("secret internals"),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      error: { code: "INVALID_PARAMS", message: "bad", issues: [{ path: "title", message: "title is required" }] },
    });
  });

  it("rebuilds itself from a body, keeping a differing status, and refuses non-bodies", () => {
    const body = { error: { code: "EXPIRED", message: "gone", issues: [{ path: "exp", message: "old" }, { bad: 1 }] } };
    const error = OgError.fromBody(body);
    expect(error).toMatchObject({
      code: "EXPIRED",
      status: 403,
      message: "gone",
      issues: [{ path: "exp", message: "old" }],
    });
    expect(OgError.fromBody(body, 410)?.status).toBe(410);
    expect(OgError.fromBody({ error: { code: "NOPE" } })).toBeUndefined();
    expect(OgError.fromBody("text")).toBeUndefined();
  });

  it("wraps unknown failures as RENDER_FAILED with the original as cause", () => {
    const original = new TypeError("boom");
    const error = OgError.from(original);
    expect(error).toMatchObject({ code: "RENDER_FAILED", status: 500, cause: original });
    expect(error.message).not.toContain("boom");
    const known = new OgError("OVERLOADED", "busy", { headers: { "Retry-After": "1" } });
    expect(OgError.from(known)).toBe(known);
    expect(known.headers).toEqual({ "Retry-After": "1" });
    expect(isOgError(known)).toBe(true);
    expect(isOgError(original)).toBe(false);
  });

  it("summarizes invalid params by field", () => {
    expect(invalidParams([{ path: "title", message: "title is required" }]).message).toBe("title is required");
    const many = invalidParams([
      { path: "title", message: "a" },
      { path: "width", message: "b" },
    ]);
    expect(many).toMatchObject({ code: "INVALID_PARAMS", message: "Invalid title, width" });
  });
});
