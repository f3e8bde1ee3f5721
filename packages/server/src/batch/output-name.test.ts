import { formats } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { ALL_EXTENSIONS, checkSlug, collisionKey, extensionOf, SLUG_MAX_LENGTH } from "./output-name.js";

const issueOf = (value: unknown) => {
  const checked = checkSlug(value);
  return "issue" in checked ? checked.issue.message : undefined;
};

describe("checkSlug", () => {
  it("accepts plain names, folders, dots inside names and letters of any script", () => {
    for (const slug of ["my-post", "blog/my-post", "2026/03/hello_world", "v1.2", "café", "博客/文章", "a"]) {
      expect(checkSlug(slug)).toEqual({ slug });
    }
  });

  it("refuses path traversal, however it is spelled", () => {
    for (const slug of ["..", "../evil", "blog/../../evil", "./post", "blog/."]) {
      expect(issueOf(slug), slug).toMatch(/^slug must not contain \. or \.\. folders/);
    }
  });

  it("refuses absolute paths, drive letters and backslashes", () => {
    expect(issueOf("/etc/passwd")).toMatch(/^slug must be a relative name inside the output directory/);
    expect(issueOf("C:/Windows/x")).toMatch(/^slug must be a relative name/);
    expect(issueOf("c:evil")).toMatch(/^slug must be a relative name/);
    expect(issueOf("..\\evil")).toMatch(/^slug must use \/ between folders, not \\/);
  });

  it("refuses empty, missing and non-text names, and empty folders", () => {
    expect(issueOf(undefined)).toMatch(/^slug is required/);
    expect(issueOf("")).toMatch(/^slug is required/);
    expect(issueOf(null)).toMatch(/^slug is required/);
    expect(issueOf(42)).toBe("slug must be text (got number)");
    expect(issueOf("blog//post")).toMatch(/empty folder name/);
    expect(issueOf("blog/")).toMatch(/empty folder name/);
  });

  it("refuses hidden files, spaces, control characters and other punctuation", () => {
    for (const slug of [".ogkit-batch", "blog/.hidden", "my post", "a\u0000b", "a\nb", "a?b", "a*b", "-", "ab:c"]) {
      expect(issueOf(slug), JSON.stringify(slug)).toMatch(/^slug may only contain letters, digits/);
    }
    // "-" is refused only as a first character; inside a name it is fine.
    expect(checkSlug("a-")).toEqual({ slug: "a-" });
  });

  it("refuses a name longer than the limit, naming the limit", () => {
    expect(checkSlug("a".repeat(SLUG_MAX_LENGTH))).toEqual({ slug: "a".repeat(SLUG_MAX_LENGTH) });
    expect(issueOf("a".repeat(SLUG_MAX_LENGTH + 1))).toBe(
      `slug must be at most ${SLUG_MAX_LENGTH} characters (got ${SLUG_MAX_LENGTH + 1})`,
    );
  });
});

describe("file names", () => {
  it("one extension per SDK format, jpeg as .jpg", () => {
    expect(ALL_EXTENSIONS).toHaveLength(formats.length);
    expect(extensionOf("jpeg")).toBe("jpg");
    expect(extensionOf("png")).toBe("png");
  });

  it("names that differ only in case or Unicode normalization collide", () => {
    expect(collisionKey("Blog/Post.png")).toBe(collisionKey("blog/post.png"));
    expect(collisionKey("cafe\u0301.png")).toBe(collisionKey("caf\u00e9.png"));
    expect(collisionKey("a.png")).not.toBe(collisionKey("b.png"));
  });
});
