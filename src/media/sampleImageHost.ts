import { createHash } from "node:crypto";
import { createServer } from "node:http";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { listen, type RunningServer } from "../../adapters/core/listen.js";

export interface SampleImageHost extends RunningServer {
  /** GET requests served, per path. */
  hits(path: string): number;
}

/**
 * Stands in for an exporter's image server in the demo and the tests: every `.jpg`/`.jpeg`/`.png` path answers a
 * real image drawn from the path (the same path always gives the same bytes). `?w=&h=` set the size (default
 * 1000x1000, which every channel accepts); `?v=` changes the picture, as a re-shot photo at the same URL would.
 */
export async function startSampleImageHost(opts: { port?: number } = {}): Promise<SampleImageHost> {
  const cache = new Map<string, { body: Buffer; type: string }>();
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://images.local");
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const format = /\.png$/i.test(url.pathname) ? "png" : /\.jpe?g$/i.test(url.pathname) ? "jpeg" : undefined;
    if (!format || req.method !== "GET") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const key = `${url.pathname}?${url.searchParams.toString()}`;
    let image = cache.get(key);
    if (!image) {
      const size = (name: string) => Math.min(Math.max(Number(url.searchParams.get(name) ?? 1000) || 1000, 1), 6000);
      const seed = createHash("sha256")
        .update(`${url.pathname}#${url.searchParams.get("v") ?? ""}`)
        .digest();
      image = {
        body: drawImage(format, size("w"), size("h"), seed),
        type: format === "png" ? "image/png" : "image/jpeg",
      };
      cache.set(key, image);
    }
    const etag = `"${createHash("sha1").update(image.body).digest("hex")}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": image.type, "content-length": String(image.body.length), etag });
    res.end(image.body);
  });
  const running = await listen(server, opts.port !== undefined ? { port: opts.port } : {});
  return { ...running, hits: (path) => hits.get(path) ?? 0 };
}

/** A soft two-colour gradient: compresses well, so a 1000 px JPEG stays far under every channel's byte limit. */
export function drawImage(format: "jpeg" | "png", width: number, height: number, seed: Uint8Array): Buffer {
  const data = Buffer.alloc(width * height * 4);
  const [r0 = 0, g0 = 0, b0 = 0, r1 = 255, g1 = 255, b1 = 255] = seed;
  for (let y = 0; y < height; y++) {
    const t = y / Math.max(height - 1, 1);
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = Math.round(r0 + (r1 - r0) * t);
      data[i + 1] = Math.round(g0 + (g1 - g0) * t);
      data[i + 2] = Math.round(b0 + (b1 - b0) * (x / Math.max(width - 1, 1)));
      data[i + 3] = 255;
    }
  }
  if (format === "jpeg") return jpeg.encode({ width, height, data }, 85).data;
  const png = new PNG({ width, height });
  data.copy(png.data);
  return PNG.sync.write(png);
}
