import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listen, type RunningServer } from "../listen.js";

/** One parsed request as a simulator handler sees it. */
export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** urlencoded fields as strings; a JSON object as parsed; else {}. */
  body: Record<string, unknown>;
  rawBody: string;
  /** Files of a multipart/form-data body, by field name (their text fields are in body). */
  files: Record<string, SimFile>;
  headers: Record<string, string | undefined>;
  /** The caller's IP as the socket saw it (IPv4-mapped IPv6 prefix removed), for IP allowlist checks. */
  remoteAddress?: string;
}

export interface SimFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A JSON (or raw text) answer, or `hang` to hold the request open until the client gives up. */
export type SimReply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { hang: true };

export type SimHandler = (req: SimRequest) => SimReply | Promise<SimReply>;

export type { RunningServer };

/** A tiny node:http server: port 0 picks a free port; hung requests are cut when the server closes. */
export async function startSimServer(
  handler: SimHandler,
  opts: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void serve(handler, req, res);
  });
  return listen(server, opts);
}

async function serve(handler: SimHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const bytes = await readBody(req);
    const rawBody = bytes.toString("utf8");
    const url = new URL(req.url ?? "/", "http://sim.local");
    const headers: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(req.headers))
      headers[key] = Array.isArray(value) ? value.join(", ") : value;
    const multipart = (headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")
      ? await parseMultipart(bytes, headers["content-type"] ?? "")
      : undefined;
    const request: SimRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      body: multipart?.fields ?? parseBody(rawBody, headers["content-type"]),
      rawBody,
      files: multipart?.files ?? {},
      headers,
      remoteAddress: (req.socket.remoteAddress ?? "").replace(/^::ffff:/, ""),
    };
    const reply = await handler(request);
    if ("hang" in reply) return; // held open; closeAllConnections() or the client ends it
    const text = reply.text ?? JSON.stringify(reply.json ?? null);
    res.writeHead(reply.status ?? 200, {
      "content-type": reply.text !== undefined ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
      ...reply.headers,
    });
    res.end(text);
  } catch (err) {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "simulator crashed", message: err instanceof Error ? err.message : String(err) }));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => resolve(Buffer.concat(parts)));
    req.on("error", reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw).entries());
  if (type.includes("json")) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {};
}

/** Node's own multipart parser (the fetch Response); a malformed body yields no fields rather than a crash. */
async function parseMultipart(
  bytes: Buffer,
  contentType: string,
): Promise<{ fields: Record<string, string>; files: Record<string, SimFile> }> {
  const fields: Record<string, string> = {};
  const files: Record<string, SimFile> = {};
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
  } catch {
    return { fields, files };
  }
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") fields[name] = value;
    else
      files[name] = {
        filename: value.name,
        contentType: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      };
  }
  return { fields, files };
}
