import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DarazSimulatorHandle } from "../../adapters/daraz/simulator/index.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { scanForResync } from "../../src/sync/resync.js";
import { writeMappings } from "../../src/taxonomy/mappingStore.js";
import { recheckAccount } from "../../src/taxonomy/recheck.js";
import { refreshTaxonomy } from "../../src/taxonomy/refreshTaxonomy.js";
import { jpegImage, startImageHost, testImageHost } from "../support/images.js";
import { footballInput } from "../support/seedBasics.js";
import { type SyncHarness, startSyncHarness } from "../support/syncHarness.js";

const poll = { timeout: 20_000, interval: 50 };
const noMappings = { categories: [], attributes: [], values: [] };

describe("channel readiness against the Daraz simulator (taxonomy and hosted images enforced)", () => {
  let h: SyncHarness;
  let sim: DarazSimulatorHandle;
  beforeAll(async () => {
    h = await startSyncHarness("readiness-daraz", { enforceTaxonomy: true, requireHostedImages: true });
    sim = h.sim as DarazSimulatorHandle;
  });
  afterAll(() => h.close());

  const create = (sku: string, overrides: Record<string, unknown> = {}) =>
    saveProduct(h.rt.db, h.exporterId, footballInput(sku, overrides), { mode: "create" });
  const stateOf = async (productId: string) => (await h.listingOf(productId)).state;
  const creates = () => sim.counts()["/product/create"] ?? 0;
  const variant = (sku: string, color: string) => ({
    sellerSku: `${sku}-V`,
    options: { color, size: "5" },
    lengthCm: 23,
    widthCm: 23,
    heightCm: 23,
    weightKg: 0.45,
    stock: [{ warehouse: "SKT-1", quantity: 10 }],
  });

  it("refresh stores the whole tree and the mapped category's attributes with the date they were fetched", async () => {
    const before = new Date();
    const result = await refreshTaxonomy(h.rt, h.accountId);
    const stored = await h.rt.db.channelCategory.count({ where: { channelAccountId: h.accountId } });
    expect(result.categories).toBe(stored);
    expect(stored).toBeGreaterThan(50);
    const leaf = await h.rt.db.channelCategory.findUniqueOrThrow({
      where: { channelAccountId_remoteId: { channelAccountId: h.accountId, remoteId: "10000421" } },
    });
    expect(leaf.leaf).toBe(true);
    expect(leaf.path.split(" > ").length).toBeGreaterThanOrEqual(3);
    expect(leaf.attributesFetchedAt?.getTime()).toBeGreaterThanOrEqual(before.getTime());
    const attrs = await h.rt.db.channelAttribute.findMany({
      where: { channelAccountId: h.accountId, categoryRemoteId: "10000421" },
    });
    expect(attrs.find((a) => a.key === "warranty_type")?.required).toBe(true);
    expect(attrs.find((a) => a.key === "color_family")?.variant).toBe(true);
    const refresh = await h.rt.db.taxonomyRefresh.findUniqueOrThrow({ where: { id: result.refreshId } });
    expect(refresh.finishedAt).not.toBeNull();
    expect(refresh.error).toBeNull();
  });

  it("holds a colour Daraz does not know, sends nothing, and releases the listing once the value is mapped", async () => {
    const createsBefore = creates();
    const p = await create("RD-MAROON", { variants: [variant("RD-MAROON", "Maroon")] });
    await expect.poll(() => stateOf(p.id), poll).toBe("incomplete");
    const held = await h.listingOf(p.id);
    expect(held.holds).toEqual([
      expect.objectContaining({
        kind: "attribute",
        field: "variants.RD-MAROON-V.options.color",
        message: expect.stringContaining('"Maroon" is not one of its values'),
      }),
    ]);
    expect(creates()).toBe(createsBefore);

    await writeMappings(
      h.rt.db,
      h.accountId,
      { ...noMappings, values: [{ attribute: "color_family", master: "Maroon", channel: "Red" }] },
      { mode: "merge" },
    );
    await recheckAccount(h.rt.db, h.rt.accounts, h.rt.queues, h.accountId);
    await expect.poll(() => stateOf(p.id), poll).toBe("live");
    const live = await h.listingOf(p.id);
    expect(live.holds).toEqual([]);
    const accepted = live.accepted as { variants: { options: Record<string, string> }[] };
    expect(accepted.variants[0]?.options).toEqual({ color_family: "Red", size: "5" });
  });

  it("uploads each image once per content hash and keeps the media part when nothing really changed", async () => {
    const url = `${testImageHost()}/shared/front.jpg`;
    const media = [{ url, altText: "front" }];
    const uploadsBefore = sim.uploadedImages().length;
    const a = await create("RD-IMG-A", { media, variants: [variant("RD-IMG-A", "White")] });
    await expect.poll(() => stateOf(a.id), poll).toBe("live");
    const b = await create("RD-IMG-B", { media, variants: [variant("RD-IMG-B", "White")] });
    await expect.poll(() => stateOf(b.id), poll).toBe("live");
    expect(sim.uploadedImages().length - uploadsBefore).toBe(1);
    const listingA = await h.listingOf(a.id);
    const images = (listingA.accepted as { images: string[] }).images;
    expect(images[0]).toMatch(/^https:\/\/static-01\.daraz\.pk\/p\//);

    // A title edit re-sends content; the image is not uploaded again and the media hash stays.
    await saveProduct(
      h.rt.db,
      h.exporterId,
      footballInput("RD-IMG-A", {
        media,
        variants: [variant("RD-IMG-A", "White")],
        content: [{ locale: "en", title: "Match Football Size 5, new title", description: "<p>x</p>", bullets: [] }],
      }),
      { mode: "update" },
    );
    await expect.poll(async () => (await h.listingOf(a.id)).contentHash, poll).not.toBe(listingA.contentHash);
    expect((await h.listingOf(a.id)).mediaHash).toBe(listingA.mediaHash);
    expect(sim.uploadedImages().length - uploadsBefore).toBe(1);

    // A different picture is a new upload and a new media hash.
    const changed = [{ url: `${url}?v=2`, altText: "front" }];
    await saveProduct(
      h.rt.db,
      h.exporterId,
      footballInput("RD-IMG-A", {
        media: changed,
        variants: [variant("RD-IMG-A", "White")],
        content: [{ locale: "en", title: "Match Football Size 5, new title", description: "<p>x</p>", bullets: [] }],
      }),
      {
        mode: "update",
      },
    );
    await expect.poll(async () => (await h.listingOf(a.id)).mediaHash, poll).not.toBe(listingA.mediaHash);
    expect(sim.uploadedImages().length - uploadsBefore).toBe(2);
    expect(await h.rt.db.mediaUpload.count({ where: { channelAccountId: h.accountId } })).toBeGreaterThanOrEqual(2);
  });

  it("pushes running at the same time share one upload of a new image", async () => {
    const media = [{ url: `${testImageHost()}/shared/burst.jpg`, altText: "burst" }];
    const uploadsBefore = sim.uploadedImages().length;
    const skus = ["RD-BURST-1", "RD-BURST-2", "RD-BURST-3", "RD-BURST-4", "RD-BURST-5"];
    const products = await Promise.all(skus.map((sku) => create(sku, { media, variants: [variant(sku, "White")] })));
    for (const p of products) await expect.poll(() => stateOf(p.id), poll).toBe("live");
    expect(sim.uploadedImages().length - uploadsBefore).toBe(1);
  });

  it("shows description pictures from Daraz's store, and a resync then finds nothing to push", async () => {
    const detail = `${testImageHost()}/desc/stitching-detail.jpg`;
    const p = await create("RD-DESC", {
      variants: [variant("RD-DESC", "White")],
      content: [
        {
          locale: "en",
          title: "Match Football Size 5 with stitching detail",
          description: `<p>Hand stitched.</p><p><img src="${detail}" alt="stitching"></p>`,
          bullets: [],
        },
      ],
    });
    await expect.poll(() => stateOf(p.id), poll).toBe("live");
    const accepted = (await h.listingOf(p.id)).accepted as { description: string };
    expect(accepted.description).toMatch(/<img src="https:\/\/static-01\.daraz\.pk\/p\/[0-9a-f]+\.jpg"/);
    expect(accepted.description).not.toContain(detail);
    const account = await h.rt.accounts.get(h.accountId);
    const pending: string[] = [];
    for await (const item of scanForResync(h.rt.db, account, h.exporterId)) pending.push(item.sku);
    expect(pending).not.toContain("RD-DESC");
  });

  it("holds an image below Daraz's minimum size, naming the image and the rule", async () => {
    const createsBefore = creates();
    const p = await create("RD-SMALL", {
      media: [{ url: `${testImageHost()}/small.jpg?w=200&h=200`, altText: "small" }],
      variants: [variant("RD-SMALL", "White")],
    });
    await expect.poll(() => stateOf(p.id), poll).toBe("incomplete");
    expect((await h.listingOf(p.id)).holds).toEqual([
      expect.objectContaining({ kind: "media", field: "media[0]", message: expect.stringContaining("under 330 px") }),
    ]);
    expect(creates()).toBe(createsBefore);
  });

  it("refuses an image on a loopback host that is not allowed, before connecting to it", async () => {
    const internal = await startImageHost();
    internal.put("/blocked/secret.jpg", { body: jpegImage(800, 800), contentType: "image/jpeg" });
    const blocked = `http://localhost:${internal.port}/blocked/secret.jpg`;
    const p = await create("RD-PRIVATE", {
      media: [{ url: blocked, altText: "x" }],
      variants: [variant("RD-PRIVATE", "White")],
    });
    await expect.poll(() => stateOf(p.id), poll).toBe("incomplete");
    const [hold] = (await h.listingOf(p.id)).holds as { kind: string; message: string }[];
    expect(hold?.kind).toBe("media");
    expect(hold?.message).toMatch(/loopback/);
    expect(internal.hits("/blocked/secret.jpg")).toBe(0);
    expect(await h.rt.db.mediaAsset.count({ where: { sourceUrl: blocked } })).toBe(0);
    await internal.close();
  });

  it("a requirement the channel adds later is found by the refresh, holds the listing, and filling it releases it", async () => {
    const p = await create("RD-LATER", { variants: [variant("RD-LATER", "White")] });
    await expect.poll(() => stateOf(p.id), poll).toBe("live");
    sim.requireAttribute("10000421", "material", true);
    const result = await refreshTaxonomy(h.rt, h.accountId);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ kind: "attribute_now_required", categoryId: "10000421", key: "material" }),
    );
    expect(result.affectsListings).toBe(true);
    await recheckAccount(h.rt.db, h.rt.accounts, h.rt.queues, h.accountId);
    await expect.poll(() => stateOf(p.id), poll).toBe("incomplete");
    expect((await h.listingOf(p.id)).holds).toEqual([
      expect.objectContaining({ kind: "attribute", field: "attributes.material" }),
    ]);
    await saveProduct(
      h.rt.db,
      h.exporterId,
      footballInput("RD-LATER", {
        variants: [variant("RD-LATER", "White")],
        attributes: [{ key: "material", type: "enum", value: "PU Leather" }],
      }),
      { mode: "update" },
    );
    await expect.poll(() => stateOf(p.id), poll).toBe("live");
    sim.requireAttribute("10000421", "material", false);
  });
});
