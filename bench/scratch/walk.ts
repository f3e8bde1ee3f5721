import { parseOgParams } from "@ogkit/sdk";
import { buildCard } from "../../packages/server/src/engine/index.ts";
const { element } = await buildCard(parseOgParams("title=How%20to%20Build%20a%20REST%20API%20in%20Node&subtitle=A%20Complete%20Guide%20for%20Beginners&caption=8%20min%20read&theme=dark&pattern=dots&icon=code&brand=ogkit.dev"));
function walk(n: any, d = 0) { if (!n || typeof n !== "object") { console.log(" ".repeat(d) + JSON.stringify(n)); return; } const s = n.props?.style ?? {}; const c = n.props?.children; const kids = Array.isArray(c) ? c : c === undefined ? [] : [c]; console.log(" ".repeat(d) + n.type, s.display, kids.length, Object.keys(s).join(",").slice(0, 100)); for (const k of kids) walk(k, d + 2); }
walk(element);
