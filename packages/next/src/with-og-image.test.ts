import type { Metadata, ResolvingMetadata } from "next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ogMetadata } from "./metadata.js";
import { mergeOgMetadata, withOgImage } from "./with-og-image.js";

beforeEach(() => {
  vi.stubEnv("OGKIT_SECRET", "");
  return () => vi.unstubAllEnvs();
});

const og = ogMetadata({ title: "Post" });
const parent = Promise.resolve({}) as unknown as ResolvingMetadata;

describe("mergeOgMetadata", () => {
  it("adds the images to a page without Open Graph or Twitter metadata", () => {
    const page: Metadata = { title: "Post", description: "An excerpt", alternates: { canonical: "/blog/post" } };
    expect(mergeOgMetadata(page, og)).toEqual({ ...page, ...og });
  });

  it("keeps every field the page set, one level deep in openGraph and twitter", () => {
    const page: Metadata = {
      title: { absolute: "Post" },
      openGraph: { type: "article", title: "Post", description: "An excerpt", publishedTime: "2026-03-31" },
      twitter: { site: "@ogkit", title: "Post" },
    };
    expect(mergeOgMetadata(page, og)).toEqual({
      title: { absolute: "Post" },
      openGraph: { ...page.openGraph, images: og.openGraph.images },
      twitter: { site: "@ogkit", title: "Post", card: "summary_large_image", images: og.twitter.images },
    });
  });

  it("keeps images and a card the page chose itself, even an empty list", () => {
    const page: Metadata = {
      openGraph: { images: [{ url: "/cover.png", width: 800, height: 400 }] },
      twitter: { card: "summary", images: [] },
    };
    expect(mergeOgMetadata(page, og)).toEqual(page);
  });

  it("leaves a section the page switched off (null) switched off", () => {
    expect(mergeOgMetadata({ openGraph: null, twitter: null }, og)).toEqual({ openGraph: null, twitter: null });
  });

  it("does not mutate the page's metadata", () => {
    const page: Metadata = { openGraph: { title: "Post" } };
    mergeOgMetadata(page, og);
    expect(page).toEqual({ openGraph: { title: "Post" } });
  });
});

describe("withOgImage", () => {
  it("merges into a static metadata object, from params or from a function of it", () => {
    expect(withOgImage({ title: "Post" }, { title: "Post" })).toEqual({ title: "Post", ...og });
    expect(withOgImage({ title: "Post" }, (metadata) => ({ title: String(metadata.title) }))).toEqual({
      title: "Post",
      ...og,
    });
  });

  it("wraps generateMetadata, passing the page's props and parent through", async () => {
    type Props = { params: Promise<{ slug: string }> };
    const generate = vi.fn(async ({ params }: Props, _parent: ResolvingMetadata) => {
      const { slug } = await params;
      return { title: `Post ${slug}`, openGraph: { type: "article" as const } };
    });
    const toParams = vi.fn(async (metadata: Metadata, { params }: Props) => ({
      title: String(metadata.title),
      caption: (await params).slug,
    }));
    const generateMetadata = withOgImage(generate, toParams, { baseUrl: "https://blog.example.com" });
    const props = { params: Promise.resolve({ slug: "hello" }) };
    const metadata = await generateMetadata(props, parent);

    expect(generate).toHaveBeenCalledWith(props, parent);
    expect(toParams).toHaveBeenCalledWith({ title: "Post hello", openGraph: { type: "article" } }, props);
    const expected = ogMetadata({ title: "Post hello", caption: "hello" }, { baseUrl: "https://blog.example.com" });
    expect(metadata).toEqual({
      title: "Post hello",
      openGraph: { type: "article", images: expected.openGraph.images },
      twitter: expected.twitter,
    });
  });

  it("rejects with the SDK's error when the params are invalid", async () => {
    const generateMetadata = withOgImage(
      async () => ({ title: "" }),
      (metadata) => ({ title: String(metadata.title) }),
    );
    await expect(generateMetadata({}, parent)).rejects.toMatchObject({ code: "INVALID_PARAMS" });
  });
});
