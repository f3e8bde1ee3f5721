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

const LH = 1.2;

/** A KPI card: the title as a heading, the value very large in the accent color, its label under it. */
export const metric: Layout = (params) => {
  const frame = frameOf(params);
  const { scale, typeScale, padY, contentWidth, palette } = frame;
  const s = (px: number) => Math.round(px * scale);
  const t = (px: number) => Math.round(px * typeScale);
  let room = params.height - 2 * padY - frame.brandHeight;

  const iconSize = t(64);
  const showIcon = Boolean(params.icon) && room > s(300);
  const title = fitText(
    frame,
    { text: params.title, weight: 700, size: t(40), minSize: Math.max(10, t(26)), lineHeight: LH, maxLines: 2 },
    Math.max(room * 0.3, 10),
  ) as NonNullable<ReturnType<typeof fitText>>;
  room -= Math.max(heightOf(title, LH), showIcon ? iconSize : 0) + s(24);
  const label =
    room > s(160)
      ? fitText(
          frame,
          { text: params.label, weight: 400, size: t(34), minSize: s(24), lineHeight: LH, maxLines: 2 },
          room * 0.3,
        )
      : undefined;
  if (label) room -= heightOf(label, LH) + s(12);
  const subtitle =
    room > s(240)
      ? fitText(
          frame,
          { text: params.subtitle, weight: 400, size: t(28), minSize: s(22), lineHeight: LH, maxLines: 1 },
          t(40),
        )
      : undefined;
  if (subtitle) room -= heightOf(subtitle, LH) + s(20);
  const value = fitText(
    frame,
    {
      text: params.value ?? "",
      weight: 700,
      size: t(190),
      minSize: Math.max(10, t(40)),
      lineHeight: 1.05,
      maxLines: 1,
    },
    Math.max(room, 10),
  );

  const heading = h(
    "div",
    { display: "flex", alignItems: "center", marginBottom: s(24) },
    showIcon && h("div", { display: "flex", marginRight: s(24) }, iconTile(frame, iconSize) ?? ""),
    textBlock(title, { width: contentWidth - (showIcon ? iconSize + s(24) : 0), color: palette.subtitle }, 700, LH),
  );
  const content = contentArea(
    frame,
    heading,
    value &&
      textBlock(
        value,
        { width: contentWidth, color: palette.accent, letterSpacing: -0.03 * value.fontSize },
        700,
        1.05,
      ),
    label && textBlock(label, { width: contentWidth, color: palette.title, marginTop: s(12) }, 400, LH),
    subtitle && textBlock(subtitle, { width: contentWidth, color: palette.caption, marginTop: s(20) }, 400, LH),
  );
  return {
    element: card(frame, content),
    diagnostics: diagnosticsOf(frame, "metric", title, [value, label, subtitle]),
  };
};
