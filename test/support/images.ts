import { createHash } from "node:crypto";
import { createServer } from "node:http";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { inject } from "vitest";
import { listen, type RunningServer } from "../../adapters/core/listen.js";

/** A real PNG of the given size; `seed` changes the colour, so different seeds give different bytes. */
export function pngImage(width: number, height: number, seed = 1): Buffer {
  const png = new PNG({ width, height });
  fill(png.data, width, height, seed);
  return PNG.sync.write(png);
}

/** A real baseline JPEG of the given size. */
export function jpegImage(width: number, height: number, seed = 1, quality = 80): Buffer {
  const data = Buffer.alloc(width * height * 4);
  fill(data, width, height, seed);
  return jpeg.encode({ width, height, data }, quality).data;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function fill(data: Buffer, width: number, height: number, seed: number): void {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (seed * 53 + x) & 0xff;
      data[i + 1] = (seed * 97 + y) & 0xff;
      data[i + 2] = (seed * 31) & 0xff;
      data[i + 3] = 0xff;
    }
  }
}

export interface ServedImage {
  body: Buffer;
  contentType: string;
  /** Milliseconds before the answer starts. */
  delayMs?: number;
}

export interface ImageHost extends RunningServer {
  /** Serves `body` at `path` (leading slash) from now on. */
  put(path: string, image: ServedImage): string;
  /** GET requests per path. */
  hits(path: string): number;
}

/**
 * An exporter's image server on 127.0.0.1: paths registered with put(); anything else is 404. Images are generated,
 * never read from disk.
 */
export async function startImageHost(): Promise<ImageHost> {
  const images = new Map<string, ServedImage>();
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://host.local").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const image = images.get(path);
    if (!image) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const send = () => {
      res.writeHead(200, { "content-type": image.contentType, "content-length": String(image.body.length) });
      res.end(req.method === "HEAD" ? undefined : image.body);
    };
    if (image.delayMs) setTimeout(send, image.delayMs);
    else send();
  });
  const running = await listen(server);
  return {
    ...running,
    put(path, image) {
      images.set(path, image);
      return `${running.url}${path}`;
    },
    hits: (path) => hits.get(path) ?? 0,
  };
}

/** The run's sample image host (globalSetup), or a public-looking URL outside vitest workers. */
export function testImageHost(): string {
  try {
    return inject("imageHostUrl");
  } catch {
    return "https://images.example.com";
  }
}
