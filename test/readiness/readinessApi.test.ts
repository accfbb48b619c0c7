import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { footballInput } from "../support/seedBasics.js";
import { type SyncHarness, startSyncHarness } from "../support/syncHarness.js";

const poll = { timeout: 20_000, interval: 50 };

describe("readiness API: taxonomy, mappings as a versioned file, unmapped categories, completeness", () => {
  let h: SyncHarness;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    // No category mapped in settings: the mapping table is the only source here.
    h = await startSyncHarness("readiness-api", { enforceTaxonomy: true }, {}, { categoryMap: {} });
    app = await buildServer(h.rt, ["daraz"]);
    base = `/api/channel-accounts/${h.accountId}`;
    await h.rt.db.category.create({
      data: { code: "sports-goalkeeper-gloves", name: "Goalkeeper gloves", path: "sports/sports-goalkeeper-gloves" },
    });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it("refreshes the taxonomy and serves categories and a leaf's attributes", async () => {
    const refresh = await app.inject({ method: "POST", url: `${base}/taxonomy/refresh?wait=true` });
    expect(refresh.statusCode).toBe(200);
    expect(refresh.json().categories).toBeGreaterThan(50);
    const summary = (await app.inject({ url: `${base}/taxonomy` })).json();
    expect(summary.fetchedAt).not.toBeNull();
    expect(summary.leaves).toBeGreaterThan(20);
    const found = (await app.inject({ url: `${base}/categories?search=football&leaf=true` })).json();
    expect(found.items.map((c: { remoteId: string }) => c.remoteId)).toContain("10000421");
    // Attributes of a category no push used yet are not stored: refresh stores only mapped ones.
    expect((await app.inject({ url: `${base}/categories/10000421/attributes` })).json().items).toEqual([]);
  });

  it("without wait, a refresh is queued (202) and the taxonomy worker runs it", async () => {
    const before = await h.rt.db.taxonomyRefresh.count({ where: { channelAccountId: h.accountId } });
    const queued = await app.inject({ method: "POST", url: `${base}/taxonomy/refresh` });
    expect(queued.statusCode).toBe(202);
    await expect
      .poll(
        () => h.rt.db.taxonomyRefresh.count({ where: { channelAccountId: h.accountId, finishedAt: { not: null } } }),
        poll,
      )
      .toBe(before + 1);
  });

  it("lists unmapped categories with the closest channel leaves first", async () => {
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput("API-1"), { mode: "create" });
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("incomplete");
    await saveProduct(h.rt.db, h.exporterId, footballInput("API-2", { category: "sports-goalkeeper-gloves" }), {
      mode: "create",
    });
    const unmapped = (await app.inject({ url: `${base}/unmapped` })).json().items as {
      code: string;
      suggestions: { id: string; path: string }[];
    }[];
    const gloves = unmapped.find((u) => u.code === "sports-goalkeeper-gloves");
    expect(gloves?.suggestions[0]?.id).toBe("10000437");
    const balls = unmapped.find((u) => u.code === "sports-balls");
    expect(balls?.suggestions.map((s) => s.path).join("|")).toMatch(/Football/);
  });

  it("a category mapping through the API releases the held listing", async () => {
    const held = (await app.inject({ url: `${base}/held` })).json();
    expect(held.gaps[0]).toMatchObject({ kind: "category", field: "category" });
    const put = await app.inject({
      method: "PUT",
      url: `${base}/mappings/categories/sports-balls`,
      payload: { channel: "10000421" },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().version).toBe(1);
    const id = (await h.rt.db.product.findFirstOrThrow({ where: { sku: "API-1" } })).id;
    await expect.poll(async () => (await h.listingOf(id)).state, poll).toBe("live");
  });

  it("refuses a non-leaf category and a value Daraz does not have, naming each field, and writes nothing", async () => {
    const parent = await h.rt.db.channelCategory.findFirstOrThrow({
      where: { channelAccountId: h.accountId, leaf: false },
    });
    const res = await app.inject({
      method: "PUT",
      url: `${base}/mappings?mode=merge`,
      payload: {
        format: "tijarat-mappings/1",
        channel: "daraz",
        version: 1,
        categories: [{ master: "sports-goalkeeper-gloves", channel: parent.remoteId }],
        values: [{ attribute: "color_family", master: "Maroon", channel: "Crimson Sunset" }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual([
      "categories[0].channel",
      "values[0].channel",
    ]);
    expect(await h.rt.db.valueMapping.count()).toBe(0);
  });

  it("exports the mappings as a file that imports back; a stale file is refused with 409", async () => {
    await app.inject({
      method: "PUT",
      url: `${base}/mappings/values`,
      payload: { attribute: "color_family", master: "Maroon", channel: "red" },
    });
    const file = (await app.inject({ url: `${base}/mappings` })).json();
    expect(file).toMatchObject({
      format: "tijarat-mappings/1",
      channel: "daraz",
      version: 2,
      categories: [{ master: "sports-balls", channel: "10000421", channelPath: expect.stringContaining("Football") }],
      values: [{ attribute: "color_family", master: "Maroon", channel: "Red" }],
    });
    const edited = {
      ...file,
      categories: [...file.categories, { master: "sports-goalkeeper-gloves", channel: "10000437" }],
    };
    const ok = await app.inject({ method: "PUT", url: `${base}/mappings`, payload: edited });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(3);
    const again = (await app.inject({ url: `${base}/mappings` })).json();
    expect(again.categories).toHaveLength(2);
    expect(again.values).toEqual(file.values);

    const stale = await app.inject({ method: "PUT", url: `${base}/mappings`, payload: file });
    expect(stale.statusCode).toBe(409);
    expect((await app.inject({ url: `${base}/mappings` })).json().categories).toHaveLength(2);
  });

  it("lists required attributes nothing fills, with the closest master keys, until one is mapped", async () => {
    await h.rt.db.category.create({
      data: { code: "sports-cricket-bats", name: "Cricket bats", path: "sports/sports-cricket-bats" },
    });
    await app.inject({
      method: "PUT",
      url: `${base}/mappings/categories/sports-cricket-bats`,
      payload: { channel: "10000426" },
    });
    const bat = await saveProduct(
      h.rt.db,
      h.exporterId,
      footballInput("API-BAT", {
        category: "sports-cricket-bats",
        attributes: [
          { key: "bat_wood", type: "enum", value: "English Willow" },
          { key: "grains", type: "number", value: "8" },
        ],
        variants: [
          {
            sellerSku: "API-BAT-SH",
            options: { size: "Short Handle" },
            lengthCm: 86,
            widthCm: 11,
            heightCm: 7,
            weightKg: 1.2,
            stock: [{ warehouse: "SKT-1", quantity: 5 }],
          },
        ],
      }),
      { mode: "create" },
    );
    await expect.poll(async () => (await h.listingOf(bat.id)).state, poll).toBe("incomplete");
    const items = (await app.inject({ url: `${base}/unmapped-attributes` })).json().items as {
      categoryId: string;
      key: string;
      candidates: { key: string }[];
    }[];
    const wood = items.find((i) => i.categoryId === "10000426" && i.key === "wood_type");
    expect(wood?.candidates[0]?.key).toBe("bat_wood");
    await app.inject({
      method: "PUT",
      url: `${base}/mappings/attributes`,
      payload: { master: "bat_wood", channel: "wood_type", category: "10000426" },
    });
    const after = (await app.inject({ url: `${base}/unmapped-attributes` })).json().items as { key: string }[];
    expect(after.some((i) => i.key === "wood_type")).toBe(false);
    await expect.poll(async () => (await h.listingOf(bat.id)).state, poll).toBe("live");
  });

  it("reports a product's completeness per channel without calling the channel to write", async () => {
    const p = await saveProduct(
      h.rt.db,
      h.exporterId,
      footballInput("API-3", { media: [], category: "sports-goalkeeper-gloves" }),
      { mode: "create" },
    );
    const report = (await app.inject({ url: `/api/products/${p.id}/readiness` })).json().items;
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ channel: "daraz", ready: false });
    const kinds = report[0].gaps.map((g: { kind: string }) => g.kind);
    expect(kinds).toContain("media");
  });
  it("a mapping file is checked against the attributes of the categories it maps, read first if they never were", async () => {
    await h.rt.db.category.create({
      data: { code: "sports-boxing-gloves", name: "Boxing gloves", path: "sports/sports-boxing-gloves" },
    });
    const before = await h.rt.db.channelCategory.findUniqueOrThrow({
      where: { channelAccountId_remoteId: { channelAccountId: h.accountId, remoteId: "10000433" } },
    });
    expect(before.attributesFetchedAt).toBeNull();
    const current = (await app.inject({ url: `${base}/mappings` })).json();
    const file = (channel: string) => ({
      format: "tijarat-mappings/1",
      channel: "daraz",
      version: current.version,
      categories: [{ master: "sports-boxing-gloves", channel: "10000433" }],
      values: [{ attribute: "size", master: "Large", channel }],
    });
    // "16 oz" is a size of boxing gloves only: known once the category's attributes were read for this import.
    const bad = await app.inject({ method: "PUT", url: `${base}/mappings?mode=merge`, payload: file("XXL") });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([expect.objectContaining({ path: "values[0].channel" })]);
    const ok = await app.inject({ method: "PUT", url: `${base}/mappings?mode=merge`, payload: file("16 oz") });
    expect(ok.statusCode).toBe(200);
    const after = await h.rt.db.channelCategory.findUniqueOrThrow({
      where: { channelAccountId_remoteId: { channelAccountId: h.accountId, remoteId: "10000433" } },
    });
    expect(after.attributesFetchedAt).not.toBeNull();
  });
});
