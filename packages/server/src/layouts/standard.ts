import { textLength } from "@ogkit/sdk";
import { fit } from "../engine/text-fit.js";
import {
  accentRule,
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

const TITLE_LH = 1.14;
const SUBTITLE_LH = 1.35;
const CAPTION_LH = 1.3;

/** The title's starting size steps down with its length (px at 1200x630); fitting may step further. */
export function titleSizeFor(length: number): number {
  if (length <= 10) return 104;
  if (length <= 24) return 88;
  if (length <= 40) return 76;
  if (length <= 70) return 64;
  if (length <= 110) return 56;
  if (length <= 150) return 50;
  return 46;
}

/** Icon (or accent rule), title, subtitle and caption, left-aligned and centered vertically; brand in the bottom bar. */
export const standard: Layout = (params) => {
  const frame = frameOf(params);
  const { s, t, contentWidth, palette, design } = frame;
  const portrait = params.height > params.width;
  const tall = params.height / params.width > 0.75;
  let room = frame.room;

  const iconSize = t(design.iconTile ? 84 : 64);
  const showIcon = Boolean(params.icon) && room > iconSize * 3;
  if (showIcon) room -= iconSize + s(32);
  const rule = showIcon ? undefined : accentRule(frame);
  const showRule = rule !== undefined && room > s(160);
  if (rule && showRule) room -= rule.height + s(28);

  const caption =
    room > s(200)
      ? fitText(
          frame,
          { text: params.caption, weight: 400, size: t(24), minSize: s(20), lineHeight: CAPTION_LH, maxLines: 1 },
          t(40),
        )
      : undefined;
  if (caption) room -= heightOf(caption) + s(14);
  const subtitleLines = portrait ? 4 : tall ? 3 : 2;
  const subtitle =
    room > s(120)
      ? fitText(
          frame,
          {
            text: params.subtitle,
            weight: 400,
            size: t(34),
            minSize: s(26),
            lineHeight: SUBTITLE_LH,
            maxLines: subtitleLines,
          },
          Math.min(room * 0.4, Math.round(t(34) * SUBTITLE_LH) * subtitleLines),
        )
      : undefined;
  if (subtitle) room -= heightOf(subtitle) + s(22);

  const titleSize = t(titleSizeFor(textLength(params.title)) * design.titleScale);
  const title = fit(params.title, {
    weight: 700,
    maxWidth: contentWidth,
    maxSize: titleSize,
    minSize: Math.min(titleSize, Math.max(MIN_READABLE_PX, t(30))),
    lineHeight: TITLE_LH,
    letterSpacing: design.titleTracking,
    maxHeight: room,
    maxLines: 12,
  });

  const bar = brandBar(frame);
  const content = contentArea(
    frame,
    "center",
    showIcon && h("div", { display: "flex", marginBottom: s(32) }, iconTile(frame, iconSize)),
    rule && showRule && h("div", { display: "flex", marginBottom: s(28) }, rule.element),
    textBlock("title", title, 700, {
      width: contentWidth,
      color: palette.title,
      ...(design.titleShadow ? { textShadow: design.titleShadow } : {}),
    }),
    subtitle &&
      textBlock("subtitle", subtitle, 400, { width: contentWidth, color: palette.subtitle, marginTop: s(22) }),
    caption && textBlock("caption", caption, 400, { width: contentWidth, color: palette.caption, marginTop: s(14) }),
  );
  return {
    element: card(frame, content, bar.element),
    diagnostics: diagnosticsOf(frame, "standard", title, [subtitle, caption, bar.fitted]),
  };
};
