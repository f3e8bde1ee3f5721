/** The signing secrets in OGKIT_SECRET, comma-separated; the first one signs, all of them verify. */
export function secretsFromEnv(): string[] {
  return (process.env.OGKIT_SECRET ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
}
