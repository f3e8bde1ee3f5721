import { OgError } from "@ogkit/sdk";
import { unwrapGradientPatterns } from "./svg-optimize.js";

/**
 * Bounds what resvg allocates off screen for an html template's SVG, before resvg sees it.
 *
 * resvg (the 0.34 fork resvg-js 2.6.2 ships, native and WebAssembly) draws every group with a filter, mask, clip
 * path, opacity or blend mode into a layer of its own, clipped to twice the canvas around the layer
 * it is drawn into, and runs a filter over its whole region in device pixels, unclipped. satori
 * writes a shadow's region in percentages of the element's box, grown by the blur squared: a
 * 20000px-tall element under an allowed 50px shadow and scale(2) took 4.1 GB (the same square went
 * past a 9 GB cap), a 50px text-shadow on a 20000px glyph 2.1 GB. Worse, the clip is an `unwrap()`:
 * a layer entirely outside it panics and aborts the whole process (a shadow or opacity on an element
 * translated 6000px away, a text-shadow on 5000px text).
 *
 * The CSS cannot say where things end up (font size, translate, nesting, stylesheet and tailwind
 * classes all move them), so this reads the SVG resvg will parse. It follows satori's output
 * (transforms as attributes, filters, masks, clip paths, patterns), computes every layer and filter
 * region in device pixels from the geometry (the bounds of every path point, arcs cut into cubics as
 * kurbo does: what resvg computes, or a superset) and keeps every layer within SAFE, the card grown
 * by half its size on each side. Layers inside a layer within SAFE then start within resvg's clip
 * box, whatever the nesting; a layer whose region is written out (below) is checked where it
 * starts exactly. So:
 * - a filter region is cut to what its blurs and offsets can still bring onto the card (the content
 *   grown by them; ancestors' filters reach further) and to SAFE, rewritten in user space;
 * - a layer without a filter that reaches out of SAFE gets an identity filter (feOffset 0 0) whose
 *   region cuts it the same way, so that it starts where this says;
 * - a layer entirely beyond is not drawn (display="none"): nothing in it can reach the card;
 * - a mask drawn for two elements placed apart, when either needs such fixes, is copied.
 * Pixels on the card stay the same (checked pixel for pixel on normal cards), except that content
 * more than half a card outside it is cut before a filter could bring it in (a text-shadow or
 * drop-shadow offset past that). It is faster too: resvg no longer blurs satori's mostly empty
 * regions. What is still allocated (layers, masks, filter regions times their results, pattern tiles)
 * is added up and refused past OFFSCREEN_BUDGET_CARDS areas of the card: about 2 s of resvg on two
 * shared cores, and at most a few hundred MB alive at once. Anything this does not model (<use>,
 * <text>, stylesheets, a layer it cannot place) is refused rather than guessed at: satori writes none.
 *
 * Chosen over bounding the CSS per element (satori's onNodeDetected): that reports boxes before
 * transforms, without inherited text-shadow or stylesheet and tailwind styles, and cannot see where
 * text or transformed descendants land. Only html templates go through this; built-in layouts are
 * fixed and custom templates are trusted code, neither is checked. SVG documents embedded as images
 * (inline <svg>, data: URIs) are rendered by resvg as trees of their own this does not walk: html.ts
 * refuses SVG filters in them (see docs/reliability.md for what they can still do).
 */

/** Total off-screen pixels an html template may make resvg allocate, in areas of its card. */
export const OFFSCREEN_BUDGET_CARDS = 64;
/** The budget's floor, in pixels, for small cards (64 MB of RGBA). */
export const MIN_OFFSCREEN_BUDGET_PX = 16_000_000;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
/** a, b, c, d, e, f: x' = a x + c y + e, y' = b x + d y + f. */
type Matrix = readonly [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const EMPTY: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
const EVERYWHERE: Box = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity };

function refuse(message: string): OgError {
  return new OgError("INVALID_PARAMS", message, { issues: [{ path: "html", message }] });
}

// Boxes

function hasArea(box: Box): boolean {
  return box.x0 < box.x1 && box.y0 < box.y1;
}
function hasPoints(box: Box): boolean {
  return box.x0 <= box.x1 && box.y0 <= box.y1;
}
function union(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}
function intersect(a: Box, b: Box): Box {
  return { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
}
function grow(box: Box, dx: number, dy = dx): Box {
  return hasPoints(box) ? { x0: box.x0 - dx, y0: box.y0 - dy, x1: box.x1 + dx, y1: box.y1 + dy } : box;
}
function shift(box: Box, dx: number, dy: number): Box {
  return hasPoints(box) ? { x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 + dx, y1: box.y1 + dy } : box;
}
function contains(outer: Box, inner: Box): boolean {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
}
function area(box: Box): number {
  return hasArea(box) ? (box.x1 - box.x0) * (box.y1 - box.y0) : 0;
}
function boxOf(x: number, y: number, width: number, height: number): Box {
  return { x0: x, y0: y, x1: x + width, y1: y + height };
}

// Matrices

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}
/**
 * Whether a transform only scales (by positive factors) and translates: resvg scales a filter's
 * offsets and blurs by the transform's scale along the device axes, which is where a box in user
 * space moves and grows only under such a transform.
 */
function isScaleTranslate(m: Matrix): boolean {
  return m[1] === 0 && m[2] === 0 && m[0] > 0 && m[3] > 0;
}
function invert(m: Matrix): Matrix | undefined {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!Number.isFinite(1 / det) || det === 0) return undefined;
  return [
    m[3] / det,
    -m[1] / det,
    -m[2] / det,
    m[0] / det,
    (m[2] * m[5] - m[3] * m[4]) / det,
    (m[1] * m[4] - m[0] * m[5]) / det,
  ];
}
/** The bounding box of a box's four corners, mapped (as resvg maps bounding boxes). */
function mapBox(m: Matrix, box: Box): Box {
  if (!hasPoints(box)) return EMPTY;
  if (![box.x0, box.y0, box.x1, box.y1].every(Number.isFinite)) return EVERYWHERE;
  let out = EMPTY;
  for (const [x, y] of [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x0, box.y1],
    [box.x1, box.y1],
  ] as const) {
    const px = m[0] * x + m[2] * y + m[4];
    const py = m[1] * x + m[3] * y + m[5];
    out = union(out, { x0: px, y0: py, x1: px, y1: py });
  }
  return out;
}

const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g;
const NUMBER_HERE = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

function numbers(text: string): number[] {
  return (text.match(NUMBER) ?? []).map(Number);
}

function parseTransform(value: string | undefined): Matrix {
  let m = IDENTITY;
  // resvg drops a transform it cannot parse (satori writes NaN for some degenerate boxes).
  if (!value || /nan|infinity/i.test(value)) return m;
  for (const [, name = "", args = ""] of value.matchAll(/([a-zA-Z]+)\s*\(([^)]*)\)/g)) {
    const v = numbers(args);
    const [p = 0, q, r = 0, s = 0, t = 0, u = 0] = v;
    let next: Matrix;
    switch (name) {
      case "matrix":
        next = [p, q ?? 0, r, s, t, u];
        break;
      case "translate":
        next = [1, 0, 0, 1, p, q ?? 0];
        break;
      case "scale":
        next = [p, 0, 0, q ?? p, 0, 0];
        break;
      case "rotate": {
        const a = (p * Math.PI) / 180;
        const [cx, cy] = [q ?? 0, r];
        const rotation: Matrix = [Math.cos(a), Math.sin(a), -Math.sin(a), Math.cos(a), 0, 0];
        next = multiply(multiply([1, 0, 0, 1, cx, cy], rotation), [1, 0, 0, 1, -cx, -cy]);
        break;
      }
      case "skewX":
        next = [1, 0, Math.tan((p * Math.PI) / 180), 1, 0, 0];
        break;
      case "skewY":
        next = [1, Math.tan((p * Math.PI) / 180), 0, 1, 0, 0];
        break;
      default:
        throw new Unverifiable(`transform ${name}()`);
    }
    m = multiply(m, next);
  }
  return m;
}

/** Something in the SVG this does not model: the render is refused rather than guessed at. */
class Unverifiable extends Error {}

// Path geometry

/**
 * The bounds of a path's points, as resvg computes them: control points included, so a superset of
 * the curve.
 */
function pathBounds(d: string): Box {
  // Plain numbers rather than boxes: a glyph path has hundreds of points.
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let arcs = EMPTY;
  let i = 0;
  const n = d.length;
  const skip = () => {
    while (i < n) {
      const c = d.charCodeAt(i);
      if (c === 32 || c === 44 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const readNumber = (): number => {
    skip();
    NUMBER_HERE.lastIndex = i;
    const match = NUMBER_HERE.exec(d);
    if (!match) throw new Unverifiable("path data");
    i += match[0].length;
    return Number(match[0]);
  };
  const readFlag = (): number => {
    skip();
    const c = d[i++];
    if (c !== "0" && c !== "1") throw new Unverifiable("path arc flag");
    return c === "1" ? 1 : 0;
  };
  const point = (px: number, py: number) => {
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
  };
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  // The control point a following S or T reflects, when the last segment was a cubic or a quad.
  let cubic: [number, number] | undefined;
  let quad: [number, number] | undefined;
  let command = "";
  while (true) {
    skip();
    if (i >= n) break;
    const code = d.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      command = d[i] as string;
      i++;
      if (command === "z" || command === "Z") {
        x = startX;
        y = startY;
        cubic = quad = undefined;
        continue;
      }
    } else if (!command || command === "z" || command === "Z") {
      throw new Unverifiable("path data");
    }
    const relative = command === command.toLowerCase();
    const ox = relative ? x : 0;
    const oy = relative ? y : 0;
    const type = command.toUpperCase();
    let nextCubic: [number, number] | undefined;
    let nextQuad: [number, number] | undefined;
    switch (type) {
      case "M":
      case "L":
        x = ox + readNumber();
        y = oy + readNumber();
        point(x, y);
        if (type === "M") {
          startX = x;
          startY = y;
          command = relative ? "l" : "L";
        }
        break;
      case "H":
        x = ox + readNumber();
        point(x, y);
        break;
      case "V":
        y = oy + readNumber();
        point(x, y);
        break;
      case "C":
      case "S": {
        if (type === "C") point(ox + readNumber(), oy + readNumber());
        else if (cubic) point(2 * x - cubic[0], 2 * y - cubic[1]);
        nextCubic = [ox + readNumber(), oy + readNumber()];
        point(nextCubic[0], nextCubic[1]);
        x = ox + readNumber();
        y = oy + readNumber();
        point(x, y);
        break;
      }
      case "Q":
      case "T": {
        nextQuad =
          type === "Q" ? [ox + readNumber(), oy + readNumber()] : quad ? [2 * x - quad[0], 2 * y - quad[1]] : [x, y];
        point(nextQuad[0], nextQuad[1]);
        x = ox + readNumber();
        y = oy + readNumber();
        point(x, y);
        break;
      }
      case "A": {
        const rx = Math.abs(readNumber());
        const ry = Math.abs(readNumber());
        const angle = (readNumber() * Math.PI) / 180;
        const large = readFlag();
        const sweep = readFlag();
        const fromX = x;
        const fromY = y;
        x = ox + readNumber();
        y = oy + readNumber();
        point(x, y);
        arcs = union(arcs, arcBounds(fromX, fromY, x, y, rx, ry, angle, large, sweep));
        break;
      }
      default:
        throw new Unverifiable(`path command ${command}`);
    }
    cubic = nextCubic;
    quad = nextQuad;
  }
  return union({ x0, y0, x1, y1 }, arcs);
}

/**
 * The bounds of the cubics resvg draws an SVG arc with: usvg converts arcs with kurbo 0.9
 * (`Arc::from_svg_arc`, then `to_cubic_beziers(0.1)`), whose steps this repeats.
 */
function arcBounds(
  x0: number,
  y0: number,
  x: number,
  y: number,
  radiusX: number,
  radiusY: number,
  angle: number,
  large: number,
  sweep: number,
): Box {
  let rx = Math.abs(radiusX);
  let ry = Math.abs(radiusY);
  const end = { x0: x, y0: y, x1: x, y1: y };
  if (rx <= 1e-5 || ry <= 1e-5 || (x0 === x && y0 === y)) return end; // a straight line
  const sin = Math.sin(angle % (2 * Math.PI));
  const cos = Math.cos(angle % (2 * Math.PI));
  const hdx = (x0 - x) * 0.5;
  const hdy = (y0 - y) * 0.5;
  const px = cos * hdx + sin * hdy;
  const py = -sin * hdx + cos * hdy;
  const rf = (px * px) / (rx * rx) + (py * py) / (ry * ry);
  if (rf > 1) {
    rx *= Math.sqrt(rf);
    ry *= Math.sqrt(rf);
  }
  const rxpy = rx * py;
  const rypx = ry * px;
  const sumOfSquares = rxpy * rxpy + rypx * rypx;
  const coefficient =
    (large === sweep ? -1 : 1) * Math.sqrt(Math.abs((rx * ry * rx * ry - sumOfSquares) / sumOfSquares));
  const tcx = (coefficient * rxpy) / ry;
  const tcy = (-coefficient * rypx) / rx;
  const cx = cos * tcx - sin * tcy + (x0 + x) * 0.5;
  const cy = sin * tcx + cos * tcy + (y0 + y) * 0.5;
  const start = Math.atan2((py - tcy) / ry, (px - tcx) / rx);
  let span = (Math.atan2((-py - tcy) / ry, (-px - tcx) / rx) - start) % (2 * Math.PI);
  if (sweep && span < 0) span += 2 * Math.PI;
  else if (!sweep && span > 0) span -= 2 * Math.PI;
  const errors = Math.max((1.1163 * Math.max(rx, ry)) / 0.1, 0) ** (1 / 6);
  const steps = Math.ceil(Math.max(errors, 3.999999) * Math.abs(span) * (1 / (2 * Math.PI)));
  if (!(steps > 0) || steps > 1e4) return EVERYWHERE; // degenerate: nothing safe to say
  const step = span / steps;
  const arm = (4 / 3) * Math.abs(Math.tan(step / 4)) * Math.sign(span);
  const sample = (t: number): [number, number] => {
    const ex = rx * Math.cos(t);
    const ey = ry * Math.sin(t);
    return [cos * ex - sin * ey, sin * ex + cos * ey];
  };
  let box = end;
  let t0 = start;
  let [p0x, p0y] = sample(t0);
  for (let i = 0; i < steps; i++) {
    const t1 = t0 + step;
    const [d0x, d0y] = sample(t0 + Math.PI / 2);
    const [p3x, p3y] = sample(t1);
    const [d1x, d1y] = sample(t1 + Math.PI / 2);
    for (const [qx, qy] of [
      [p0x + arm * d0x, p0y + arm * d0y],
      [p3x - arm * d1x, p3y - arm * d1y],
      [p3x, p3y],
    ] as const) {
      box = union(box, { x0: cx + qx, y0: cy + qy, x1: cx + qx, y1: cy + qy });
    }
    t0 = t1;
    p0x = p3x;
    p0y = p3y;
  }
  return box;
}

// The document

interface Element {
  tag: string;
  attrs: Map<string, string>;
  /** Where each attribute's value starts and ends in the source. */
  spans: Map<string, [number, number]>;
  children: Element[];
  parent?: Element;
  start: number;
  /** Where an attribute can be added: just before `>` or `/>`. */
  attrEnd: number;
  /** After the start tag; where the content starts. */
  open: number;
  /** Where the end tag starts, or `open` for an empty element. */
  close: number;
  /** After the end tag. */
  end: number;
}

const TAG =
  /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>/g;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec, hex, name) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[String(name).toLowerCase()] ?? "";
  });
}

function parseSvg(svg: string): Element {
  const root: Element = {
    tag: "#document",
    attrs: new Map(),
    spans: new Map(),
    children: [],
    start: 0,
    attrEnd: 0,
    open: 0,
    close: svg.length,
    end: svg.length,
  };
  let current = root;
  for (const match of svg.matchAll(TAG)) {
    const [whole, closing, tag, attributes = "", selfClosing] = match;
    if (!tag) continue; // comment, declaration, CDATA
    const index = match.index;
    if (closing) {
      let open: Element | undefined = current;
      while (open && open.tag !== tag) open = open.parent;
      if (!open || open === root) throw new Unverifiable(`a stray </${tag}>`);
      open.close = index;
      open.end = index + whole.length;
      current = open.parent as Element;
      continue;
    }
    const attrs = new Map<string, string>();
    const spans = new Map<string, [number, number]>();
    const offset = index + 1 + tag.length;
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const name = attribute[1] as string;
      const raw = attribute[2] ?? attribute[3] ?? "";
      attrs.set(name, decodeEntities(raw));
      const valueStart = offset + attribute.index + attribute[0].length - raw.length - 1;
      spans.set(name, [valueStart, valueStart + raw.length]);
    }
    const end = index + whole.length;
    const element: Element = {
      tag,
      attrs,
      spans,
      children: [],
      parent: current,
      start: index,
      attrEnd: end - (selfClosing ? 2 : 1),
      open: end,
      close: end,
      end,
    };
    // `<a/ >` cannot happen in satori's output; `<a />` leaves the space before `/>`: fine.
    current.children.push(element);
    if (!selfClosing) current = element;
  }
  if (current !== root) throw new Unverifiable(`an unclosed <${current.tag}>`);
  return root;
}

/** Presentation attributes, from the `style` attribute first (it wins in resvg), then attributes. */
function styleOf(element: Element): Map<string, string> {
  const style = new Map<string, string>();
  for (const declaration of (element.attrs.get("style") ?? "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon > 0) style.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim());
  }
  return style;
}
function reference(value: string | undefined): string | undefined {
  const match = /^\s*url\(\s*['"]?#([^'")]+)['"]?\s*\)\s*$/.exec(value ?? "");
  return match?.[1];
}

/** Elements whose content is not drawn where it stands (drawn through a reference, or never). */
const NOT_RENDERED = new Set([
  "defs",
  "clipPath",
  "mask",
  "pattern",
  "marker",
  "symbol",
  "filter",
  "linearGradient",
  "radialGradient",
  "style",
  "title",
  "desc",
  "metadata",
  "script",
]);
const CONTAINERS = new Set(["svg", "g", "a"]);

interface Inherited {
  stroke: boolean;
  strokeWidth: number;
  fill?: string;
  /**
   * How far, in device pixels, the filters around an element can move what it draws: content
   * further than that outside the card cannot reach it.
   */
  reach: number;
  /** Where what it draws can show at all, in device pixels: a mask's content, its element's layer. */
  bound: Box;
}

/**
 * What a subtree contributes to its parent's bounding boxes, in the parent's user space. Both are
 * supersets of resvg's: every decision below stays safe when they are larger.
 */
interface Bounds {
  /** Object bounding box: the fill geometry. */
  object: Box;
  /** What the subtree draws into its parent's layer: geometry with strokes, filter regions. */
  layer: Box;
  /** The outermost layers in the subtree, placed from their parent layer's origin. */
  layers: Layer[];
}
const NOTHING: Bounds = { object: EMPTY, layer: EMPTY, layers: [] };

/** A layer resvg draws, as the layer it is drawn into sees it. */
interface Layer {
  /** In device pixels: resvg's own, or a superset. */
  box: Box;
  /** Written out (a filter region in user space): resvg places the layer exactly at the box. */
  exact: boolean;
  /** With layers inside, placed from where this one starts. */
  parent: boolean;
}

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

export interface OffscreenReport {
  /** The SVG to rasterize. */
  svg: string;
  /** Off-screen pixels resvg will allocate for it, at most. */
  pixels: number;
  /** The budget it was checked against. */
  budget: number;
  /** Filter regions rewritten to what they can draw and to SAFE. */
  clippedFilters: number;
  /** Layers without a filter clipped to SAFE by an identity filter. */
  clippedLayers: number;
  /** Layers entirely outside SAFE, not drawn. */
  hiddenLayers: number;
}

function length(value: string | undefined, reference: number, fallback = 0): number {
  if (value === undefined) return fallback;
  const number = Number.parseFloat(value);
  if (!Number.isFinite(number)) return fallback;
  return value.trim().endsWith("%") ? (number / 100) * reference : number;
}
function fraction(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number.parseFloat(value);
  if (!Number.isFinite(number)) return fallback;
  return value.trim().endsWith("%") ? number / 100 : number;
}
function format(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

class Walk {
  readonly canvas: Box;
  readonly safe: Box;
  readonly budget: number;
  readonly ids = new Map<string, Element>();
  edits: Edit[] = [];
  pixels = 0;
  clippedFilters = 0;
  clippedLayers = 0;
  hiddenLayers = 0;
  private serial = 0;
  private readonly masksWalked = new Map<Element, { matrix: Matrix; layers: Layer[]; edited: boolean }>();
  private readonly masksWalking = new Set<Element>();
  private readonly viewport: { width: number; height: number };

  constructor(
    readonly svg: string,
    readonly root: Element,
    size: { width: number; height: number },
  ) {
    const { width, height } = size;
    this.canvas = boxOf(0, 0, width, height);
    // Half the canvas on each side, less 8px for resvg's rounding and 2px layer margins.
    this.safe = { x0: -width / 2 + 8, y0: -height / 2 + 8, x1: width * 1.5 - 8, y1: height * 1.5 - 8 };
    this.budget = Math.max(OFFSCREEN_BUDGET_CARDS * width * height, MIN_OFFSCREEN_BUDGET_PX);
    this.viewport = size;
    const collect = (element: Element) => {
      // A stylesheet could set what this reads from attributes; satori writes none.
      if (element.tag === "style") throw new Unverifiable("a <style> element");
      // resvg's id map: the last element with an id wins.
      const id = element.attrs.get("id");
      if (id !== undefined) this.ids.set(id, element);
      for (const child of element.children) collect(child);
    };
    collect(root);
  }

  private nextId(): string {
    let id: string;
    do id = `ogkit-bound-${this.serial++}`;
    while (this.ids.has(id));
    return id;
  }

  private spend(pixels: number): void {
    this.pixels += pixels;
  }

  private hide(element: Element): void {
    this.hiddenLayers++;
    this.edits.push({ at: element.start, remove: 0, insert: '<g display="none">' });
    this.edits.push({ at: element.end, remove: 0, insert: "</g>" });
  }

  /** The root element's transform to device pixels: satori's viewBox is its size, fitted to the width. */
  rootMatrix(svgElement: Element): Matrix {
    const width = length(svgElement.attrs.get("width"), this.viewport.width, this.viewport.width);
    const viewBox = numbers(svgElement.attrs.get("viewBox") ?? "");
    const [vx = 0, vy = 0, vw = width] = viewBox.length === 4 ? viewBox : [];
    const scale = (this.viewport.width / width) * (width / vw);
    return [scale, 0, 0, scale, -vx * scale, -vy * scale];
  }

  /**
   * Walks one rendered element, its parent's transform to device pixels being `ctm`, fixing layers
   * and filters bottom-up, and returns what it contributes to its parent's boxes.
   */
  walk(element: Element, ctm: Matrix, inherited: Inherited, needBounds: boolean): Bounds {
    const { tag } = element;
    if (NOT_RENDERED.has(tag)) return NOTHING;
    // satori draws embedded SVG as <image>: a nested <svg> would have a viewport of its own.
    if (tag === "svg" && element.parent?.tag !== "#document") throw new Unverifiable("a nested <svg>");
    const css = styleOf(element);
    const get = (name: string) => css.get(name) ?? element.attrs.get(name);
    if (get("display") === "none") return NOTHING;
    const transform = parseTransform(element.attrs.get("transform"));
    const m = multiply(ctm, transform);
    const strokeValue = get("stroke");
    const strokeWidthValue = get("stroke-width");
    const style: Inherited = {
      stroke: strokeValue === undefined ? inherited.stroke : strokeValue !== "none",
      // A negative width is invalid: resvg draws no stroke.
      strokeWidth: strokeWidthValue === undefined ? inherited.strokeWidth : Math.max(0, length(strokeWidthValue, 0, 1)),
      fill: get("fill") ?? inherited.fill,
      reach: inherited.reach,
      bound: inherited.bound,
    };

    const filterValue = get("filter");
    const maskId = reference(get("mask"));
    const clipId = reference(get("clip-path"));
    const opacity = fraction(get("opacity"), 1);
    const blend = get("mix-blend-mode") ?? "normal";
    const isolate = get("isolation") === "isolate";
    const filterId = reference(filterValue);
    const filter = filterId === undefined ? undefined : this.ids.get(filterId);
    if (filterValue !== undefined && filterValue !== "none" && filterId === undefined) {
      throw new Unverifiable(`filter="${filterValue.slice(0, 40)}"`);
    }
    // resvg draws nothing of an element whose filter link is broken.
    if (filterId !== undefined && filter?.tag !== "filter") return NOTHING;
    const layered =
      filter !== undefined ||
      (maskId !== undefined && this.ids.has(maskId)) ||
      (clipId !== undefined && this.ids.has(clipId)) ||
      opacity < 1 ||
      blend !== "normal" ||
      isolate;
    // Boxes are only needed inside a layer (drawn straight onto the canvas, nothing is allocated).
    const bounds = needBounds || layered;
    // What this element's filter moves, its content's reach adds up.
    const moved = filter?.tag === "filter" ? primitivesReach(filter) : 0;
    const filterReach = moved === 0 ? 0 : Number.isFinite(moved) ? moved * scaleOf(m) : Infinity;
    const inner: Inherited = { ...style, reach: style.reach + filterReach };

    let object = EMPTY;
    let layer = EMPTY;
    let layers: Layer[] = [];
    if (CONTAINERS.has(tag)) {
      for (const child of element.children) {
        const bounded = this.walk(child, m, inner, bounds);
        object = union(object, bounded.object);
        layer = union(layer, bounded.layer);
        for (const nested of bounded.layers) layers.push(nested);
      }
    } else {
      const painted = [style.fill, strokeValue].some((paint) => reference(paint) !== undefined);
      if (bounds || painted) {
        object = this.geometry(element);
        layer = style.stroke ? grow(object, style.strokeWidth * 2 + 1) : object;
      }
      if (painted) this.patternTiles(m, object, [style.fill, strokeValue]);
    }

    if (layered) {
      // resvg skips a layer with nothing in it, unless a filter with its own region draws it.
      if (!hasPoints(layer) && filter?.attrs.get("filterUnits") !== "userSpaceOnUse") return NOTHING;
      // Buffers besides the layer: a mask's image and alpha mask, a clip path's image.
      const extra = (maskId ? 2 : 0) + (clipId ? 1 : 0);
      let own: Layer;
      if (filter) {
        const result = this.filterRegion(element, filter, m, object, layer, extra, this.visible(inner));
        if (!result) return NOTHING;
        layer = result.region;
        own = { box: mapBox(m, layer), exact: result.exact, parent: layers.length > 0 };
      } else {
        const device = grow(mapBox(m, layer), 2);
        const visible = intersect(device, this.visible(style));
        if (!hasArea(visible)) {
          this.hide(element);
          return NOTHING;
        }
        if (contains(this.safe, device)) {
          this.spend(area(device) * (1 + extra));
          own = { box: device, exact: false, parent: layers.length > 0 };
        } else {
          // Not only for its size: where a layer reaching out of SAFE starts depends on its true
          // box, which the superset here cannot place within resvg's clip box.
          layer = this.clipLayer(element, m, visible);
          own = { box: mapBox(m, layer), exact: true, parent: layers.length > 0 };
          this.spend(area(own.box) * (3 + extra)); // and the identity filter's copy and result
        }
      }
      // Layers drawn inside this one (its descendants', its mask's) are placed from its origin. A
      // mask is drawn over the layer only: what its content draws elsewhere does not count.
      if (maskId !== undefined) {
        const around = { ...style, bound: intersect(style.bound, own.box) };
        for (const nested of this.walkMask(element, maskId, m, object, around)) layers.push(nested);
        own.parent = layers.length > 0;
      }
      this.checkPlacement(own, layers);
      layers = [own];
    }

    return { object: mapBox(transform, object), layer: mapBox(transform, layer), layers };
  }

  private geometry(element: Element): Box {
    const a = element.attrs;
    const { width, height } = this.viewport;
    const diagonal = Math.hypot(width, height) / Math.SQRT2;
    switch (element.tag) {
      case "rect":
      case "image": {
        const w = length(a.get("width"), width);
        const h = length(a.get("height"), height);
        if (!(w > 0 && h > 0)) return EMPTY;
        return boxOf(length(a.get("x"), width), length(a.get("y"), height), w, h);
      }
      case "circle":
      case "ellipse": {
        const rx = length(a.get(element.tag === "circle" ? "r" : "rx"), diagonal);
        const ry = element.tag === "circle" ? rx : length(a.get("ry"), diagonal);
        if (!(rx > 0 && ry > 0)) return EMPTY;
        return grow(boxOf(length(a.get("cx"), width), length(a.get("cy"), height), 0, 0), rx, ry);
      }
      case "line":
        return union(
          boxOf(length(a.get("x1"), width), length(a.get("y1"), height), 0, 0),
          boxOf(length(a.get("x2"), width), length(a.get("y2"), height), 0, 0),
        );
      case "polyline":
      case "polygon": {
        let box = EMPTY;
        const values = numbers(a.get("points") ?? "");
        for (let i = 0; i + 1 < values.length; i += 2) {
          box = union(box, boxOf(values[i] as number, values[i + 1] as number, 0, 0));
        }
        return box;
      }
      case "path":
        return pathBounds(a.get("d") ?? "");
      default:
        // text, use, foreignObject, nested svg...: satori draws none of them in its own document.
        throw new Unverifiable(`<${element.tag}>`);
    }
  }

  /** resvg paints a pattern's tile into an image of the tile's size in device pixels first. */
  private patternTiles(m: Matrix, object: Box, paints: (string | undefined)[]): void {
    for (const paint of paints) {
      const pattern = this.ids.get(reference(paint) ?? "");
      if (pattern?.tag !== "pattern") continue;
      const objectUnits = pattern.attrs.get("patternUnits") !== "userSpaceOnUse";
      const ts = multiply(m, parseTransform(pattern.attrs.get("patternTransform")));
      let w = length(pattern.attrs.get("width"), this.viewport.width);
      let h = length(pattern.attrs.get("height"), this.viewport.height);
      if (objectUnits) {
        if (!hasPoints(object)) continue;
        w = fraction(pattern.attrs.get("width"), 0) * (object.x1 - object.x0);
        h = fraction(pattern.attrs.get("height"), 0) * (object.y1 - object.y0);
      }
      this.spend(Math.abs(w * Math.hypot(ts[0], ts[1])) * Math.abs(h * Math.hypot(ts[2], ts[3])));
    }
  }

  /**
   * Walks a mask's content, drawn in the layer of `element` (whose transform to device pixels is
   * `m`) with the same rules for its layers; returns its outermost layers. A mask already walked for
   * an element placed elsewhere, when either place needs fixes, is copied for this one.
   */
  private walkMask(element: Element, id: string, m: Matrix, object: Box, around: Inherited): Layer[] {
    const mask = this.ids.get(id);
    if (mask?.tag !== "mask") return [];
    let content = m;
    if (mask.attrs.get("maskContentUnits") === "objectBoundingBox") {
      if (!hasArea(object)) return [];
      content = multiply(m, [object.x1 - object.x0, 0, 0, object.y1 - object.y0, object.x0, object.y0]);
    }
    const walked = this.masksWalked.get(mask);
    if (walked && !walked.matrix.some((value, i) => value !== content[i])) return walked.layers;
    // resvg drops a mask that refers to itself; this only has to stop.
    if (this.masksWalking.has(mask)) return [];
    this.masksWalking.add(mask);
    const outer = this.edits;
    if (walked) this.edits = [];
    const start = this.edits.length;
    const record = { matrix: content, layers: [] as Layer[], edited: false };
    for (const child of mask.children) {
      const style = { stroke: false, strokeWidth: 1, reach: around.reach, bound: around.bound };
      for (const layer of this.walk(child, content, style, false).layers) {
        record.layers.push(layer);
      }
    }
    const nested = reference(mask.attrs.get("mask"));
    if (nested !== undefined) {
      for (const layer of this.walkMask(element, nested, m, object, around)) record.layers.push(layer);
    }
    record.edited = this.edits.length > start;
    this.masksWalking.delete(mask);
    if (!walked) {
      this.masksWalked.set(mask, record);
      return record.layers;
    }
    const edits = this.edits;
    this.edits = outer;
    if (walked.edited || record.edited) {
      // The copy, with this place's fixes, goes just before the element and replaces its link.
      if (edits.some((edit) => edit.at < mask.open || edit.at + edit.remove > mask.close)) {
        throw new Unverifiable("a mask fixed in one place used in another");
      }
      const span = element.spans.get("mask");
      if (!span || styleOf(element).has("mask")) throw new Unverifiable("a mask link in a style attribute");
      const copy = this.nextId();
      const [idStart, idEnd] = mask.spans.get("id") as [number, number];
      const shifted = edits.map((edit) => ({ ...edit, at: edit.at - mask.start }));
      shifted.push({ at: idStart - mask.start, remove: idEnd - idStart, insert: copy });
      this.edits.push({
        at: element.start,
        remove: 0,
        insert: applyEdits(this.svg.slice(mask.start, mask.end), shifted),
      });
      this.edits.push({ at: span[0], remove: span[1] - span[0], insert: `url(#${copy})` });
    }
    return record.layers;
  }

  /**
   * A filter's region in its element's user space, clipped to what its primitives can draw and to
   * SAFE; the filter is rewritten (under a new id) when that changes it. Undefined: not drawn.
   */
  private filterRegion(
    element: Element,
    filter: Element,
    m: Matrix,
    object: Box,
    source: Box,
    extra: number,
    visible: Box,
  ): { region: Box; exact: boolean } | undefined {
    const a = filter.attrs;
    const objectUnits = a.get("filterUnits") !== "userSpaceOnUse";
    let region: Box;
    let exact = true;
    if (objectUnits) {
      if (!hasArea(object)) return undefined; // resvg skips a filter on nothing
      const fx = fraction(a.get("x"), -0.1);
      const fy = fraction(a.get("y"), -0.1);
      const fw = fraction(a.get("width"), 1.2);
      const fh = fraction(a.get("height"), 1.2);
      // The object box is a superset of resvg's: the region computed from it contains resvg's
      // when it contains the box itself (x <= 0, x + width >= 1), as satori's regions do (except
      // for boxes of negative size). Any other is rewritten from this box.
      exact = fx <= 0 && fy <= 0 && fx + fw >= 1 && fy + fh >= 1;
      const w = object.x1 - object.x0;
      const h = object.y1 - object.y0;
      region = boxOf(object.x0 + fx * w, object.y0 + fy * h, fw * w, fh * h);
    } else {
      const { width, height } = this.viewport;
      region = boxOf(
        length(a.get("x"), width, -0.1 * width),
        length(a.get("y"), height, -0.1 * height),
        length(a.get("width"), width, 1.2 * width),
        length(a.get("height"), height, 1.2 * height),
      );
    }
    if (![region.x0, region.y0, region.x1, region.y1].every(Number.isFinite)) {
      throw new Unverifiable("a filter region without bounds");
    }
    if (!hasArea(region)) return undefined;
    const drawn = isScaleTranslate(m) ? primitivesExtent(filter, source) : undefined;
    const needed = drawn === undefined ? region : intersect(region, drawn);
    const device = mapBox(m, needed);
    const shown = intersect(device, visible);
    if (!hasArea(shown)) {
      this.hide(element);
      return undefined;
    }
    let clipped = needed;
    let rewrite = !exact;
    if (!contains(visible, device)) {
      clipped = intersect(needed, this.userBox(m, shown));
      rewrite = true;
      if (!hasArea(clipped)) {
        // Skewed: what it draws only touches the visible box's corner, outside it.
        this.hide(element);
        return undefined;
      }
    }
    const primitives = Math.max(1, filter.children.length);
    this.spend(area(mapBox(m, clipped)) * (primitives + 2 + extra));
    const before = mapBox(m, region);
    const after = mapBox(m, clipped);
    const changed = (["x0", "y0", "x1", "y1"] as const).some((key) => Math.abs(after[key] - before[key]) > 0.5);
    if (changed || rewrite) {
      this.clippedFilters++;
      const id = this.nextId();
      const copied = [...a.entries()]
        .filter(([name]) => !["id", "x", "y", "width", "height", "filterUnits"].includes(name))
        .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
        .join("");
      const body = this.svg.slice(filter.open, filter.close);
      this.edits.push({
        at: element.start,
        remove: 0,
        insert: `<filter id="${id}" x="${format(clipped.x0)}" y="${format(clipped.y0)}" width="${format(clipped.x1 - clipped.x0)}" height="${format(clipped.y1 - clipped.y0)}" filterUnits="userSpaceOnUse"${copied}>${body}</filter>`,
      });
      this.setFilter(element, id);
      return { region: clipped, exact: true };
    }
    return { region, exact: !objectUnits };
  }

  /** Gives a layer without a filter an identity filter whose region is the layer within SAFE. */
  private clipLayer(element: Element, m: Matrix, visible: Box): Box {
    this.clippedLayers++;
    const region = this.userBox(m, visible);
    const id = this.nextId();
    this.edits.push({
      at: element.start,
      remove: 0,
      insert: `<filter id="${id}" x="${format(region.x0)}" y="${format(region.y0)}" width="${format(region.x1 - region.x0)}" height="${format(region.y1 - region.y0)}" filterUnits="userSpaceOnUse" color-interpolation-filters="sRGB"><feOffset dx="0" dy="0"/></filter>`,
    });
    this.setFilter(element, id);
    return region;
  }

  /**
   * A region in the user space of an element whose transform to device pixels is `m`, covering a
   * box within SAFE. Exact for scales and translations; under a rotation or skew its box in device
   * pixels is larger (by at most the box's other side), and checkPlacement decides.
   */
  private userBox(m: Matrix, device: Box): Box {
    const inverse = invert(m);
    if (!inverse) throw new Unverifiable("a transform that cannot be inverted");
    return mapBox(inverse, outward(device));
  }

  /**
   * Checks that resvg's clip box for layers drawn into `own` (2 cards on each side of where `own`
   * starts) keeps every layer inside it: whole, for one with layers inside or whose box is only a
   * superset, or in part for an exact one. `own` not exact lies within SAFE, starting anywhere in
   * it: SAFE stands for the clip box then.
   */
  checkPlacement(own: { box: Box; exact: boolean }, layers: Layer[]): void {
    if (layers.length === 0) return;
    const { width, height } = this.viewport;
    let frame = this.safe;
    if (own.exact) {
      const x = Math.floor(own.box.x0);
      const y = Math.floor(own.box.y0);
      // 4px less on each side for rounding (resvg computes in 32-bit floats).
      frame = { x0: x - 2 * width + 4, y0: y - 2 * height + 4, x1: x + 2 * width - 4, y1: y + 2 * height - 4 };
    }
    for (const layer of layers) {
      const placed = layer.parent || !layer.exact ? contains(frame, layer.box) : hasArea(intersect(frame, layer.box));
      if (!placed) throw new Unverifiable("a layer far from the start of the layer it is drawn into");
    }
  }

  /**
   * Where what is drawn can still reach the card: the card grown by its reach, within SAFE. And
   * 16px more: tiny-skia's anti-aliasing differs a few pixels in from where a layer is cut.
   */
  private visible(style: Inherited): Box {
    return intersect(intersect(grow(this.canvas, style.reach + 16), this.safe), style.bound);
  }

  private setFilter(element: Element, id: string): void {
    if (styleOf(element).has("filter")) throw new Unverifiable("a filter in a style attribute");
    const span = element.spans.get("filter");
    if (span) this.edits.push({ at: span[0], remove: span[1] - span[0], insert: `url(#${id})` });
    else this.edits.push({ at: element.attrEnd, remove: 0, insert: ` filter="url(#${id})"` });
  }
}

function outward(box: Box): Box {
  return { x0: Math.floor(box.x0), y0: Math.floor(box.y0), x1: Math.ceil(box.x1), y1: Math.ceil(box.y1) };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * Where a filter's results can be other than transparent, in its element's user space: the source
 * grown by blurs, moved by offsets, combined by composites and merges. Undefined when its output can
 * fill the whole region (a flood drawn as it is, `out` composites, primitives not modelled), or when
 * primitives have their own subregions or units: the region is then kept as it is (within SAFE).
 */
function primitivesExtent(filter: Element, source: Box): Box | undefined {
  if (filter.attrs.get("primitiveUnits") === "objectBoundingBox") return undefined;
  const results = new Map<string, Box>();
  let previous: Box = source;
  let needed = source;
  const input = (name: string | undefined): Box => {
    if (name === undefined) return previous;
    if (name === "SourceGraphic" || name === "SourceAlpha") return source;
    return results.get(name) ?? EVERYWHERE;
  };
  for (const primitive of filter.children) {
    const a = primitive.attrs;
    if (["x", "y", "width", "height"].some((name) => a.has(name))) return undefined;
    const from = input(a.get("in"));
    let out: Box;
    switch (primitive.tag) {
      case "feGaussianBlur": {
        const [sx = 0, sy = sx] = numbers(a.get("stdDeviation") ?? "0");
        // Box blur (3 passes) reaches under 3 deviations; the recursive blur resvg uses for small
        // ones decays exponentially: 6 deviations and 8px more leave nothing of either.
        out = grow(from, 6 * Math.abs(sx) + 8, 6 * Math.abs(sy) + 8);
        break;
      }
      case "feOffset":
        out = shift(from, Number.parseFloat(a.get("dx") ?? "0") || 0, Number.parseFloat(a.get("dy") ?? "0") || 0);
        break;
      case "feDropShadow": {
        const [sx = 2, sy = sx] = numbers(a.get("stdDeviation") ?? "2");
        const dx = Number.parseFloat(a.get("dx") ?? "2") || 0;
        const dy = Number.parseFloat(a.get("dy") ?? "2") || 0;
        out = union(from, shift(grow(from, 6 * Math.abs(sx) + 8, 6 * Math.abs(sy) + 8), dx, dy));
        break;
      }
      case "feFlood":
        out = EVERYWHERE;
        break;
      case "feComposite": {
        const other = input(a.get("in2"));
        const operator = a.get("operator") ?? "over";
        if (operator === "in") out = intersect(from, other);
        else if (operator === "atop") out = other;
        else if (operator === "out") out = from;
        else if (operator === "arithmetic" && Number.parseFloat(a.get("k4") ?? "0") > 0) out = EVERYWHERE;
        else out = union(from, other);
        break;
      }
      case "feBlend":
        out = union(from, input(a.get("in2")));
        break;
      case "feMerge":
        out = EMPTY;
        for (const node of primitive.children) out = union(out, input(node.attrs.get("in")));
        break;
      case "feColorMatrix": {
        const values = numbers(a.get("values") ?? "");
        // A transparent pixel's alpha becomes the alpha row's constant.
        out = (a.get("type") ?? "matrix") === "matrix" && (values[19] ?? 0) > 0 ? EVERYWHERE : from;
        break;
      }
      case "feComponentTransfer": {
        const alpha = primitive.children.find((child) => child.tag === "feFuncA");
        out = alpha && transfersTransparent(alpha) ? EVERYWHERE : from;
        break;
      }
      case "feMorphology":
        out = a.get("operator") === "dilate" ? grow(from, Math.abs(numbers(a.get("radius") ?? "0")[0] ?? 0) + 1) : from;
        break;
      default:
        return undefined;
    }
    // Floods fill whatever the region is: they count through what they are composited with.
    if ([out.x0, out.y0, out.x1, out.y1].every(Number.isFinite)) needed = union(needed, out);
    const name = a.get("result");
    if (name !== undefined) results.set(name, out);
    previous = out;
  }
  if (![previous.x0, previous.y0, previous.x1, previous.y1].every(Number.isFinite)) return undefined;
  // Every result the filter keeps must fit: a part cropped before an offset would be missed.
  return needed;
}

/**
 * How far a filter can move what it draws, in its user space: its blurs' and offsets' reaches added
 * up (6 deviations and 8px for a blur, as in primitivesExtent); Infinity when it is not modelled.
 */
function primitivesReach(filter: Element): number {
  if (filter.attrs.get("primitiveUnits") === "objectBoundingBox") return Infinity;
  let reach = 0;
  for (const primitive of filter.children) {
    const a = primitive.attrs;
    const deviation = () => Math.max(0, ...numbers(a.get("stdDeviation") ?? "0").map(Math.abs));
    const offset = () =>
      Math.abs(Number.parseFloat(a.get("dx") ?? "0") || 0) + Math.abs(Number.parseFloat(a.get("dy") ?? "0") || 0);
    switch (primitive.tag) {
      case "feGaussianBlur":
        reach += 6 * deviation() + 8;
        break;
      case "feOffset":
        reach += offset();
        break;
      case "feDropShadow":
        reach += 6 * deviation() + 8 + offset();
        break;
      case "feMorphology":
        reach += Math.abs(numbers(a.get("radius") ?? "0")[0] ?? 0) + 1;
        break;
      case "feFlood":
      case "feComposite":
      case "feBlend":
      case "feMerge":
      case "feColorMatrix":
      case "feComponentTransfer":
        break;
      default:
        return Infinity;
    }
  }
  return reach;
}

/** The largest factor a transform stretches lengths by. */
function scaleOf(m: Matrix): number {
  return Math.max(Math.hypot(m[0], m[1]), Math.hypot(m[2], m[3]));
}

/** Whether an alpha transfer function makes a transparent pixel visible. */
function transfersTransparent(func: Element): boolean {
  const a = func.attrs;
  const type = a.get("type") ?? "identity";
  if (type === "identity") return false;
  if (type === "linear") return Number.parseFloat(a.get("intercept") ?? "0") > 0;
  if (type === "gamma") return Number.parseFloat(a.get("offset") ?? "0") > 0;
  if (type === "table" || type === "discrete") return (numbers(a.get("tableValues") ?? "")[0] ?? 0) > 0;
  return true;
}

function millions(pixels: number): string {
  return (pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0);
}

function applyEdits(svg: string, edits: Edit[]): string {
  if (edits.length === 0) return svg;
  // Stable: edits at the same place keep their order (a hiding <g> opens before an inserted filter).
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.at - b.edit.at || a.order - b.order);
  let out = "";
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.at < at) throw new Unverifiable("overlapping edits");
    out += svg.slice(at, edit.at) + edit.insert;
    at = edit.at + edit.remove;
  }
  return out + svg.slice(at);
}

/**
 * Bounds the off-screen buffers resvg will allocate for satori's SVG of an html template (see the
 * top of this file), or refuses it with a 400 naming html. `size` is the card's size in pixels.
 */
export function boundOffscreen(svg: string, size: { width: number; height: number }): OffscreenReport {
  const unwrapped = unwrapGradientPatterns(svg);
  try {
    const document = parseSvg(unwrapped);
    const root = document.children.find((child) => child.tag === "svg");
    if (!root) throw new Unverifiable("no <svg> root");
    const walk = new Walk(unwrapped, document, size);
    const { layers } = walk.walk(
      root,
      walk.rootMatrix(root),
      { stroke: false, strokeWidth: 1, fill: "black", reach: 0, bound: EVERYWHERE },
      false,
    );
    walk.checkPlacement({ box: walk.canvas, exact: true }, layers);
    if (walk.pixels > walk.budget) {
      throw refuse(
        `html asks the rasterizer for ${millions(walk.pixels)} million pixels of off-screen buffers (shadows, ` +
          `blur and drop-shadow filters, opacity, mask and clip layers, gradient tiles); at most ` +
          `${millions(walk.budget)} million (${OFFSCREEN_BUDGET_CARDS} times the card's area) are allowed`,
      );
    }
    return {
      svg: applyEdits(unwrapped, walk.edits),
      pixels: walk.pixels,
      budget: walk.budget,
      clippedFilters: walk.clippedFilters,
      clippedLayers: walk.clippedLayers,
      hiddenLayers: walk.hiddenLayers,
    };
  } catch (error) {
    if (error instanceof Unverifiable) {
      throw refuse(`html draws something the rasterizer's memory bounds cannot check (${error.message})`);
    }
    throw error;
  }
}
