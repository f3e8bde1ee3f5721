/**
 * Satori draws a gradient background as a <pattern> whose one tile holds a rect filled with the
 * gradient; resvg renders such a pattern by painting the tile into an image first, which doubles the
 * cost of every gradient. Where it is equivalent, this fills the element with the gradient directly.
 *
 * Equivalent means: the tile is the element's own bounding box (x=0 y=0 width=1 height=1 in
 * objectBoundingBox units) and holds exactly one rect at 0,0 filled with one gradient. A gradient in
 * objectBoundingBox units (satori's linear gradients) is then the same on the element; one in user
 * space units (satori's radial gradients) only when every element using the pattern sits at 0,0.
 */
const WRAPPED =
  /<pattern id="([^"]+)" x="0" y="0" width="1" height="1" patternUnits="objectBoundingBox">(<(linearGradient|radialGradient) id="([^"]+)"[^>]*>(?:(?!<\/?pattern)[\s\S])*?<\/\3>)<rect x="0" y="0" width="[\d.]+" height="[\d.]+" fill="url\(#\4\)"\/><\/pattern>/g;

/** Elements filled with a url(#id), and that fill, in the order they come. */
const URL_FILL = /<[a-z]+ [^>]*fill="url\(#([^"]+)\)"/g;

export function unwrapGradientPatterns(svg: string): string {
  if (!svg.includes('patternUnits="objectBoundingBox"')) return svg;
  // The elements that use each pattern, found in one pass when a user-space gradient needs them
  // (searching the SVG once per pattern took 10 ms on an html card with 40 radial gradients).
  let users: Map<string, string[]> | undefined;
  const usersOf = (patternId: string): string[] => {
    if (!users) {
      users = new Map();
      for (const [tag, id] of svg.matchAll(URL_FILL)) {
        const list = users.get(id!) ?? [];
        list.push(tag);
        users.set(id!, list);
      }
    }
    return users.get(patternId) ?? [];
  };
  return svg.replace(WRAPPED, (whole, patternId: string, gradient: string, _kind: string, gradientId: string) => {
    if (/gradientUnits="userSpaceOnUse"/.test(gradient.slice(0, gradient.indexOf(">")))) {
      const uses = usersOf(patternId);
      if (uses.length === 0 || !uses.every((use) => /^<rect x="0" y="0" /.test(use))) return whole;
    }
    // The gradient takes the pattern's id, so every fill="url(#pattern)" now points at it.
    return gradient.replace(`id="${gradientId}"`, `id="${patternId}"`);
  });
}
