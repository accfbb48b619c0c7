import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type RunningServer } from "../../adapters/core/listen.js";
import { fetchImage, type HostLookup } from "../../src/media/fetchImage.js";
import { MediaFetchError } from "../../src/media/mediaErrors.js";
import { type ImageHost, jpegImage, pngImage, sha256, startImageHost } from "../support/images.js";

interface TestServer extends RunningServer {
  /** Requests seen, in order. */
  seen: { path: string; host: string | undefined; ifNoneMatch: string | undefined }[];
  /** Responses that the client closed before they finished. */
  cutOff: number;
}

/** A tiny HTTP server on 127.0.0.1 for answers the image host cannot give. */
async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const seen: TestServer["seen"] = [];
  let cutOff = 0;
  const server = createServer((req, res) => {
    seen.push({
      path: req.url ?? "",
      host: req.headers.host,
      ifNoneMatch: req.headers["if-none-match"] as string | undefined,
    });
    res.on("close", () => {
      if (!res.writableFinished) cutOff++;
    });
    handler(req, res);
  });
  const running = await listen(server);
  return {
    ...running,
    seen,
    get cutOff() {
      return cutOff;
    },
  };
}

/** The MediaFetchError fetchImage rejected with (fails the test if it resolved or threw something else). */
async function refusal(promise: Promise<unknown>): Promise<MediaFetchError> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a MediaFetchError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(MediaFetchError);
  return outcome.error as MediaFetchError;
}

const lookupTo =
  (...addresses: string[]): HostLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const png = pngImage(64, 48, 3);
const jpeg = jpegImage(40, 30, 5);

let images: ImageHost;
let other: TestServer;
let etagCounter = 0;

beforeAll(async () => {
  images = await startImageHost();
  images.put("/cat.png", { body: png, contentType: "image/png" });
  images.put("/cat.jpg", { body: jpeg, contentType: "image/jpeg; charset=binary" });
  images.put("/slow.png", { body: png, contentType: "image/png", delayMs: 3000 });
  images.put("/page.png", { body: Buffer.from("<html><body>hi</body></html>"), contentType: "text/html" });
  images.put("/svg.png", {
    body: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"),
    contentType: "image/svg+xml",
  });
  images.put("/liar.png", { body: jpeg, contentType: "image/png" });
  images.put("/garbage.png", {
    body: Buffer.from("definitely not an image, just some bytes"),
    contentType: "image/png",
  });
  images.put("/empty.png", { body: Buffer.alloc(0), contentType: "image/png" });

  other = await startServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    switch (path) {
      case "/etag.png": {
        const etag = '"v1"';
        if (req.headers["if-none-match"] === etag) {
          res.writeHead(304, { etag }).end();
          return;
        }
        etagCounter++;
        res.writeHead(200, { "content-type": "image/png", etag }).end(png);
        return;
      }
      case "/endless.png": {
        // No Content-Length (chunked): 64 KiB chunks, up to 64 MiB unless the client hangs up first.
        res.writeHead(200, { "content-type": "image/png" });
        const chunk = Buffer.alloc(64 * 1024, 7);
        let sent = 0;
        const pump = () => {
          while (sent < 1024 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) {
              res.once("drain", pump);
              return;
            }
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case "/liar-length.png":
        // Says 50 MB, then sends nothing: must be refused from the header alone (not a timeout).
        res.writeHead(200, { "content-type": "image/png", "content-length": "50000000" });
        res.flushHeaders();
        return;
      case "/trickle.png":
        // Headers and half the body, then silence.
        res.writeHead(200, { "content-type": "image/png", "content-length": String(png.length) });
        res.write(png.subarray(0, png.length >> 1));
        return;
      case "/reset.png":
        res.writeHead(200, { "content-type": "image/png", "content-length": String(png.length) });
        res.write(png.subarray(0, 20), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case "/gone.png":
        res.writeHead(404, { "content-type": "text/plain" }).end("not here");
        return;
      case "/busy.png":
        res.writeHead(503, { "content-type": "text/plain", "retry-after": "7" }).end("busy");
        return;
      case "/throttled.png":
        res.writeHead(429, { "content-type": "text/plain" }).end("slow down");
        return;
      case "/redirect":
        res.writeHead(302, { location: new URL(req.url ?? "", "http://x").searchParams.get("to") ?? "/" }).end();
        return;
      case "/r1":
        res.writeHead(301, { location: "/r2" }).end();
        return;
      case "/r2":
        res.writeHead(307, { location: `${images.url}/cat.png` }).end();
        return;
      case "/no-location":
        res.writeHead(302).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
});

afterAll(async () => {
  await images?.close();
  await other?.close();
});

const local = { allowedHosts: ["127.0.0.1"] };

describe("fetchImage: good images", () => {
  it("fetches a PNG from an allowed 127.0.0.1 host", async () => {
    const result = await fetchImage(`${images.url}/cat.png`, local);
    if (result.notModified) throw new Error("unexpected notModified");
    expect(result.format).toBe("png");
    expect(result.contentType).toBe("image/png");
    expect([result.width, result.height]).toEqual([64, 48]);
    expect(result.byteLength).toBe(png.length);
    expect(result.bytes.equals(png)).toBe(true);
    expect(result.contentHash).toBe(sha256(png));
    expect(result.finalUrl).toBe(`${images.url}/cat.png`);
    expect(result.etag).toBeUndefined();
  });

  it("fetches a JPEG from a host:port entry", async () => {
    const result = await fetchImage(`${images.url}/cat.jpg`, { allowedHosts: [`127.0.0.1:${images.port}`] });
    if (result.notModified) throw new Error("unexpected notModified");
    expect(result.format).toBe("jpeg");
    expect(result.contentType).toBe("image/jpeg");
    expect([result.width, result.height]).toEqual([40, 30]);
    expect(result.contentHash).toBe(sha256(jpeg));
    expect(result.byteLength).toBe(jpeg.length);
  });

  it("connects to the address it checked, keeping the host name in the Host header", async () => {
    const asked: string[] = [];
    const lookup: HostLookup = async (host) => {
      asked.push(host);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const before = etagCounter;
    // images.tijarat.test does not exist in real DNS: only the pinned, checked address can be reached.
    const result = await fetchImage(`http://images.tijarat.test:${other.port}/etag.png`, {
      allowedHosts: ["images.tijarat.test"],
      lookup,
    });
    expect(result.notModified).toBe(false);
    expect(asked).toEqual(["images.tijarat.test"]);
    expect(etagCounter).toBe(before + 1);
    expect(other.seen.at(-1)?.host).toBe(`images.tijarat.test:${other.port}`);
  });

  it("accepts a body of exactly maxBytes and refuses one byte less", async () => {
    const ok = await fetchImage(`${images.url}/cat.png`, { ...local, maxBytes: png.length });
    expect(ok.notModified).toBe(false);
    const err = await refusal(fetchImage(`${images.url}/cat.png`, { ...local, maxBytes: png.length - 1 }));
    expect(err.reason).toBe("too_large");
  });
});

describe("fetchImage: addresses", () => {
  it("refuses 127.0.0.1 when it is not allowed, before connecting", async () => {
    const before = images.hits("/cat.png");
    const err = await refusal(fetchImage(`${images.url}/cat.png?sig=abc`));
    expect(err.reason).toBe("blocked_address");
    expect(err.transient).toBe(false);
    expect(err.message).toBe(
      `${images.url}/cat.png: 127.0.0.1 is a loopback address; add the host to MEDIA_ALLOWED_HOSTS to allow it`,
    );
    expect(images.hits("/cat.png")).toBe(before);
  });

  it("refuses an allowed host on another port", async () => {
    const before = images.hits("/cat.png");
    const err = await refusal(fetchImage(`${images.url}/cat.png`, { allowedHosts: [`127.0.0.1:${images.port + 1}`] }));
    expect(err.reason).toBe("blocked_address");
    expect(images.hits("/cat.png")).toBe(before);
  });

  it.each(["10.0.0.5", "169.254.169.254", "::ffff:127.0.0.1", "fd00::1", "::1", "100.64.1.1", "0.0.0.0"])(
    "refuses a host name that resolves to %s",
    async (address) => {
      const before = images.hits("/cat.png");
      const err = await refusal(
        fetchImage(`http://cdn.example.com:${images.port}/cat.png`, { lookup: lookupTo(address) }),
      );
      expect(err.reason).toBe("blocked_address");
      expect(err.transient).toBe(false);
      expect(err.message).toContain(`cdn.example.com resolves to ${address}`);
      expect(err.message).toContain("MEDIA_ALLOWED_HOSTS");
      expect(images.hits("/cat.png")).toBe(before);
    },
  );

  it("refuses a host whose answers mix public and private addresses", async () => {
    for (const answers of [
      ["93.184.216.34", "10.0.0.5"],
      ["2606:4700::1", "::1"],
      ["10.0.0.5", "93.184.216.34"],
    ]) {
      const err = await refusal(fetchImage("https://cdn.example.com/a.jpg", { lookup: lookupTo(...answers) }));
      expect(err.reason).toBe("blocked_address");
      expect(err.message).toContain(answers.join(", "));
    }
  });

  it.each(["http://[::1]:1/a.png", "http://0x7f.1:1/a.png", "http://2130706433:1/a.png", "http://169.254.169.254/"])(
    "refuses the IP literal in %s",
    async (url) => {
      const err = await refusal(fetchImage(url));
      expect(err.reason).toBe("blocked_address");
    },
  );

  it("refuses unspecified and multicast addresses even for an allowed host", async () => {
    const err = await refusal(
      fetchImage("http://cdn.local/a.png", { allowedHosts: ["cdn.local"], lookup: lookupTo("0.0.0.0") }),
    );
    expect(err.reason).toBe("blocked_address");
    expect(err.message).not.toContain("MEDIA_ALLOWED_HOSTS");
  });

  it("follows redirects hop by hop to an allowed image", async () => {
    const result = await fetchImage(`${other.url}/r1`, local);
    if (result.notModified) throw new Error("unexpected notModified");
    expect(result.finalUrl).toBe(`${images.url}/cat.png`);
    expect(result.contentHash).toBe(sha256(png));
  });

  it("refuses a redirect from an allowed host to cloud metadata", async () => {
    const to = "http://169.254.169.254/latest/meta-data/?token=secret";
    const err = await refusal(fetchImage(`${other.url}/redirect?to=${encodeURIComponent(to)}`, local));
    expect(err.reason).toBe("blocked_address");
    expect(err.message).toContain("redirected to http://169.254.169.254/latest/meta-data/");
    expect(err.message).toContain("169.254.169.254 is a link-local address");
    expect(err.message).not.toContain("secret");
  });

  it("refuses a redirect to a host name that resolves to a blocked address", async () => {
    const before = images.hits("/cat.png");
    const to = `http://internal.example:${images.port}/cat.png`;
    const err = await refusal(
      fetchImage(`${other.url}/redirect?to=${encodeURIComponent(to)}`, { ...local, lookup: lookupTo("127.0.0.1") }),
    );
    expect(err.reason).toBe("blocked_address");
    expect(err.message).toContain("internal.example resolves to 127.0.0.1");
    expect(images.hits("/cat.png")).toBe(before);
  });

  it("refuses a redirect to another scheme, too many redirects and a redirect without Location", async () => {
    const ftp = await refusal(fetchImage(`${other.url}/redirect?to=${encodeURIComponent("ftp://x/a.png")}`, local));
    expect(ftp.reason).toBe("scheme");
    const many = await refusal(fetchImage(`${other.url}/r1`, { ...local, maxRedirects: 1 }));
    expect(many.reason).toBe("too_many_redirects");
    expect(many.transient).toBe(false);
    const none = await refusal(fetchImage(`${other.url}/no-location`, local));
    expect(none.reason).toBe("http_status");
    expect(none.status).toBe(302);
  });
});

describe("fetchImage: URLs", () => {
  it.each([
    "ftp://example.com/a.png",
    "file:///etc/passwd",
    "data:image/png;base64,iVBORw0KGgo=",
    "gopher://example.com/",
    "javascript:alert(1)",
  ])("refuses %s", async (url) => {
    const err = await refusal(fetchImage(url));
    expect(err.reason).toBe("scheme");
    expect(err.transient).toBe(false);
  });

  it("refuses credentials in the URL without showing them", async () => {
    const before = images.hits("/cat.png");
    const url = `http://user:hunter2@127.0.0.1:${images.port}/cat.png`;
    const err = await refusal(fetchImage(url, local));
    expect(err.reason).toBe("credentials");
    expect(err.message).not.toContain("hunter2");
    expect(err.url).toBe(`${images.url}/cat.png`);
    expect(images.hits("/cat.png")).toBe(before);
  });

  it("refuses something that is not a URL", async () => {
    const err = await refusal(fetchImage("/relative/a.png"));
    expect(err.reason).toBe("invalid_url");
  });
});

describe("fetchImage: size and time", () => {
  it("refuses a Content-Length over maxBytes from the header alone", async () => {
    const started = Date.now();
    const err = await refusal(
      fetchImage(`${other.url}/liar-length.png`, { ...local, maxBytes: 1000, timeoutMs: 5000 }),
    );
    expect(err.reason).toBe("too_large");
    expect(err.message).toContain("Content-Length 50000000");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("stops reading a body without a length as soon as it passes maxBytes", async () => {
    const cutBefore = other.cutOff;
    const err = await refusal(fetchImage(`${other.url}/endless.png`, { ...local, maxBytes: 256 * 1024 }));
    expect(err.reason).toBe("too_large");
    expect(err.transient).toBe(false);
    await expect.poll(() => other.cutOff).toBe(cutBefore + 1);
  });

  it("times out on a server that answers too slowly", async () => {
    const started = Date.now();
    const err = await refusal(fetchImage(`${images.url}/slow.png`, { ...local, timeoutMs: 200 }));
    expect(err.reason).toBe("timeout");
    expect(err.transient).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("times out on a body that stalls halfway", async () => {
    const err = await refusal(fetchImage(`${other.url}/trickle.png`, { ...local, timeoutMs: 300 }));
    expect(err.reason).toBe("timeout");
  });

  it("counts DNS in the deadline", async () => {
    const never: HostLookup = () => new Promise(() => {});
    const err = await refusal(fetchImage("https://cdn.example.com/a.png", { lookup: never, timeoutMs: 100 }));
    expect(err.reason).toBe("timeout");
  });

  it("reports DNS failures as transient", async () => {
    const failing: HostLookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND cdn.example.com"), { code: "ENOTFOUND" });
    };
    const err = await refusal(fetchImage("https://cdn.example.com/a.png", { lookup: failing }));
    expect(err.reason).toBe("dns");
    expect(err.transient).toBe(true);
    expect(err.message).toContain("ENOTFOUND");
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await refusal(fetchImage(`${images.url}/slow.png`, { ...local, signal: controller.signal }));
    expect(err.reason).toBe("aborted");
  });

  it("reports a connection reset mid-body and a refused connection as transient network errors", async () => {
    const reset = await refusal(fetchImage(`${other.url}/reset.png`, local));
    expect(reset.reason).toBe("network");
    expect(reset.transient).toBe(true);
    const closed = await startServer(() => {});
    const url = `${closed.url}/a.png`;
    await closed.close();
    const refused = await refusal(fetchImage(url, local));
    expect(refused.reason).toBe("network");
    expect(refused.transient).toBe(true);
  });
});

describe("fetchImage: content", () => {
  it.each([
    ["/page.png", "text/html"],
    ["/svg.png", "image/svg+xml"],
  ])("refuses %s served as %s", async (path, type) => {
    const err = await refusal(fetchImage(`${images.url}${path}`, local));
    expect(err.reason).toBe("content_type");
    expect(err.transient).toBe(false);
    expect(err.message).toContain(type);
  });

  it("refuses a format that is not accepted", async () => {
    const err = await refusal(fetchImage(`${images.url}/cat.png`, { ...local, acceptFormats: ["jpeg"] }));
    expect(err.reason).toBe("content_type");
  });

  it("refuses JPEG bytes served as image/png", async () => {
    const err = await refusal(fetchImage(`${images.url}/liar.png`, local));
    expect(err.reason).toBe("content_type");
    expect(err.message).toContain("the body is a JPEG image");
  });

  it("refuses bytes that are no image at all, and an empty body", async () => {
    const garbage = await refusal(fetchImage(`${images.url}/garbage.png`, local));
    expect(garbage.reason).toBe("not_image");
    const empty = await refusal(fetchImage(`${images.url}/empty.png`, local));
    expect(empty.reason).toBe("not_image");
  });
});

describe("fetchImage: statuses", () => {
  it("returns notModified for a 304 to If-None-Match", async () => {
    const first = await fetchImage(`${other.url}/etag.png`, local);
    if (first.notModified) throw new Error("unexpected notModified");
    expect(first.etag).toBe('"v1"');
    const again = await fetchImage(`${other.url}/etag.png`, { ...local, ifNoneMatch: first.etag });
    expect(again).toEqual({ notModified: true, etag: '"v1"', finalUrl: `${other.url}/etag.png` });
    expect(other.seen.at(-1)?.ifNoneMatch).toBe('"v1"');
  });

  it("refuses 404 as permanent, without the query string in the message", async () => {
    const err = await refusal(fetchImage(`${other.url}/gone.png?X-Amz-Signature=s3cr3t#frag`, local));
    expect(err.reason).toBe("http_status");
    expect(err.status).toBe(404);
    expect(err.transient).toBe(false);
    expect(err.message).toBe(`${other.url}/gone.png: HTTP 404 Not Found`);
  });

  it("refuses 503 and 429 as transient", async () => {
    const busy = await refusal(fetchImage(`${other.url}/busy.png`, local));
    expect(busy.reason).toBe("http_status");
    expect(busy.status).toBe(503);
    expect(busy.transient).toBe(true);
    expect(busy.retryAfterMs).toBe(7000);
    const throttled = await refusal(fetchImage(`${other.url}/throttled.png`, local));
    expect(throttled.status).toBe(429);
    expect(throttled.transient).toBe(true);
  });
});
