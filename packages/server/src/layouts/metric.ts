import { textLength } from "@ogkit/sdk";
import { fit } from "../engine/text-fit.js";
import {
  brandBar,
  card,
  contentArea,
  diagnosticsOf,
  fitText,
  frameOf,
  h,
  heightOf,
  iconTile,
  type Layout,
  MIN_READABLE_PX,
  textBlock,
} from "./parts.js";

const LH = 1.25;
const VALUE_LH = 1.08;

/** The value's starting size steps down with its length (px at 1200x630); fitting may step further. */
export function valueSizeFor(length: number): number {
  if (length <= 4) return 230;
  if (length <= 7) return 190;
  if (length <= 12) return 150;
  return 120;
}

/** A KPI card: the title as a heading at the top; the value very large in the accent, its label under it. */
export const metric: Layout = (params) => {
  const frame = frameOf(params);
  const { s, t, contentWidth, palette, design } = frame;
  let room = frame.room;

  const iconSize = t(64);
  const showIcon = Boolean(params.icon) && room > s(300);
  const headingWidth = contentWidth - (showIcon ? iconSize + s(24) : 0);
  const titleSize = t(40);
  const title = fit(params.title, {
    weight: 700,
    maxWidth: headingWidth,
    maxSize: titleSize,
    minSize: Math.min(titleSize, Math.max(MIN_READABLE_PX, t(26))),
    lineHeight: LH,
    maxHeight: Math.max(room * 0.3, 1),
    maxLines: 2,
  });
  room -= Math.max(heightOf(title), showIcon ? iconSize : 0) + s(24);
  const label =
    room > s(160)
      ? fitText(
          frame,
          { text: params.label, weight: 400, size: t(36), minSize: s(24), lineHeight: LH, maxLines: 2 },
          room * 0.3,
        )
      : undefined;
  if (label) room -= heightOf(label) + s(10);
  const subtitle =
    room > s(240)
      ? fitText(
          frame,
          { text: params.subtitle, weight: 400, size: t(28), minSize: s(22), lineHeight: LH, maxLines: 2 },
          Math.round(t(28) * LH) * 2,
        )
      : undefined;
  if (subtitle) room -= heightOf(subtitle) + s(16);
  const valueText = params.value ?? "";
  const valueSize = t(valueSizeFor(textLength(valueText)));
  const value = valueText
    ? fit(valueText, {
        weight: 700,
        maxWidth: contentWidth,
        maxSize: valueSize,
        minSize: Math.min(valueSize, Math.max(MIN_READABLE_PX, t(40))),
        lineHeight: VALUE_LH,
        letterSpacing: -0.035,
        maxHeight: Math.max(room, 1),
        maxLines: 1,
      })
    : undefined;

  const heading = h(
    "div",
    { display: "flex", alignItems: "center", flexShrink: 0 },
    showIcon && h("div", { display: "flex", marginRight: s(24) }, iconTile(frame, iconSize)),
    textBlock("title", title, 700, { width: headingWidth, color: palette.subtitle }),
  );
  const figure = h(
    "div",
    { display: "flex", flexDirection: "column", flexShrink: 0 },
    value &&
      textBlock("value", value, 700, {
        width: contentWidth,
        color: frame.accent,
        ...(design.titleShadow ? { textShadow: design.titleShadow } : {}),
      }),
    label && textBlock("label", label, 400, { width: contentWidth, color: palette.title, marginTop: s(10) }),
    subtitle && textBlock("subtitle", subtitle, 400, { width: contentWidth, color: palette.caption, marginTop: s(16) }),
  );
  const bar = brandBar(frame);
  return {
    element: card(frame, contentArea(frame, "space-between", heading, figure), bar.element),
    diagnostics: diagnosticsOf(frame, "metric", title, [value, label, subtitle, bar.fitted]),
  };
};
