import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { createProduct } from "../catalog/createProduct.js";
import { deactivateProduct, editProduct, getProduct } from "../catalog/editProduct.js";
import { NotFoundError, ValidationError } from "../catalog/errors.js";
import { money } from "../catalog/productInput.js";
import type { SaveResult } from "../catalog/saveProduct.js";
import type { Db } from "../db.js";
import { parse } from "./parse.js";

const idParams = z.object({ id: z.string().min(1) });
const variantParams = idParams.extend({ sellerSku: z.string().min(1) });
const listQuery = z.object({
  exporter: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
const versioned = z.object({ version: z.number().int().min(1).optional() });

const variantPatch = versioned.extend({
  options: z.record(z.string(), z.string()).optional(),
  pricePkr: money.nullable().optional(),
  lengthCm: z.number().positive().nullable().optional(),
  widthCm: z.number().positive().nullable().optional(),
  heightCm: z.number().positive().nullable().optional(),
  weightKg: z.number().positive().nullable().optional(),
  barcode: z.string().max(64).nullable().optional(),
});
const stockBody = versioned.extend({
  stock: z.array(z.object({ warehouse: z.string().min(1), quantity: z.number().int().min(0) })).min(1),
});
const pricesBody = versioned.extend({
  basePricePkr: money.optional(),
  costPkr: money.nullable().optional(),
  variants: z.array(z.object({ sellerSku: z.string().min(1), pricePkr: money.nullable() })).default([]),
  quantityBreaks: z.array(z.object({ minQuantity: z.number().int().min(1), pricePkr: money })).optional(),
});

/** The expected version comes from If-Match ("3" or W/"3") or the body's `version`. */
function expectedVersion(req: FastifyRequest, body: { version?: number | undefined }): number | undefined {
  const header = req.headers["if-match"];
  if (typeof header === "string" && header.trim() !== "*") {
    const n = Number(header.replace(/^W\//, "").replace(/"/g, ""));
    if (!Number.isInteger(n) || n < 1)
      throw new ValidationError("request", [{ path: "If-Match", message: 'must be a product version such as "3"' }]);
    return n;
  }
  return body.version;
}

function sendSaved(reply: FastifyReply, result: SaveResult, status = 200) {
  return reply
    .status(status)
    .header("etag", `"${result.version}"`)
    .send({ id: result.id, sku: result.sku, version: result.version, outcome: result.outcome, parts: result.parts });
}

/** Products, variants, stock and prices. Every edit goes through the catalog's save path: versioned, no-op aware, outboxed. */
export function registerProductRoutes(app: FastifyInstance, db: Db): void {
  app.get("/api/products", async (req) => {
    const q = parse(listQuery, req.query, "query");
    const exporter = q.exporter ? await db.exporter.findUnique({ where: { slug: q.exporter } }) : null;
    if (q.exporter && !exporter) throw new NotFoundError(`exporter ${q.exporter}`);
    const rows = await db.product.findMany({
      take: q.limit + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
      ...(exporter ? { where: { exporterId: exporter.id } } : {}),
      orderBy: { id: "asc" },
      select: {
        id: true,
        sku: true,
        brand: true,
        version: true,
        active: true,
        updatedAt: true,
        contents: { where: { locale: "en" }, select: { title: true } },
      },
    });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map(({ contents, ...p }) => ({ ...p, title: contents[0]?.title ?? null })),
      nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });

  app.get("/api/products/:id", async (req, reply) => {
    const { id } = parse(idParams, req.params, "path");
    const stored = await getProduct(db, id);
    return reply.header("etag", `"${stored.version}"`).send(stored);
  });

  app.post("/api/exporters/:exporterId/products", async (req, reply) => {
    const { exporterId } = parse(z.object({ exporterId: z.string().min(1) }), req.params, "path");
    if (!(await db.exporter.findUnique({ where: { id: exporterId } })))
      throw new NotFoundError(`exporter ${exporterId}`);
    return sendSaved(reply, await createProduct(db, exporterId, req.body), 201);
  });

  app.put("/api/products/:id", async (req, reply) => {
    const { id } = parse(idParams, req.params, "path");
    const body = parse(versioned.passthrough(), req.body ?? {}, `product ${id}`);
    const { version: _v, ...product } = body;
    return sendSaved(reply, await editProduct(db, id, expectedVersion(req, body), () => product));
  });

  app.patch("/api/products/:id", async (req, reply) => {
    const { id } = parse(idParams, req.params, "path");
    const body = parse(versioned.passthrough(), req.body ?? {}, `product ${id}`);
    const { version: _v, ...fields } = body;
    if ("variants" in fields || "sku" in fields) {
      throw new ValidationError(`product ${id}`, [
        { path: "variants", message: "edit variants, stock and prices through their own endpoints or PUT the product" },
      ]);
    }
    return sendSaved(
      reply,
      await editProduct(db, id, expectedVersion(req, body), (current) => ({ ...current, ...fields })),
    );
  });

  app.delete("/api/products/:id", async (req, reply) => {
    const { id } = parse(idParams, req.params, "path");
    return sendSaved(reply, await deactivateProduct(db, id, expectedVersion(req, {})));
  });

  app.get("/api/products/:id/variants", async (req) => {
    const { id } = parse(idParams, req.params, "path");
    const rows = await db.variant.findMany({
      where: { productId: id },
      orderBy: { position: "asc" },
      include: { stock: { include: { warehouse: true } } },
    });
    if (rows.length === 0 && !(await db.product.findUnique({ where: { id } })))
      throw new NotFoundError(`product ${id}`);
    return {
      items: rows.map((v) => ({
        sellerSku: v.sellerSku,
        options: v.options,
        pricePkr: v.pricePkr?.toFixed(2) ?? null,
        version: v.version,
        stock: v.stock.map((s) => ({ warehouse: s.warehouse.code, quantity: s.quantity, version: s.version })),
      })),
    };
  });

  app.patch("/api/products/:id/variants/:sellerSku", async (req, reply) => {
    const { id, sellerSku } = parse(variantParams, req.params, "path");
    const body = parse(variantPatch, req.body ?? {}, `variant ${sellerSku}`);
    const { version: _v, ...changes } = body;
    let found = false;
    const result = await editProduct(db, id, expectedVersion(req, body), (current) => ({
      ...current,
      variants: current.variants.map((v) => {
        if (v.sellerSku !== sellerSku) return v;
        found = true;
        return dropNulls({ ...v, ...changes });
      }),
    }));
    if (!found) throw new NotFoundError(`variant ${sellerSku}`);
    return sendSaved(reply, result);
  });

  app.put("/api/products/:id/variants/:sellerSku/stock", async (req, reply) => {
    const { id, sellerSku } = parse(variantParams, req.params, "path");
    const body = parse(stockBody, req.body ?? {}, `variant ${sellerSku}`);
    let found = false;
    const result = await editProduct(db, id, expectedVersion(req, body), (current) => ({
      ...current,
      variants: current.variants.map((v) => {
        if (v.sellerSku !== sellerSku) return v;
        found = true;
        const byWarehouse = new Map(v.stock.map((s) => [s.warehouse, s.quantity]));
        for (const s of body.stock) byWarehouse.set(s.warehouse, s.quantity);
        return { ...v, stock: [...byWarehouse].map(([warehouse, quantity]) => ({ warehouse, quantity })) };
      }),
    }));
    if (!found) throw new NotFoundError(`variant ${sellerSku}`);
    return sendSaved(reply, result);
  });

  app.put("/api/products/:id/prices", async (req, reply) => {
    const { id } = parse(idParams, req.params, "path");
    const body = parse(pricesBody, req.body ?? {}, `product ${id} prices`);
    const result = await editProduct(db, id, expectedVersion(req, body), (current) => {
      const unknown = body.variants.filter((p) => !current.variants.some((v) => v.sellerSku === p.sellerSku));
      if (unknown.length > 0) {
        throw new ValidationError(
          `product ${current.sku}`,
          unknown.map((u) => ({ path: `variants.${u.sellerSku}`, message: "no such variant" })),
        );
      }
      const prices = new Map(body.variants.map((p) => [p.sellerSku, p.pricePkr]));
      return dropNulls({
        ...current,
        ...(body.basePricePkr !== undefined ? { basePricePkr: body.basePricePkr } : {}),
        ...(body.costPkr !== undefined ? { costPkr: body.costPkr } : {}),
        ...(body.quantityBreaks ? { quantityBreaks: body.quantityBreaks } : {}),
        variants: current.variants.map((v) =>
          prices.has(v.sellerSku) ? dropNulls({ ...v, pricePkr: prices.get(v.sellerSku) }) : v,
        ),
      });
    });
    return sendSaved(reply, result);
  });
}

/** null in a patch means "clear this field": drop it so the product input sees it as unset. */
function dropNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as T;
}
