import { createOgRoute } from "@ogkit/next/route";

// Renders the URLs ogMetadata builds; verifies their signature when OGKIT_SECRET is set.
export const { GET, POST } = createOgRoute();

export const runtime = "nodejs";
