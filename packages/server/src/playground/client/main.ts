import {
  type ImageFormat,
  imageMediaType,
  OgError,
  type OgIssue,
  type OgParamName,
  type OgParams,
  ogJsonSchema,
  ogUrl,
  type ResolvedOgParams,
  safeParseOgParams,
} from "@ogkit/sdk";
import { byId, copyText, debounce, flash, h } from "./dom.js";
import { highlight } from "./highlight.js";
import { type FieldEnhancer, type FormView, fieldsFromSchema, renderForm } from "./schema-form.js";
import { imageExtension, type Snippet, type SnippetTab, snippetsFor, snippetTabs } from "./snippets.js";
import { renderSocialPreviews } from "./social.js";

/** The preview, URL and snippets follow the form once typing pauses this long. */
const DEBOUNCE_MS = 250;
const ICON_SEARCH_MS = 120;
const ICON_SUGGESTIONS = 80;

// The only parameter names this page types, each checked against the schema by the compiler:
// which field searches the server's icons, and where a link card's title, description and site
// name come from. Every field itself is generated from the JSON Schema.
const ICON_FIELD: OgParamName = "icon";
const CARD_TITLE: OgParamName = "title";
const CARD_DESCRIPTION: OgParamName = "subtitle";
const CARD_SITE: OgParamName = "brand";

/** What the form starts with when the page's #fragment has no parameters. */
const EXAMPLE: OgParams = {
  title: "Ship faster with ogkit",
  subtitle: "Typed, signed and cached Open Graph images from one schema",
  brand: "ogkit.dev",
  theme: "gradient",
  pattern: "dots",
  icon: "rocket",
};

/** The server's origin and mount path: the page is served at its root (always a directory URL). */
const baseUrl = new URL(".", location.href).href.replace(/\/$/, "");
const api = (path: string) => new URL(path, `${baseUrl}/`).href;

const elements = {
  form: byId<HTMLFormElement>("params"),
  preview: byId<HTMLImageElement>("preview"),
  frame: byId("preview-frame"),
  meta: byId("preview-meta"),
  formError: byId("form-error"),
  url: byId<HTMLInputElement>("og-url"),
  copyUrl: byId<HTMLButtonElement>("copy-url"),
  open: byId<HTMLAnchorElement>("open-url"),
  download: byId<HTMLAnchorElement>("download"),
  reset: byId<HTMLButtonElement>("reset"),
  tabs: byId("snippet-tabs"),
  panels: byId("snippet-panels"),
  social: byId("social"),
};

function asStrings(params: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

/** Icon names from the server as the user types, offered through a datalist. */
const iconSearch: FieldEnhancer = (input) => {
  const list = h("datalist", { id: `${input.id}-suggestions` });
  input.setAttribute("list", list.id);
  let controller: AbortController | undefined;
  const search = debounce(async () => {
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(api(`api/v1/icons?q=${encodeURIComponent(input.value.trim())}`), {
        signal: controller.signal,
      });
      if (!response.ok) return;
      const { icons } = (await response.json()) as { icons: string[] };
      list.replaceChildren(...icons.slice(0, ICON_SUGGESTIONS).map((name) => h("option", { value: name })));
      input.dataset.matches = String(icons.length);
    } catch {
      // Offline or aborted: the field still works as plain text.
    }
  }, ICON_SEARCH_MS);
  input.addEventListener("input", search);
  input.addEventListener("focus", search, { once: true });
  return list;
};

/** Draws the snippet tabs and panels; the returned function fills in the code. */
function renderSnippetTabs(): (snippets: readonly Snippet[]) => void {
  const STORAGE_KEY = "ogkit-playground-snippet";
  const tabs = new Map<string, HTMLButtonElement>();
  const codes = new Map<string, HTMLElement>();
  const panels = new Map<string, HTMLElement>();

  const select = (id: string) => {
    const selected = tabs.has(id) ? id : (snippetTabs[0]?.id as string);
    for (const [tabId, tab] of tabs) {
      const active = tabId === selected;
      tab.setAttribute("aria-selected", String(active));
      tab.tabIndex = active ? 0 : -1;
      (panels.get(tabId) as HTMLElement).hidden = !active;
    }
    try {
      localStorage.setItem(STORAGE_KEY, selected);
    } catch {
      // Storage is off: the choice is not remembered.
    }
  };

  for (const entry of snippetTabs) {
    const tab = h(
      "button",
      {
        type: "button",
        role: "tab",
        class: "tab",
        id: `tab-${entry.id}`,
        "aria-controls": `snippet-${entry.id}`,
        onclick: () => select(entry.id),
      },
      entry.label,
    );
    tab.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      const index = snippetTabs.findIndex((other) => other.id === entry.id);
      const next = snippetTabs[(index + step + snippetTabs.length) % snippetTabs.length] as SnippetTab;
      select(next.id);
      tabs.get(next.id)?.focus();
    });
    const code = h("code", { "data-snippet": entry.id }, "Fix the highlighted parameters to see the code.");
    const copy = h("button", { type: "button", class: "button button--small button--dark" }, "Copy");
    copy.addEventListener("click", () => {
      copyText(code.textContent ?? "").then(
        () => flash(copy, "Copied"),
        () => flash(copy, "Copy failed"),
      );
    });
    const panel = h(
      "div",
      { role: "tabpanel", id: `snippet-${entry.id}`, "aria-labelledby": `tab-${entry.id}`, class: "snippet-panel" },
      h("div", { class: "snippet-bar" }, h("span", { class: "snippet-file" }, entry.file), copy),
      h("pre", { class: "code", tabindex: 0 }, code),
    );
    tabs.set(entry.id, tab);
    codes.set(entry.id, code);
    panels.set(entry.id, panel);
    elements.tabs.append(tab);
    elements.panels.append(panel);
  }
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(STORAGE_KEY);
  } catch {
    // The first tab, then.
  }
  select(remembered ?? "");

  return (snippets) => {
    for (const snippet of snippets) {
      codes.get(snippet.id)?.replaceChildren(...highlight(snippet.code, snippet.language));
    }
  };
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

function start(): void {
  const schema = ogJsonSchema();
  const fields = fieldsFromSchema(schema);
  const numeric = new Set(fields.filter((field) => field.kind === "number").map((field) => field.name));
  const view: FormView = renderForm(elements.form, fields, { [ICON_FIELD]: iconSearch });
  const updateSnippets = renderSnippetTabs();
  const updateSocial = renderSocialPreviews(elements.social);

  let current = "";
  // What img.src reads back: browsers percent-encode a few characters encodeURIComponent leaves ('), so compare as URLs.
  let currentHref = "";
  let resolved: ResolvedOgParams | undefined;

  /** Validates at once, as the user types: counters and messages beside the fields. */
  const validate = (): { url: string; params: ResolvedOgParams } | undefined => {
    const values = view.values();
    const result = safeParseOgParams(values);
    let issues: OgIssue[] = [];
    let url: string | undefined;
    if (result.success) {
      try {
        // Form values are wire text ("1000"), which ogUrl's parser decodes exactly as it does a query's.
        url = ogUrl(values as unknown as OgParams, { baseUrl });
      } catch (error) {
        const ogError = OgError.from(error);
        issues = ogError.issues.length > 0 ? ogError.issues : [{ path: "", message: ogError.message }];
      }
    } else {
      issues = result.error.issues.length > 0 ? result.error.issues : [{ path: "", message: result.error.message }];
    }
    showIssues(issues);
    elements.url.classList.toggle("is-stale", issues.length > 0);
    elements.frame.classList.toggle("is-stale", issues.length > 0);
    return url && result.success ? { url, params: result.data } : undefined;
  };

  const showIssues = (issues: readonly OgIssue[], prefix = "") => {
    const rest = view.showIssues(issues);
    const messages = rest.map((issue) => issue.message);
    elements.formError.hidden = messages.length === 0 && prefix === "";
    elements.formError.textContent = prefix + messages.join("; ");
  };

  /** Points the preview, URL, snippets, social cards and the page's #fragment at the new URL. */
  const apply = () => {
    const valid = validate();
    if (!valid || valid.url === current) return;
    current = valid.url;
    currentHref = new URL(valid.url).href;
    resolved = valid.params;
    const { url, params } = valid;
    const mediaType = imageMediaType(params.format as ImageFormat);
    const query = url.slice(url.indexOf("?") + 1);
    const text = (name: OgParamName) => String(params[name as keyof ResolvedOgParams] ?? "");

    elements.frame.classList.add("is-loading");
    elements.frame.style.aspectRatio = `${params.width} / ${params.height}`;
    elements.preview.src = url;
    elements.preview.alt = `Card: ${text(CARD_TITLE)}`;
    elements.url.value = url;
    elements.open.href = url;
    elements.download.href = url;
    elements.download.download = `og-image.${imageExtension(mediaType)}`;
    elements.meta.textContent = `${params.width} × ${params.height} · ${params.format}`;

    updateSnippets(
      snippetsFor({
        url,
        baseUrl,
        numeric,
        width: params.width,
        height: params.height,
        mediaType,
        alt: text(CARD_TITLE),
      }),
    );
    updateSocial({
      imageUrl: url,
      title: text(CARD_TITLE),
      description: text(CARD_DESCRIPTION),
      host: location.host,
      siteName: text(CARD_SITE) || location.host,
    });
    history.replaceState(null, "", `#${query}`);
  };
  const applySoon = debounce(apply, DEBOUNCE_MS);

  elements.preview.addEventListener("load", () => {
    if (elements.preview.src !== currentHref) return;
    elements.frame.classList.remove("is-loading", "has-error");
    const timing = performance.getEntriesByName(currentHref).at(-1) as PerformanceResourceTiming | undefined;
    const parts = [`${elements.preview.naturalWidth} × ${elements.preview.naturalHeight}`, String(resolved?.format)];
    if (timing && timing.encodedBodySize > 0) parts.push(formatBytes(timing.encodedBodySize));
    if (timing && timing.duration > 0) parts.push(`${Math.round(timing.duration)} ms`);
    elements.meta.textContent = parts.join(" · ");
  });
  elements.preview.addEventListener("error", async () => {
    const failed = elements.preview.src;
    if (failed !== currentHref) return;
    elements.frame.classList.remove("is-loading");
    elements.frame.classList.add("has-error");
    // An <img> cannot read the error body; fetch it to show the server's own message.
    try {
      const response = await fetch(failed);
      const error = OgError.fromBody(await response.json(), response.status);
      if (failed !== currentHref || !error) return;
      showIssues(error.issues, `The server answered ${error.status} ${error.code}: ${error.message}. `);
    } catch {
      if (failed === currentHref) showIssues([], "The server could not be reached. ");
    }
  });

  elements.form.addEventListener("input", () => {
    validate();
    applySoon();
  });
  elements.form.addEventListener("change", applySoon);
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  elements.reset.addEventListener("click", () => {
    view.setValues(asStrings(EXAMPLE));
    apply();
  });
  elements.copyUrl.addEventListener("click", () => {
    copyText(elements.url.value).then(
      () => flash(elements.copyUrl, "Copied"),
      () => flash(elements.copyUrl, "Copy failed"),
    );
  });
  elements.url.addEventListener("focus", () => elements.url.select());

  const fromFragment = () => {
    const given = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
    view.setValues(Object.keys(given).length > 0 ? given : asStrings(EXAMPLE));
    apply();
  };
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
  document.documentElement.dataset.ready = "true";
}

start();
