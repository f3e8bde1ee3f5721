import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

/** What the reliability suites hand the image fetcher: allowlisted test names and their addresses. */
export const TEST_IMAGE_HOSTS = { "img.test": "127.0.0.1", "private.test": "10.0.0.1" } as const;

export interface ImageServer {
  /** http://img.test:PORT: reaches this server through the fetcher's `hosts`. */
  origin: string;
  /** The port it listens on, on 127.0.0.1. */
  port: number;
  /** Paths requested so far. */
  hits: string[];
  /** The 8x8 red PNG /red.png serves. */
  red: Buffer;
  close(): Promise<void>;
}

/**
 * A local image server on 127.0.0.1 for html templates' remote images: /red.png, /page.html
 * (not an image), /missing.png (404), /huge.png (declares 5 MB), /streamed-huge.png (8 MB without a
 * Content-Length), /slow.png (never answers), /redirect?to=URL and /loop (redirects to itself).
 * Tests never fetch from anywhere else.
 */
export async function startImageServer(): Promise<ImageServer> {
  const red = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ff0000" } })
    .png()
    .toBuffer();
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(url.pathname);
    switch (url.pathname) {
      case "/red.png":
        res.writeHead(200, { "content-type": "image/png", "content-length": red.byteLength }).end(red);
        return;
      case "/page.html":
        res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
        return;
      case "/huge.png":
        res.writeHead(200, { "content-type": "image/png", "content-length": String(5 * 1024 * 1024) }).end();
        return;
      case "/streamed-huge.png": {
        // No Content-Length: the fetcher must count what arrives and stop.
        res.writeHead(200, { "content-type": "image/png" });
        const chunk = Buffer.alloc(256 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 8 * 1024 * 1024) {
            sent += chunk.byteLength;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => {});
        pump();
        return;
      }
      case "/missing.png":
        res.writeHead(404).end();
        return;
      case "/slow.png":
        // Never answers; the fetcher's deadline must end it.
        return;
      case "/redirect":
        res.writeHead(302, { location: url.searchParams.get("to") ?? "/red.png" }).end();
        return;
      case "/loop":
        res.writeHead(301, { location: "/loop" }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://img.test:${port}`,
    port,
    hits,
    red,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
