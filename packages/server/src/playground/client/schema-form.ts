import { type JsonSchemaProperty, type OgIssue, type OgJsonSchema, textLength } from "@ogkit/sdk";
import { h } from "./dom.js";

/** How a parameter is edited, decided from its JSON Schema alone. */
export type FieldKind = "text" | "code" | "select" | "number" | "color" | "color-pair";

/** One form field, derived from one property of the SDK's JSON Schema. */
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  description: string;
  required: boolean;
  /** Enum values, in schema order. */
  options?: string[];
  /** The schema's default, as text; absent means the parameter has none. */
  defaultValue?: string;
  /** Suggestions (the schema's `examples`). */
  examples?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /** `x-inputOnly`: an alias or preset, folded into another parameter and never in a canonical URL. */
  inputOnly: boolean;
  /** `x-aliasOf`: the canonical parameter an alias feeds. */
  aliasOf?: string;
  /** Short fields share a row with another. */
  half: boolean;
}

/** A pattern accepts what a value must look like: behaviour, not names, picks a color picker. */
function accepts(pattern: string | undefined, sample: string): boolean {
  if (pattern === undefined) return false;
  try {
    return new RegExp(pattern, "u").test(sample);
  } catch {
    return false;
  }
}

function kindOf(property: JsonSchemaProperty): FieldKind {
  if (Array.isArray(property.enum)) return "select";
  if (property.type === "integer" || property.type === "number") return "number";
  if (typeof property.contentMediaType === "string") return "code";
  if (accepts(property.pattern, "a1b2c3") && accepts(property.pattern, "#fff")) return "color";
  if (accepts(property.pattern, "a1b2c3,d4e5f6")) return "color-pair";
  return "text";
}

const SHORT_TEXT = 50;

/** Every property of the schema, in schema order, as a field. Nothing here knows a parameter's name. */
export function fieldsFromSchema(schema: OgJsonSchema): FieldSpec[] {
  const required = new Set(schema.required);
  return Object.entries(schema.properties).map(([name, property]) => {
    const kind = kindOf(property);
    const spec: FieldSpec = {
      name,
      kind,
      description: property.description ?? "",
      required: required.has(name),
      inputOnly: property["x-inputOnly"] === true,
      half:
        kind === "select" ||
        kind === "number" ||
        kind === "color" ||
        (kind === "text" && (property.maxLength ?? Number.POSITIVE_INFINITY) <= SHORT_TEXT),
    };
    if (Array.isArray(property.enum)) spec.options = property.enum.map(String);
    if (property.default !== undefined) spec.defaultValue = String(property.default);
    if (Array.isArray(property.examples)) spec.examples = property.examples.map(String);
    if (property.minimum !== undefined) spec.minimum = property.minimum;
    if (property.maximum !== undefined) spec.maximum = property.maximum;
    if (property.maxLength !== undefined) spec.maxLength = property.maxLength;
    if (typeof property["x-aliasOf"] === "string") spec.aliasOf = property["x-aliasOf"];
    return spec;
  });
}

/**
 * Extra behaviour for one field's input, such as searching icon names as the user types; it may
 * return an element to place after the input (a datalist).
 */
export type FieldEnhancer = (input: HTMLInputElement, spec: FieldSpec) => HTMLElement | undefined;

export interface FormView {
  readonly form: HTMLFormElement;
  readonly fields: readonly FieldSpec[];
  /** The non-empty values, by parameter name, as the user typed them (the SDK trims and normalizes). */
  values(): Record<string, string>;
  /** Replaces every value (absent names are cleared). */
  setValues(values: Readonly<Record<string, string>>): void;
  /** Shows each issue beside its field; returns the issues no field took (the request as a whole). */
  showIssues(issues: readonly OgIssue[]): OgIssue[];
  /** The field element of a parameter, for tests and focus. */
  fieldElement(name: string): HTMLElement | undefined;
}

const id = (name: string) => `param-${name}`;

function colorPicker(label: string): HTMLInputElement {
  return h("input", { type: "color", class: "swatch", "aria-label": label, tabindex: -1 });
}

/** Hex without '#' to the picker's #rrggbb, or undefined when it is not a whole color yet. */
function toPicker(hex: string): string | undefined {
  const value = hex.trim().replace(/^#/, "").toLowerCase();
  if (/^[0-9a-f]{6}$/.test(value)) return `#${value}`;
  if (/^[0-9a-f]{3}$/.test(value)) return `#${value.replace(/./g, (c) => c + c)}`;
  return undefined;
}

interface RenderedField {
  element: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
  counter?: HTMLElement;
  /** Brings decorations (pickers, counters) in line with the control's value. */
  sync(): void;
}

function renderField(spec: FieldSpec, enhance: FieldEnhancer | undefined): RenderedField {
  const errorId = `${id(spec.name)}-error`;
  const hintId = `${id(spec.name)}-hint`;
  const common = {
    id: id(spec.name),
    name: spec.name,
    "aria-describedby": `${hintId} ${errorId}`,
    required: spec.required,
  };
  let control: RenderedField["control"];
  let body: HTMLElement;
  let sync = () => {};
  const decorations: HTMLElement[] = [];

  switch (spec.kind) {
    case "select": {
      // The default is "not given" (empty): the server applies it, and a built-in template may pick another.
      const options = (spec.options ?? []).map((value) =>
        h("option", { value: value === spec.defaultValue ? "" : value }, value),
      );
      if (spec.defaultValue === undefined) options.unshift(h("option", { value: "" }, "—"));
      else {
        const index = options.findIndex((option) => option.value === "");
        options[index]!.textContent = `${spec.defaultValue} (default)`;
      }
      control = h("select", common, ...options);
      body = control;
      break;
    }
    case "number": {
      control = h("input", {
        ...common,
        type: "number",
        inputmode: "numeric",
        step: 1,
        min: spec.minimum,
        max: spec.maximum,
        placeholder: spec.defaultValue,
      });
      body = control;
      break;
    }
    case "code": {
      control = h("textarea", { ...common, rows: 4, class: "mono", placeholder: "<div>…</div>" });
      body = control;
      break;
    }
    case "color":
    case "color-pair": {
      const count = spec.kind === "color" ? 1 : 2;
      const text = h("input", {
        ...common,
        type: "text",
        class: "mono",
        placeholder: count === 1 ? "theme" : "from,to",
        "data-color-count": count,
      });
      const pickers = Array.from({ length: count }, (_, i) =>
        colorPicker(count === 1 ? `${spec.name} color` : `${spec.name} ${i === 0 ? "from" : "to"} color`),
      );
      sync = () => {
        const parts = count === 1 ? [text.value] : text.value.split(",");
        pickers.forEach((picker, i) => {
          const color = toPicker(parts[i] ?? "");
          picker.classList.toggle("is-empty", color === undefined);
          if (color !== undefined) picker.value = color;
        });
      };
      pickers.forEach((picker, i) => {
        picker.addEventListener("input", () => {
          const hex = picker.value.slice(1);
          if (count === 1) text.value = hex;
          else {
            const parts = text.value.split(",").map((part) => part.trim());
            const other = parts[1 - i] && toPicker(parts[1 - i] ?? "") ? parts[1 - i] : hex;
            text.value = i === 0 ? `${hex},${other}` : `${other},${hex}`;
          }
          text.dispatchEvent(new Event("input", { bubbles: true }));
        });
      });
      control = text;
      body = h("div", { class: "color-input" }, ...pickers, text);
      break;
    }
    default: {
      const listId = spec.examples ? `${id(spec.name)}-examples` : undefined;
      control = h("input", { ...common, type: "text", list: listId });
      if (listId)
        decorations.push(h("datalist", { id: listId }, ...(spec.examples ?? []).map((v) => h("option", { value: v }))));
      body = control;
    }
  }
  if (enhance && control instanceof HTMLInputElement) {
    const extra = enhance(control, spec);
    if (extra) decorations.push(extra);
  }

  const counter =
    spec.maxLength !== undefined && (spec.kind === "text" || spec.kind === "code")
      ? h("span", { class: "counter", "aria-hidden": "true" })
      : undefined;
  if (counter) {
    const max = spec.maxLength as number;
    const previous = sync;
    sync = () => {
      previous();
      const length = textLength(control.value);
      counter.textContent = `${length}/${max}`;
      counter.classList.toggle("is-over", length > max);
    };
  }

  const range =
    spec.kind === "number" && spec.minimum !== undefined && spec.maximum !== undefined
      ? h("span", { class: "counter" }, `${spec.minimum}–${spec.maximum}`)
      : undefined;
  const hint = [spec.description];
  if (spec.aliasOf) hint.push(`Alias of ${spec.aliasOf}.`);

  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const element = h(
    "div",
    { class: `field field--${spec.kind}${spec.half ? " field--half" : ""}`, "data-field": spec.name },
    h(
      "div",
      { class: "field-head" },
      h("label", { for: id(spec.name) }, spec.name),
      spec.required ? h("span", { class: "badge" }, "required") : null,
      counter ?? range ?? null,
    ),
    body,
    ...decorations,
    // Half-width hints are cut to two lines; the title shows the whole description.
    h("p", { class: "field-hint", id: hintId, title: spec.half ? hint.join(" ") : undefined }, hint.join(" ")),
    error,
  );
  control.addEventListener("input", sync);
  sync();
  return { element, control, error, counter, sync };
}

/**
 * Renders the fields into the form: canonical parameters first, in schema order; input-only
 * aliases and presets in a collapsed "Aliases" section after them.
 */
export function renderForm(
  form: HTMLFormElement,
  fields: readonly FieldSpec[],
  enhancers: Readonly<Record<string, FieldEnhancer | undefined>> = {},
): FormView {
  const rendered = new Map<string, RenderedField>();
  const grid = h("div", { class: "field-grid" });
  const aliasGrid = h("div", { class: "field-grid" });
  for (const spec of fields) {
    const field = renderField(spec, enhancers[spec.name]);
    rendered.set(spec.name, field);
    (spec.inputOnly ? aliasGrid : grid).append(field.element);
  }
  form.replaceChildren(grid);
  if (aliasGrid.childElementCount > 0) {
    form.append(
      h(
        "details",
        { class: "aliases", id: "aliases" },
        h(
          "summary",
          {},
          "Aliases and presets ",
          h("span", { class: "muted" }, `(${aliasGrid.childElementCount}, input only)`),
        ),
        h(
          "p",
          { class: "aliases-note" },
          "Accepted for compatibility and folded into the parameters above; the canonical URL never carries them.",
        ),
        aliasGrid,
      ),
    );
  }

  return {
    form,
    fields,
    values() {
      const values: Record<string, string> = {};
      for (const [name, field] of rendered) {
        if (field.control.value !== "") values[name] = field.control.value;
      }
      return values;
    },
    setValues(values) {
      for (const [name, field] of rendered) {
        const value = values[name] ?? "";
        if (field.control instanceof HTMLSelectElement) {
          const select = field.control;
          const wanted = value === fields.find((spec) => spec.name === name)?.defaultValue ? "" : value;
          for (const option of select.querySelectorAll("option[data-unknown]")) option.remove();
          // A value the schema does not offer (from a hand-edited link) is kept, so validation names it.
          if (![...select.options].some((option) => option.value === wanted)) {
            select.append(h("option", { value: wanted, "data-unknown": true }, wanted));
          }
          select.value = wanted;
        } else {
          field.control.value = value;
        }
        field.sync();
      }
      const aliases = form.querySelector<HTMLDetailsElement>("details.aliases");
      if (aliases && fields.some((spec) => spec.inputOnly && values[spec.name])) aliases.open = true;
    },
    showIssues(issues) {
      const byField = new Map<string, string[]>();
      const rest: OgIssue[] = [];
      for (const issue of issues) {
        const name = issue.path.split(".")[0] ?? "";
        if (!rendered.has(name)) {
          rest.push(issue);
          continue;
        }
        byField.set(name, [...(byField.get(name) ?? []), issue.message]);
      }
      for (const [name, field] of rendered) {
        const messages = byField.get(name);
        field.error.hidden = !messages;
        field.error.textContent = messages ? messages.join("; ") : "";
        field.element.classList.toggle("has-error", Boolean(messages));
        field.control.setAttribute("aria-invalid", messages ? "true" : "false");
        if (messages && field.element.closest("details"))
          (field.element.closest("details") as HTMLDetailsElement).open = true;
      }
      return rest;
    },
    fieldElement(name) {
      return rendered.get(name)?.element;
    },
  };
}
