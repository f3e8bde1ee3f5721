import { formats, type ImageFormat, OgError, type OgIssue } from "@ogkit/sdk";

/** The entry field that names a card's output file; every other field is an image parameter. */
export const NAME_FIELD = "slug";

/** The longest slug, in characters: far below any file system's path limit once joined to --out. */
export const SLUG_MAX_LENGTH = 200;

// One folder or file name: letters and digits of any script, then also '.', '-' and '_'. It never
// starts with a dot, so no slug is '.', '..', a hidden file or one of batch's own dot files.
const SEGMENT = /^[\p{L}\p{N}_][\p{L}\p{N}\p{M}._-]*$/u;

function slugIssue(message: string): OgIssue {
  return { path: NAME_FIELD, message };
}

/**
 * Checks an entry's slug: a relative name under the output directory, with '/' between folders
 * (`my-post`, `blog/my-post`). Traversal (`..`), absolute paths, drive letters, backslashes and
 * empty names are refused, so no entry can write outside the output directory.
 */
export function checkSlug(value: unknown): { slug: string } | { issue: OgIssue } {
  if (value === undefined || value === null || value === "") {
    return { issue: slugIssue(`${NAME_FIELD} is required: the output file's name, such as my-post or blog/my-post`) };
  }
  if (typeof value !== "string") return { issue: slugIssue(`${NAME_FIELD} must be text (got ${typeof value})`) };
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  if (value.length > SLUG_MAX_LENGTH) {
    return { issue: slugIssue(`${NAME_FIELD} must be at most ${SLUG_MAX_LENGTH} characters (got ${value.length})`) };
  }
  if (value.includes("\\")) {
    return { issue: slugIssue(`${NAME_FIELD} must use / between folders, not \\ (got "${shown}")`) };
  }
  if (value.startsWith("/") || /^[A-Za-z]:/.test(value)) {
    return { issue: slugIssue(`${NAME_FIELD} must be a relative name inside the output directory (got "${shown}")`) };
  }
  const segments = value.split("/");
  if (segments.some((segment) => segment === ".." || segment === ".")) {
    return { issue: slugIssue(`${NAME_FIELD} must not contain . or .. folders (got "${shown}")`) };
  }
  if (segments.some((segment) => segment === "")) {
    return { issue: slugIssue(`${NAME_FIELD} must not have an empty folder name (got "${shown}")`) };
  }
  if (!segments.every((segment) => SEGMENT.test(segment))) {
    return {
      issue: slugIssue(
        `${NAME_FIELD} may only contain letters, digits, '-', '_' and '.' (not first), with / between folders (got "${shown}")`,
      ),
    };
  }
  return { slug: value };
}

export function slugError(issue: OgIssue): OgError {
  return new OgError("INVALID_PARAMS", issue.message, { issues: [issue] });
}

/** The file extension of a format, as `ogkit render` names its default output. */
export function extensionOf(format: ImageFormat): string {
  return format === "jpeg" ? "jpg" : format;
}

/** Every extension a slug's card may have had, so a failed entry's old record can be dropped whatever its format. */
export const ALL_EXTENSIONS: readonly string[] = formats.map(extensionOf);

/**
 * The key two entries collide on: the same file on a case-insensitive file system (macOS, Windows)
 * and in either Unicode normalization.
 */
export function collisionKey(file: string): string {
  return file.normalize("NFC").toLowerCase();
}
