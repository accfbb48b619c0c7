/**
 * A pass-through HTTP proxy in front of the sample image host that tells who fetched each image: the engine's image
 * fetcher (user agent Tijarat-media/1) or someone else (Daraz's simulator downloading what /images/migrate names).
 * The host itself counts hits per path only.
 */
import { createServer, request } from "node:http";
import { listen } from "../../adapters/core/listen.js";

export interface FetchCounter {
  /** Base URL to give product media instead of the image host's. */
  url: string;
  /** GETs so far: by the engine, and by anyone else (channels fetching source URLs themselves). */
  counts(): { engine: number; others: number };
  close(): Promise<void>;
}

export async function startFetchCounter(target: string): Promise<FetchCounter> {
  const origin = new URL(target);
  let engine = 0;
  let others = 0;
  const server = createServer((req, res) => {
    if (String(req.headers["user-agent"] ?? "").startsWith("Tijarat-media/")) engine += 1;
    else others += 1;
    const upstream = request(
      { host: origin.hostname, port: origin.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  const running = await listen(server);
  return {
    url: running.url,
    counts: () => ({ engine, others }),
    close: running.close,
  };
}
