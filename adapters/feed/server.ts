import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { listen, type RunningServer } from "../core/listen.js";
import { FEED_FILES } from "./capabilities.js";

export interface FeedServerOptions {
  /** The feed directory (the adapter's feedDir). */
  dir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export type RunningFeedServer = RunningServer;

const ROUTES: Record<string, { file: string; type: string }> = {
  "/feed.csv": { file: FEED_FILES.csv, type: "text/csv; charset=utf-8" },
  "/feed.xml": { file: FEED_FILES.xml, type: "application/rss+xml; charset=utf-8" },
};

/**
 * Serves /feed.csv and /feed.xml from the feed directory with a content ETag and Last-Modified, answering 304 to
 * If-None-Match / If-Modified-Since, so consumers can poll cheaply. Files are read per request; the adapter replaces
 * them atomically, so a response is always one whole version.
 */
export async function startFeedServer(opts: FeedServerOptions): Promise<RunningFeedServer> {
  const server = createServer((req, res) => {
    void serve(opts.dir, req, res);
  });
  return listen(server, opts);
}

async function serve(dir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const path = new URL(req.url ?? "/", "http://feed.local").pathname;
    const route = ROUTES[path];
    if (!route) return end(res, 404, "not found\n");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return end(res, 405, "method not allowed\n");
    }
    const file = join(dir, route.file);
    let body: Buffer;
    let mtimeMs: number;
    try {
      // Read first, then stat: a rename in between can only make Last-Modified newer than the body, never older.
      body = await readFile(file);
      mtimeMs = (await stat(file)).mtimeMs;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return end(res, 404, "no feed written yet\n");
      throw err;
    }
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    const lastModified = new Date(Math.floor(mtimeMs / 1000) * 1000).toUTCString();
    const headers = { etag, "last-modified": lastModified, "cache-control": "no-cache" };
    if (notModified(req, etag, mtimeMs)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, "content-type": route.type, "content-length": String(body.length) });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (err) {
    if (!res.headersSent) end(res, 500, `feed server error: ${err instanceof Error ? err.message : String(err)}\n`);
    else res.destroy();
  }
}

/** If-None-Match wins over If-Modified-Since (RFC 9110); ETags compare weakly. */
function notModified(req: IncomingMessage, etag: string, mtimeMs: number): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) {
    const tags = inm.split(",").map((t) => t.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag);
  }
  const ims = req.headers["if-modified-since"];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(mtimeMs / 1000) * 1000 <= since;
}

function end(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}
