import { OgError } from "@ogkit/sdk";
import { expect } from "vitest";

/** The OgError a promise rejects with (fails the test if it resolves or rejects with something else). */
export async function rejection(promise: Promise<unknown>): Promise<OgError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OgError);
  return error as OgError;
}
