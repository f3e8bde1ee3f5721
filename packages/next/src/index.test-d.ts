import type { Metadata, ResolvingMetadata } from "next";
import { describe, expectTypeOf, it } from "vitest";
import { type OgMetadata, ogMetadata, withOgImage } from "./index.js";
import { createOgRoute, createOpenGraphImage, type OpenGraphImageProps } from "./route.js";

describe("ogMetadata types", () => {
  it("returns a fragment assignable to Next's Metadata", () => {
    expectTypeOf(ogMetadata({ title: "x" })).toEqualTypeOf<OgMetadata>();
    expectTypeOf(ogMetadata({ title: "x" })).toExtend<Metadata>();
    const metadata: Metadata = { title: "x", description: "y", ...ogMetadata({ title: "x" }) };
    expectTypeOf(metadata).toExtend<Metadata>();
  });

  it("refuses wrong params at compile time", () => {
    // @ts-expect-error: title is required
    ogMetadata({ theme: "dark" });
    // @ts-expect-error: not a theme
    ogMetadata({ title: "x", theme: "purple" });
    // @ts-expect-error: width is a number
    ogMetadata({ title: "x", width: "1200" });
    // @ts-expect-error: unknown parameter
    ogMetadata({ title: "x", titel: "y" });
    // @ts-expect-error: not a Lucide icon
    ogMetadata({ title: "x", icon: "rockett" });
    // @ts-expect-error: a secret is a string (or false)
    ogMetadata({ title: "x" }, { secret: 42 });
  });
});

describe("withOgImage types", () => {
  it("keeps a static export a Metadata", () => {
    expectTypeOf(withOgImage({ title: "x" }, { title: "x" })).toEqualTypeOf<Metadata>();
    // @ts-expect-error: the params must be valid
    withOgImage({ title: "x" }, { title: "x", pattern: "stripes" });
  });

  it("turns a generateMetadata into one Next accepts, with the page's props", () => {
    type Props = { params: Promise<{ slug: string }> };
    const generateMetadata = withOgImage(
      async ({ params }: Props) => ({ title: (await params).slug }),
      async (_metadata, { params }) => ({ title: (await params).slug }),
    );
    expectTypeOf(generateMetadata).toEqualTypeOf<(props: Props, parent: ResolvingMetadata) => Promise<Metadata>>();
    // @ts-expect-error: toParams must return valid params (a title)
    withOgImage(
      async ({ params }: Props) => ({ title: (await params).slug }),
      () => ({ subtitle: "no title" }),
    );
  });
});

describe("route types", () => {
  it("gives Route Handlers and the opengraph-image exports", () => {
    const route = createOgRoute();
    expectTypeOf(route.GET).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(route.POST).toEqualTypeOf<(request: Request) => Promise<Response>>();
    const image = createOpenGraphImage(async ({ params }) => ({ title: String((await params).slug) }));
    expectTypeOf(image.default).toEqualTypeOf<(props: OpenGraphImageProps) => Promise<Response>>();
    expectTypeOf(image.size).toEqualTypeOf<{ width: number; height: number }>();
    // @ts-expect-error: the params must be valid
    createOpenGraphImage({ title: "x", layout: "grid" });
  });
});
