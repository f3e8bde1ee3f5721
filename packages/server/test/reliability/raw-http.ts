import { connect } from "node:net";

export interface RawRequest {
  method?: string;
  /** The request target exactly as sent: nothing is encoded or checked, unlike fetch or http.request. */
  path: string;
  /** How `path` becomes bytes: utf8 (default) or latin1 (one byte per char, to send invalid UTF-8). */
  encoding?: "utf8" | "latin1";
  headers?: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Decodes a chunked body (RFC 9112 7.1), ignoring extensions and trailers. */
function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", offset);
    if (lineEnd === -1) throw new Error("truncated chunked body");
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString("latin1").split(";")[0] ?? "", 16);
    if (!Number.isFinite(size)) throw new Error("bad chunk size");
    if (size === 0) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/**
 * One HTTP/1.1 exchange over a raw socket, so that any bytes can be sent: control characters,
 * spaces and invalid UTF-8 in the request line, headers fetch refuses. The connection is closed
 * after the response.
 */
export function rawRequest(origin: string, request: RawRequest, timeoutMs = 60_000): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  const headers: Record<string, string> = { host: `${hostname}:${port}`, connection: "close", ...request.headers };
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");
  if (body && !Object.keys(headers).some((name) => name.toLowerCase() === "content-length")) {
    headers["content-length"] = String(body.byteLength);
  }
  const head = Buffer.concat([
    Buffer.from(`${request.method ?? "GET"} `, "latin1"),
    Buffer.from(request.path, request.encoding ?? "utf8"),
    Buffer.from(
      ` HTTP/1.1\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("")}\r\n`,
      "utf8",
    ),
  ]);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      let data = Buffer.concat(received);
      // Interim responses (100 Continue) come before the real one.
      while (/^HTTP\/1\.[01] 1\d\d /.test(data.subarray(0, 16).toString("latin1"))) {
        data = data.subarray(data.indexOf("\r\n\r\n") + 4);
      }
      const split = data.indexOf("\r\n\r\n");
      if (split === -1) return reject(new Error(`no HTTP response (got ${data.byteLength} bytes)`));
      const [statusLine = "", ...lines] = data.subarray(0, split).toString("latin1").split("\r\n");
      const status = Number(statusLine.split(" ")[1]);
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let rest: Buffer = data.subarray(split + 4);
      try {
        if (parsed["transfer-encoding"]?.toLowerCase() === "chunked") rest = unchunk(rest);
      } catch (error) {
        return reject(error);
      }
      resolve({ status, headers: parsed, body: rest });
    });
    socket.write(head);
    if (body) socket.write(body);
  });
}
