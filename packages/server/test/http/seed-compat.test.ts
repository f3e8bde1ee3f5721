import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { createOgHandler } from "../../src/index.js";

// The hosted GET API's own examples (first seed), with only the host changed: a user who switches
// to a self-hosted ogkit changes nothing else.
const seedQueries = {
  curl: "title=How+to+Build+a+REST+API&subtitle=A+Complete+Guide+for+Beginners&theme=dark&pattern=dots&icon=code",
  javascript:
    "title=How+to+Build+a+REST+API&subtitle=A+Complete+Guide+for+Beginners&theme=cyberpunk&pattern=circuit&icon=rocket",
  python:
    "title=How+to+Build+a+REST+API&subtitle=A+Complete+Guide+for+Beginners&theme=gradient&pattern=dots&icon=book-open",
  next: "title=My+Post&subtitle=Jane+Doe&theme=dark&pattern=circuit&icon=file-text",
  express: "title=My+Post&subtitle=By+Jane+Doe+%7C+2026-03-31&theme=dark&pattern=dots&icon=pen-tool",
  django: "title=My+Post&subtitle=By+Jane+Doe&theme=gradient&pattern=waves&icon=newspaper",
  metric: "title=Revenue&layout=metric&value=%241.2M&titleColor=ff6600&subtitleColor=1a1a2e&bgColor=0f172a",
  gradient: "title=Launch&bgGradient=ff6600,1a1a2e&caption=A+small+tagline",
};

describe("first seed compatibility: its example URLs render with only the host changed", () => {
  const og = createOgHandler({ pool: false });
  afterAll(() => og.close());

  for (const [name, query] of Object.entries(seedQueries)) {
    it(`${name}: /api/v1/og?${query.slice(0, 40)}...`, async () => {
      const response = await og(new Request(`http://ogkit.local/api/v1/og?${query}`));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      const meta = await sharp(new Uint8Array(await response.arrayBuffer())).metadata();
      expect(meta).toMatchObject({ format: "png", width: 1200, height: 630 });
    });
  }
});
