import { ImageResponse } from "@vercel/og";
const tries: Record<string, unknown> = {
  emptyArr: { type: "div", props: { style: { display: "flex", width: 100, height: 100 }, children: [{ type: "div", props: { style: { width: 10, height: 10 }, children: [] } }] } },
  block: { type: "div", props: { style: { display: "flex", width: 100, height: 100 }, children: [{ type: "div", props: { style: { display: "block", lineClamp: 2 }, children: "hello world" } }] } },
  two: { type: "div", props: { style: { display: "flex", width: 100, height: 100 }, children: [{ type: "div", props: { style: { width: 10, height: 10 } } }, "x"] } },
};
for (const [k, el] of Object.entries(tries)) {
  try { const b = await new ImageResponse(el as never, { width: 100, height: 100 }).arrayBuffer(); console.log(k, "ok", b.byteLength); } catch (e) { console.log(k, "ERR", (e as Error).message.slice(0, 100)); }
}
