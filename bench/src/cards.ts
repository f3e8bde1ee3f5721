import { type OgParams, parseOgParams, type ResolvedOgParams } from "@ogkit/sdk";

/**
 * The four cards of the benchmark, declared once as ogkit parameters. Every peer's input is derived
 * from these: the resolved params (ogkit in process), the URL (ogkit over HTTP) and the element tree
 * ogkit lays out for them (satori + resvg, @vercel/og and takumi draw that same tree).
 */
export interface BenchCard {
  name: string;
  /** What the card is, for the table. */
  description: string;
  params: OgParams;
}

const LONG_TITLE =
  "A two-hundred-character title, the longest ogkit takes: it has to step its size down, wrap over several lines, and clamp with an ellipsis so that it always fits on the card, however long people write.";

// #region cards
export const cards: readonly BenchCard[] = [
  {
    name: "dark-dots",
    description: "dark theme, dot pattern, Lucide icon, two-line title, subtitle, caption",
    params: {
      title: "How to build a REST API with Node.js and TypeScript",
      subtitle: "A complete guide for beginners, from routing to deployment",
      caption: "8 min read · March 2026",
      theme: "dark",
      pattern: "dots",
      icon: "code",
    },
  },
  {
    name: "light",
    description: "light theme, no pattern, icon, title, subtitle, caption, brand",
    params: {
      title: "Pricing that scales with you",
      subtitle: "Start free, upgrade when your team grows",
      caption: "No credit card required",
      theme: "light",
      icon: "rocket",
      brand: "acme.dev",
    },
  },
  {
    name: "metric",
    description: "metric layout: value, label, icon, brand",
    params: {
      title: "Uptime",
      layout: "metric",
      value: "99.98%",
      label: "across all regions, last 30 days",
      theme: "dark",
      icon: "activity",
      brand: "status.acme.dev",
    },
  },
  {
    name: "long-title",
    description: "a 200-character title, subtitle, brand",
    params: { title: LONG_TITLE, subtitle: "And a subtitle under it", brand: "ogkit.dev" },
  },
];
// #endregion

if (cards.some((card) => card.params.title.length > 200) || LONG_TITLE.length !== 200) {
  throw new Error("bench cards: the long title must be exactly 200 characters");
}

/** The card's params as ogkit resolves them (defaults, size). */
export function resolvedParams(card: BenchCard): ResolvedOgParams {
  return parseOgParams(card.params as Record<string, unknown>);
}
