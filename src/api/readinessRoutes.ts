import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { NotFoundError } from "../catalog/errors.js";
import { FxCache } from "../localize/fxRates.js";
import type { Runtime } from "../runtime.js";
import { productReadiness } from "../sync/productReadiness.js";
import { uncoveredAttributes } from "../taxonomy/attributeSuggestions.js";
import { heldListings } from "../taxonomy/heldListings.js";
import { mappingFile } from "../taxonomy/mappingFile.js";
import { exportMappings, writeMappings } from "../taxonomy/mappingStore.js";
import { prefetchMappedAttributes } from "../taxonomy/prefetchAttributes.js";
import type { TaxonomyQueue } from "../taxonomy/queue.js";
import { recheckAccount } from "../taxonomy/recheck.js";
import { refreshTaxonomy } from "../taxonomy/refreshTaxonomy.js";
import { toRemoteAttribute } from "../taxonomy/remoteAttributes.js";
import { unmappedCategories } from "../taxonomy/unmapped.js";
import { parse } from "./parse.js";

const accountParams = z.object({ id: z.string().min(1) });
const key = z.string().trim().min(1).max(200);

/**
 * Channel readiness: the stored taxonomy, mappings (one by one or as a versioned file), unmapped categories with
 * suggestions, held listings with what they miss, and one product's completeness on every channel.
 */
export function registerReadinessRoutes(app: FastifyInstance, rt: Runtime, taxonomyQueue: TaxonomyQueue): void {
  const { db } = rt;
  const fx = new FxCache(db);
  const account = async (params: unknown) => {
    const { id } = parse(accountParams, params, "path");
    const row = await db.channelAccount.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`channel account ${id}`);
    return row;
  };
  const afterMappingChange = async (id: string, version: number) => ({
    version,
    recheck: await recheckAccount(db, rt.accounts, rt.queues, id),
  });

  app.get("/api/channel-accounts/:id/taxonomy", async (req) => {
    const row = await account(req.params);
    const [categories, leaves, withAttributes, last] = await Promise.all([
      db.channelCategory.count({ where: { channelAccountId: row.id, removedAt: null } }),
      db.channelCategory.count({ where: { channelAccountId: row.id, removedAt: null, leaf: true } }),
      db.channelCategory.count({ where: { channelAccountId: row.id, attributesFetchedAt: { not: null } } }),
      db.taxonomyRefresh.findFirst({ where: { channelAccountId: row.id }, orderBy: { startedAt: "desc" } }),
    ]);
    return {
      channel: row.channel,
      fetchedAt: row.taxonomyFetchedAt,
      categories,
      leaves,
      categoriesWithAttributes: withAttributes,
      lastRefresh: last,
    };
  });

  // A whole tree can take hundreds of calls at the channel's quota: by default the refresh runs on the taxonomy queue
  // (202; progress on the dashboard and in GET .../taxonomy); ?wait=true runs it in the request.
  app.post("/api/channel-accounts/:id/taxonomy/refresh", async (req, reply) => {
    const row = await account(req.params);
    const { wait } = parse(z.object({ wait: z.enum(["true", "false"]).optional() }), req.query, "query");
    if (wait !== "true") {
      await taxonomyQueue.enqueueRefresh(row.id);
      return reply.status(202).send({ queued: true, channelAccountId: row.id });
    }
    const result = await refreshTaxonomy(rt, row.id);
    return {
      ...result,
      ...(result.affectsListings ? { recheck: await recheckAccount(db, rt.accounts, rt.queues, row.id) } : {}),
    };
  });

  app.get("/api/channel-accounts/:id/categories", async (req) => {
    const row = await account(req.params);
    const q = parse(
      z.object({
        search: z.string().trim().max(200).optional(),
        leaf: z.enum(["true", "false"]).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      req.query,
      "query",
    );
    const items = await db.channelCategory.findMany({
      where: {
        channelAccountId: row.id,
        removedAt: null,
        ...(q.leaf ? { leaf: q.leaf === "true" } : {}),
        ...(q.search ? { path: { contains: q.search, mode: "insensitive" } } : {}),
      },
      orderBy: { path: "asc" },
      take: q.limit,
      select: { remoteId: true, parentRemoteId: true, name: true, path: true, leaf: true, fetchedAt: true },
    });
    return { items };
  });

  app.get("/api/channel-accounts/:id/categories/:categoryId/attributes", async (req) => {
    const row = await account(req.params);
    const { categoryId } = parse(z.object({ categoryId: key }), req.params, "path");
    const rows = await db.channelAttribute.findMany({
      where: { channelAccountId: row.id, categoryRemoteId: categoryId },
      orderBy: [{ required: "desc" }, { key: "asc" }],
    });
    return { categoryId, fetchedAt: rows[0]?.fetchedAt ?? null, items: rows.map(toRemoteAttribute) };
  });

  app.get("/api/channel-accounts/:id/mappings", async (req) => exportMappings(db, (await account(req.params)).id));

  app.put("/api/channel-accounts/:id/mappings", async (req) => {
    const row = await account(req.params);
    const { mode, force } = parse(
      z.object({ mode: z.enum(["replace", "merge"]).default("replace"), force: z.enum(["true", "false"]).optional() }),
      req.query,
      "query",
    );
    const file = parse(mappingFile, req.body, `mapping file for channel account ${row.id}`);
    await prefetchMappedAttributes(rt, row.id, file);
    const { version } = await writeMappings(db, row.id, file, {
      mode,
      ...(force === "true" ? {} : { expectedVersion: file.version }),
    });
    return afterMappingChange(row.id, version);
  });

  app.put("/api/channel-accounts/:id/mappings/categories/:code", async (req) => {
    const row = await account(req.params);
    const { code } = parse(z.object({ code: key }), req.params, "path");
    const body = parse(z.object({ channel: key }), req.body, `category mapping ${code}`);
    await prefetchMappedAttributes(rt, row.id, {
      categories: [{ master: code, channel: body.channel }],
      attributes: [],
      values: [],
    });
    const { version } = await writeMappings(
      db,
      row.id,
      { categories: [{ master: code, channel: body.channel }], attributes: [], values: [] },
      { mode: "merge" },
    );
    return afterMappingChange(row.id, version);
  });

  app.delete("/api/channel-accounts/:id/mappings/categories/:code", async (req) => {
    const row = await account(req.params);
    const { code } = parse(z.object({ code: key }), req.params, "path");
    const empty = { categories: [], attributes: [], values: [] };
    const { version } = await writeMappings(db, row.id, empty, {
      mode: "merge",
      remove: { ...empty, categories: [{ master: code, channel: "-" }] },
    });
    return afterMappingChange(row.id, version);
  });

  const attributeBody = z.object({ master: key, channel: key, category: key.optional() });
  app.put("/api/channel-accounts/:id/mappings/attributes", async (req) => {
    const row = await account(req.params);
    const body = parse(attributeBody, req.body, "attribute mapping");
    const { version } = await writeMappings(
      db,
      row.id,
      { categories: [], attributes: [body], values: [] },
      { mode: "merge" },
    );
    return afterMappingChange(row.id, version);
  });

  app.delete("/api/channel-accounts/:id/mappings/attributes", async (req) => {
    const row = await account(req.params);
    const q = parse(z.object({ master: key, category: key.optional() }), req.query, "query");
    const empty = { categories: [], attributes: [], values: [] };
    const { version } = await writeMappings(db, row.id, empty, {
      mode: "merge",
      remove: {
        ...empty,
        attributes: [{ master: q.master, channel: "-", ...(q.category ? { category: q.category } : {}) }],
      },
    });
    return afterMappingChange(row.id, version);
  });

  const valueBody = z.object({
    attribute: key,
    master: z.string().trim().min(1).max(500),
    channel: z.string().trim().min(1).max(500),
  });
  app.put("/api/channel-accounts/:id/mappings/values", async (req) => {
    const row = await account(req.params);
    const body = parse(valueBody, req.body, "value mapping");
    const { version } = await writeMappings(
      db,
      row.id,
      { categories: [], attributes: [], values: [body] },
      { mode: "merge" },
    );
    return afterMappingChange(row.id, version);
  });

  app.delete("/api/channel-accounts/:id/mappings/values", async (req) => {
    const row = await account(req.params);
    const q = parse(z.object({ attribute: key, master: z.string().trim().min(1).max(500) }), req.query, "query");
    const empty = { categories: [], attributes: [], values: [] };
    const { version } = await writeMappings(db, row.id, empty, {
      mode: "merge",
      remove: { ...empty, values: [{ attribute: q.attribute, master: q.master, channel: "-" }] },
    });
    return afterMappingChange(row.id, version);
  });

  app.get("/api/channel-accounts/:id/unmapped", async (req) => {
    const row = await account(req.params);
    const { limit } = parse(z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) }), req.query, "query");
    return { items: await unmappedCategories(db, row.id, limit) };
  });

  app.get("/api/channel-accounts/:id/unmapped-attributes", async (req) => {
    const row = await account(req.params);
    const { limit } = parse(z.object({ limit: z.coerce.number().int().min(1).max(20).default(3) }), req.query, "query");
    return { items: await uncoveredAttributes(db, row.id, limit) };
  });

  app.get("/api/channel-accounts/:id/held", async (req) => {
    const row = await account(req.params);
    const { limit } = parse(
      z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      req.query,
      "query",
    );
    return heldListings(db, row.id, limit);
  });

  app.get("/api/products/:id/readiness", async (req) => {
    const { id } = parse(z.object({ id: z.string().min(1) }), req.params, "path");
    return { items: await productReadiness({ ...rt, fx }, id) };
  });
}
