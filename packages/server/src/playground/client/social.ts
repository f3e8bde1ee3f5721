import { h } from "./dom.js";

/** What a link preview shows besides the image: the page's title, description and site. */
export interface SocialContext {
  imageUrl: string;
  title: string;
  description: string;
  /** The host of the shared page (shown by X, Facebook, LinkedIn). */
  host: string;
  /** og:site_name (shown by Slack and Discord). */
  siteName: string;
}

type Bind = keyof SocialContext;

const text = (bind: Bind, className: string, tag: "span" | "p" | "a" = "span") =>
  h(tag, { class: className, "data-bind": bind });
const image = (className: string) =>
  h("img", {
    class: `social-image ${className}`,
    "data-bind": "imageUrl",
    alt: "",
    loading: "lazy",
    decoding: "async",
  });

interface Platform {
  id: string;
  name: string;
  /** The card type and crop, as the label says it. */
  spec: string;
  body(): HTMLElement;
}

/**
 * The platforms, each drawn like its link card. Crops are CSS: `aspect-ratio` and `object-fit:
 * cover` cut a 1200x630 image to X's 2:1 or Facebook's 1.91:1 the way those sites do; Slack and
 * Discord show the whole image at its own aspect, scaled into their embed width.
 */
const platforms: Platform[] = [
  {
    id: "x",
    name: "X / Twitter",
    spec: "summary_large_image · 2:1 crop",
    body: () =>
      h(
        "div",
        { class: "x" },
        h("div", { class: "x-card" }, image("x-image"), text("host", "x-domain")),
        h("p", { class: "x-from" }, "From ", text("host", "")),
      ),
  },
  {
    id: "facebook",
    name: "Facebook",
    spec: "1.91:1 crop",
    body: () =>
      h(
        "div",
        { class: "fb" },
        image("fb-image"),
        h(
          "div",
          { class: "fb-meta" },
          text("host", "fb-domain"),
          text("title", "fb-title"),
          text("description", "fb-desc"),
        ),
      ),
  },
  {
    id: "linkedin",
    name: "LinkedIn",
    spec: "1.91:1 crop",
    body: () =>
      h(
        "div",
        { class: "li" },
        image("li-image"),
        h("div", { class: "li-meta" }, text("title", "li-title"), text("host", "li-domain")),
      ),
  },
  {
    id: "slack",
    name: "Slack",
    spec: "unfurl · whole image, 360 px wide",
    body: () =>
      h(
        "div",
        { class: "slack" },
        h(
          "div",
          { class: "slack-content" },
          text("siteName", "slack-site"),
          text("title", "slack-title"),
          text("description", "slack-desc", "p"),
          image("slack-image"),
        ),
      ),
  },
  {
    id: "discord",
    name: "Discord",
    spec: "embed · whole image",
    body: () =>
      h(
        "div",
        { class: "discord" },
        h(
          "div",
          { class: "discord-embed" },
          text("siteName", "discord-site"),
          text("title", "discord-title"),
          text("description", "discord-desc", "p"),
          image("discord-image"),
        ),
      ),
  },
];

/** Draws every platform's card into `container`; the returned function updates them all. */
export function renderSocialPreviews(container: HTMLElement): (context: SocialContext) => void {
  container.replaceChildren(
    ...platforms.map((platform) =>
      h(
        "figure",
        { class: `social social--${platform.id}`, "data-platform": platform.id },
        h(
          "figcaption",
          { class: "social-label" },
          h("span", { class: "social-name" }, platform.name),
          h("span", { class: "social-spec" }, platform.spec),
        ),
        platform.body(),
      ),
    ),
  );
  return (context) => {
    for (const element of container.querySelectorAll<HTMLElement>("[data-bind]")) {
      const value = context[element.dataset.bind as Bind];
      if (element instanceof HTMLImageElement) {
        if (element.getAttribute("src") !== value) element.src = value;
      } else {
        element.textContent = value;
      }
    }
    for (const element of container.querySelectorAll<HTMLElement>("[data-bind=description]")) {
      element.hidden = context.description === "";
    }
  };
}
