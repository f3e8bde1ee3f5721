import {
  card,
  contentArea,
  diagnosticsOf,
  fitText,
  frameOf,
  h,
  heightOf,
  iconTile,
  type Layout,
  textBlock,
} from "./parts.js";

const TITLE_LH = 1.14;
const SUBTITLE_LH = 1.35;
const CAPTION_LH = 1.3;

/** The title's starting size steps down with its length (px at 1200x630). */
export function titleSizeFor(length: number): number {
  if (length <= 20) return 88;
  if (length <= 40) return 76;
  if (length <= 70) return 64;
  if (length <= 110) return 56;
  if (length <= 150) return 48;
  return 44;
}

/** Icon, title, subtitle and caption, left-aligned and centered vertically; brand in the bottom bar. */
export const standard: Layout = (params) => {
  const frame = frameOf(params);
  const { scale, typeScale, padY, contentWidth, palette } = frame;
  const s = (px: number) => Math.round(px * scale);
  const t = (px: number) => Math.round(px * typeScale);
  let room = params.height - 2 * padY - frame.brandHeight;

  const iconSize = t(84);
  const showIcon = Boolean(params.icon) && room > iconSize * 3;
  if (showIcon) room -= iconSize + s(32);
  const accentRule = !showIcon && room > s(160);
  if (accentRule) room -= s(6) + s(28);

  const caption =
    room > s(200)
      ? fitText(
          frame,
          { text: params.caption, weight: 400, size: t(24), minSize: s(20), lineHeight: CAPTION_LH, maxLines: 1 },
          t(40),
        )
      : undefined;
  if (caption) room -= heightOf(caption, CAPTION_LH) + s(14);
  const subtitleRoom = Math.min(room * 0.4, t(34) * SUBTITLE_LH * 3);
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
            maxLines: params.height > params.width ? 4 : 2,
          },
          subtitleRoom,
        )
      : undefined;
  if (subtitle) room -= heightOf(subtitle, SUBTITLE_LH) + s(22);

  const title = fitText(
    frame,
    {
      text: params.title,
      weight: 700,
      size: t(titleSizeFor([...params.title].length)),
      minSize: Math.max(10, t(30)),
      lineHeight: TITLE_LH,
      maxLines: params.height > params.width ? 8 : 5,
    },
    Math.max(room, 10),
  ) as NonNullable<ReturnType<typeof fitText>>;

  const content = contentArea(
    frame,
    showIcon && h("div", { display: "flex", marginBottom: s(32) }, iconTile(frame, iconSize) ?? ""),
    accentRule &&
      h("div", {
        width: s(64),
        height: s(6),
        borderRadius: s(3),
        backgroundColor: palette.accent,
        marginBottom: s(28),
      }),
    textBlock(
      title,
      { width: contentWidth, color: palette.title, letterSpacing: -0.02 * title.fontSize },
      700,
      TITLE_LH,
    ),
    subtitle &&
      textBlock(subtitle, { width: contentWidth, color: palette.subtitle, marginTop: s(22) }, 400, SUBTITLE_LH),
    caption && textBlock(caption, { width: contentWidth, color: palette.caption, marginTop: s(14) }, 400, CAPTION_LH),
  );
  return { element: card(frame, content), diagnostics: diagnosticsOf(frame, "standard", title, [subtitle, caption]) };
};
