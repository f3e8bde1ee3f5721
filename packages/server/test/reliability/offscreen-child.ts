/**
 * Renders html templates that made resvg allocate gigabytes or abort the process (see
 * src/engine/filter-bounds.ts), one after the other in this process, and prints one JSON line per
 * render and then the peak RSS. Run by offscreen-memory.test.ts in a child process, since a
 * regression would abort or exhaust the process that runs it:
 *   node --import tsx --conditions=@ogkit/source test/reliability/offscreen-child.ts [name...]
 */
import { OgError, parseOgParams } from "@ogkit/sdk";
import { renderCard } from "../../src/engine/index.js";

const tall = (style: string) =>
  `<div style="display:flex;width:100%;height:100%"><div style="display:flex;flex-shrink:0;width:1200px;height:20000px;background:red;${style}">x</div></div>`;

/** Before the bounds: peak RSS (or what happened) on this 24 GB machine, measured alone. */
export const triggers: Record<string, string> = {
  // 4.1 GB and 19 s
  "tall-shadow-scale2": tall("box-shadow:0 0 50px 600px blue;transform:scale(2)"),
  // past a 9 GB cap
  "square-shadow-scale2": `<div style="display:flex;width:100%;height:100%"><div style="display:flex;flex-shrink:0;width:20000px;height:20000px;background:red;box-shadow:0 0 50px 600px blue;transform:scale(2)">x</div></div>`,
  // 2.1 GB and 11 s
  "huge-font-text-shadow": `<div style="display:flex;width:100%;height:100%"><div style="display:flex;flex-shrink:0;font-size:20000px;line-height:1;margin-top:-9000px;margin-left:-3000px;text-shadow:0 0 50px blue">x</div></div>`,
  // aborted the process (resvg panicked)
  "big-font-text-shadow-below": `<div style="display:flex;width:100%;height:100%;font-size:5000px;text-shadow:0 0 2px blue">x</div>`,
  // aborted the process
  "translated-shadow": `<div style="display:flex;width:100px;height:100px;background:red;box-shadow:0 0 4px blue;transform:translate(6000px,0)">x</div>`,
  // aborted the process
  "translated-opacity": `<div style="display:flex;transform:translate(6000px,0)"><div style="display:flex;width:100px;height:100px;background:red;opacity:0.5">x</div></div>`,
  // ran past 90 s
  "many-overlapping-shadows": `<div style="display:flex;width:100%;height:100%">${'<div style="display:flex;position:absolute;left:0;top:0;width:1200px;height:630px;box-shadow:0 0 50px 600px rgba(0,0,0,.1)"></div>'.repeat(60)}</div>`,
  // 1.7 GB
  "huge-radial-gradient": `<div style="display:flex;width:100%;height:100%;padding:10px"><div style="display:flex;flex-shrink:0;width:20000px;height:20000px;background:radial-gradient(circle,red,blue)">x</div></div>`,
};

export interface ChildRender {
  name: string;
  status: number;
  ms: number;
  message?: string;
}

if (process.argv[1]?.endsWith("offscreen-child.ts")) {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(triggers)) {
    const html = triggers[name];
    if (html === undefined) throw new Error(`no trigger named ${name}`);
    const start = performance.now();
    let line: ChildRender;
    try {
      await renderCard(parseOgParams({ title: "x", html, width: 1200, height: 630 }));
      line = { name, status: 200, ms: Math.round(performance.now() - start) };
    } catch (error) {
      if (!(error instanceof OgError)) throw error;
      line = { name, status: error.status, ms: Math.round(performance.now() - start), message: error.message };
    }
    console.log(JSON.stringify(line));
  }
  console.log(JSON.stringify({ maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
