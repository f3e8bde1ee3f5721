/**
 * The signing secrets in OGKIT_SECRET (comma-separated, the first one signs), read on the server
 * only: in a browser this is always empty, so a client bundle can never sign with, or carry, a secret.
 */
export function secretsFromEnv(): string[] {
  if (typeof window !== "undefined" || typeof process === "undefined" || !process.env) return [];
  const value = process.env.OGKIT_SECRET ?? "";
  return value
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
}
