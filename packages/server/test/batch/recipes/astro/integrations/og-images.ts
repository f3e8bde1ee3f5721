import { fileURLToPath } from "node:url";
import { type BatchItem, type RenderBatchOptions, renderBatch } from "@ogkit/server";

export interface OgImagesOptions {
  /** The cards: one per page, each with its slug (public/og/<slug>.png) and parameters. */
  items: () => BatchItem[] | Promise<BatchItem[]>;
  /** Parameters every card gets, such as brand and theme. */
  defaults?: RenderBatchOptions["defaults"];
}

/** The part of Astro's integration logger used here. */
interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/**
 * An Astro integration: before every `astro build`, renders the cards into public/og/, which Astro
 * then copies into the site. Unchanged cards are skipped, so public/og can be committed or cached.
 * (In your project, type the result as `AstroIntegration` from "astro".)
 */
export function ogImages(options: OgImagesOptions) {
  let publicDir: URL | undefined;
  return {
    name: "og-images",
    hooks: {
      "astro:config:setup": ({ config }: { config: { publicDir: URL } }) => {
        publicDir = config.publicDir;
      },
      "astro:build:start": async ({ logger }: { logger: Logger }) => {
        if (!publicDir) throw new Error("og-images: astro:config:setup has not run");
        const summary = await renderBatch(await options.items(), {
          outDir: fileURLToPath(new URL("og/", publicDir)),
          defaults: options.defaults,
        });
        for (const item of summary.items) {
          if (item.error) logger.error(`${item.location} (${item.slug ?? "no slug"}): ${item.error.message}`);
        }
        logger.info(`rendered ${summary.rendered}, skipped ${summary.skipped}, failed ${summary.failed}`);
        if (summary.failed > 0) throw new Error(`og-images: ${summary.failed} card(s) failed`);
      },
    },
  };
}
