/**
 * The ogkit server as the benchmark runs it: its own process (so the load generator does not share
 * its event loop), default settings but for the options given as JSON in argv[2]. Talks to the
 * bench over the IPC channel: "ready" with its URL once the render threads are warm, "memory" on
 * request, and it exits on "close".
 */
import { createOgServer, type OgServerOptions } from "@ogkit/server";

export type ServerMessage =
  | { type: "ready"; url: string }
  | { type: "memory"; rssBytes: number; peakRssBytes: number; externalBytes: number };

const options = JSON.parse(process.argv[2] ?? "{}") as OgServerOptions;
const send = (message: ServerMessage) => process.send?.(message);

const server = createOgServer(options);
const { url } = await server.listen(0, "127.0.0.1");
await server.handler.warm();
send({ type: "ready", url });

process.on("message", (message: { type: string }) => {
  if (message.type === "memory") {
    const { rss, external } = process.memoryUsage();
    // maxRSS is in KiB; it is the peak of the whole process, render threads included.
    send({
      type: "memory",
      rssBytes: rss,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      externalBytes: external,
    });
  } else if (message.type === "close") {
    void server.close().then(() => process.exit(0));
  }
});
