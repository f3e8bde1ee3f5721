import assert from "node:assert/strict";
// #region og-error
import { errorStatus, invalidParams, isOgError, OgError, ogUrl } from "@ogkit/sdk";

try {
  ogUrl({ title: "" });
  assert.fail("an empty title is refused");
} catch (error) {
  assert.ok(isOgError(error));
  assert.equal(error.code, "INVALID_PARAMS");
  assert.equal(error.status, errorStatus.INVALID_PARAMS); // 400
  // The JSON body every adapter answers with; never a cause or a stack trace.
  assert.deepEqual(error.toJSON(), {
    error: {
      code: "INVALID_PARAMS",
      message: "title is required and must not be empty",
      issues: [{ path: "title", message: "title is required and must not be empty" }],
    },
  });
}
// #endregion

// #region from-body
// A client rebuilds the server's error from its JSON body (createOgClient does this).
const body = { error: { code: "BAD_SIGNATURE", message: "The signature does not match the URL", issues: [] } };
const fromServer = OgError.fromBody(body, 403);
assert.equal(fromServer?.code, "BAD_SIGNATURE");

// Anything else thrown becomes RENDER_FAILED (500), the original kept as cause.
const wrapped = OgError.from(new Error("resvg ran out of memory"));
assert.equal(wrapped.code, "RENDER_FAILED");
assert.equal(wrapped.status, 500);

// One INVALID_PARAMS error for the fields your own code checks.
const mine = invalidParams([{ path: "slug", message: "slug must be lower case" }]);
assert.equal(mine.message, "slug must be lower case");
// #endregion
