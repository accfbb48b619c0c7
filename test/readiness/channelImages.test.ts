import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageRules } from "../../adapters/core/types.js";
import { cachedChannelImages, inspectImages, type MediaSettings } from "../../src/media/channelImages.js";
import { startSampleImageHost } from "../../src/media/sampleImageHost.js";
import type { Runtime } from "../../src/runtime.js";
import { type ImageHost, jpegImage, sha256, startImageHost } from "../support/images.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

const rules: ImageRules = {
  maxImages: 2,
  maxBytes: 3_000_000,
  minPixels: 330,
  maxPixels: 5000,
  formats: ["jpeg", "png"],
};

describe("image assets: fetched once, checked again at the source after the refresh window", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let host: ImageHost;
  let sample: Awaited<ReturnType<typeof startSampleImageHost>>;
  let settings: MediaSettings;
  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "channel-images");
    host = await startImageHost();
    sample = await startSampleImageHost();
    settings = {
      allowedHosts: [new URL(host.url).host, new URL(sample.url).host],
      maxBytes: 3_000_000,
      timeoutMs: 5000,
      refreshAfterMs: 60_000,
    };
  });
  afterAll(async () => {
    await host.close();
    await sample.close();
    await rt.close();
    await t.drop();
  });

  it("a fresh asset is not fetched again; an old one is asked with If-None-Match and a 304 keeps it", async () => {
    const url = `${sample.url}/a/front.jpg`;
    const first = await inspectImages(rt.db, settings, [url], rules);
    expect(first.holds).toEqual([]);
    expect(first.bytes.size).toBe(1);
    const again = await inspectImages(rt.db, settings, [url], rules);
    expect(sample.hits("/a/front.jpg")).toBe(1);
    expect(again.assets[0]?.contentHash).toBe(first.assets[0]?.contentHash);

    const later = new Date(Date.now() + 61_000);
    const revalidated = await inspectImages(rt.db, settings, [url], rules, later);
    expect(sample.hits("/a/front.jpg")).toBe(2);
    expect(revalidated.bytes.size).toBe(0); // 304: nothing downloaded
    const row = await rt.db.mediaAsset.findUniqueOrThrow({ where: { sourceUrl: url } });
    expect(row.fetchedAt.getTime()).toBe(later.getTime());
  });

  it("a new picture at the same URL gets a new content hash after the refresh window", async () => {
    const one = jpegImage(600, 600, 1);
    const two = jpegImage(600, 600, 2);
    const url = host.put("/same.jpg", { body: one, contentType: "image/jpeg" });
    const first = await inspectImages(rt.db, settings, [url], rules);
    expect(first.assets[0]?.contentHash).toBe(sha256(one));
    host.put("/same.jpg", { body: two, contentType: "image/jpeg" });
    const stillFresh = await inspectImages(rt.db, settings, [url], rules);
    expect(stillFresh.assets[0]?.contentHash).toBe(sha256(one));
    const later = await inspectImages(rt.db, settings, [url], rules, new Date(Date.now() + 61_000));
    expect(later.assets[0]?.contentHash).toBe(sha256(two));
  });

  it("holds a missing image for good but throws on a server error, so the push is retried", async () => {
    const missing = await inspectImages(rt.db, settings, [`${host.url}/nope.jpg`], rules);
    expect(missing.holds).toEqual([
      expect.objectContaining({ kind: "media", field: "media[0]", message: expect.stringContaining("404") }),
    ]);
    const flaky = await startFlakyServer();
    await expect(
      inspectImages(rt.db, { ...settings, allowedHosts: [new URL(flaky.url).host] }, [`${flaky.url}/x.jpg`], rules),
    ).rejects.toMatchObject({ transient: true });
    await flaky.close();
  });

  it("considers only the channel's first maxImages images and reports the cached channel URLs only when all are uploaded", async () => {
    const urls = [1, 2, 3].map((n) => `${sample.url}/cap/${n}.jpg`);
    const result = await inspectImages(rt.db, settings, urls, rules);
    expect(result.assets).toHaveLength(2);
    expect(sample.hits("/cap/3.jpg")).toBe(0);
    const account = await rt.db.exporter.create({ data: { slug: "img", name: "img" } }).then((e) =>
      rt.db.channelAccount.create({
        data: { exporterId: e.id, channel: "daraz", baseUrl: "http://x", credentialsEnc: "x" },
      }),
    );
    expect(await cachedChannelImages(rt.db, account.id, urls, rules)).toBeNull();
    await rt.db.mediaUpload.createMany({
      data: result.assets.map((a, i) => ({
        channelAccountId: account.id,
        contentHash: a.contentHash,
        remoteUrl: `https://cdn/${i}.jpg`,
      })),
    });
    expect(await cachedChannelImages(rt.db, account.id, urls, rules)).toEqual([
      "https://cdn/0.jpg",
      "https://cdn/1.jpg",
    ]);
  });
});

async function startFlakyServer() {
  const { createServer } = await import("node:http");
  const { listen } = await import("../../adapters/core/listen.js");
  return listen(createServer((_req, res) => res.writeHead(503, { "content-type": "text/plain" }).end("busy")));
}
