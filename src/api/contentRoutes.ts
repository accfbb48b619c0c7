import type { Queue } from "bullmq";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { productInclude, toCatalogProduct } from "../catalog/catalogProduct.js";
import { NotFoundError, ValidationError } from "../catalog/errors.js";
import { localeContentInput } from "../catalog/productInput.js";
import type { Db } from "../db.js";
import { buildListing } from "../listing/buildListing.js";
import {
  CONTENT_FIELDS,
  type ContentField,
  effectiveStates,
  type FieldState,
  type LocaleValues,
  valueHash,
  valuesOf,
} from "../localize/contentState.js";
import { type ContentWriteResult, type LocaleContentState, writeLocaleContent } from "../localize/contentStore.js";
import { latestRates } from "../localize/fxRates.js";
import { ANY_LOCALE, deleteGlossaryTerm, saveGlossaryTerm } from "../localize/glossary.js";
import { pickSource } from "../localize/translateProduct.js";
import { rememberHuman } from "../localize/translationMemory.js";
import { TranslationQueue } from "../localize/translationQueue.js";
import type { Runtime } from "../runtime.js";
import { loadReadiness } from "../taxonomy/loadReadiness.js";
import { parse } from "./parse.js";

const localeTag = localeContentInput.shape.locale;
const idParams = z.object({ id: z.string().min(1) });
const localeParams = idParams.extend({ locale: localeTag });
const fieldList = z.array(z.enum(CONTENT_FIELDS)).min(1).optional();
const versioned = z.object({ version: z.number().int().min(1).optional() });
const humanEdit = versioned
  .extend({
    title: localeContentInput.shape.title.optional(),
    description: z.string().max(50_000).optional(),
    bullets: z.array(z.string().trim().min(1).max(500)).max(10).optional(),
    keywords: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  })
  .strict()
  .refine(
    (b) => CONTENT_FIELDS.some((f) => b[f] !== undefined),
    "give at least one of title, description, bullets, keywords",
  );
const fieldsBody = versioned.extend({ fields: fieldList }).strict();
const glossaryKey = z.object({
  sourceLocale: localeTag,
  targetLocale: z.union([localeTag, z.literal(ANY_LOCALE)]),
  term: z.string().trim().min(1).max(200),
});
const glossaryInput = glossaryKey.extend({
  translation: z.string().trim().min(1).max(200).nullable(),
  caseSensitive: z.boolean().default(false),
});

/** The expected product version from If-Match ("3" or W/"3") or the body's `version`. */
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

interface FieldView {
  text: string | string[];
  source: FieldState["source"];
  reviewState: FieldState["reviewState"];
  locked: boolean;
  /** A translated field whose source text changed since: it is translated again on the next request. */
  stale: boolean;
}

function localeView(
  state: LocaleContentState,
  row: { source: string; reviewState: string; locked: boolean },
  sourceOf: { locale: string; values: LocaleValues } | null,
) {
  const fields = Object.fromEntries(
    CONTENT_FIELDS.map((f): [ContentField, FieldView] => {
      const st = state.states[f];
      const stale =
        !!st.from &&
        !!sourceOf &&
        sourceOf.locale !== state.locale &&
        (st.from !== sourceOf.locale || st.sourceHash !== valueHash(sourceOf.values[f]));
      return [f, { text: state.values[f], source: st.source, reviewState: st.reviewState, locked: st.locked, stale }];
    }),
  ) as Record<ContentField, FieldView>;
  return {
    locale: state.locale,
    version: state.version,
    source: row.source,
    reviewState: row.reviewState,
    locked: row.locked,
    fields,
  };
}

/**
 * Content per locale and field with its provenance (source human|machine, review state machine|human|reviewed,
 * locked), human edits (which lock what they touch), review, unlock, a translation request, and the glossary.
 * Returns the queues it created, for the dashboard.
 */
export function registerContentRoutes(
  app: FastifyInstance,
  rt: Pick<Runtime, "db" | "accounts" | "config" | "producer">,
): Queue[] {
  const { db } = rt;
  const translations =
    rt.config.TRANSLATION_PROVIDER !== "none" ? new TranslationQueue(rt.producer, rt.config.QUEUE_PREFIX) : null;
  if (translations) app.addHook("onClose", async () => translations.close());

  const sendWrite = async (reply: FastifyReply, result: ContentWriteResult, productId: string) => {
    const row = await db.productContent.findFirst({ where: { productId, locale: result.state?.locale ?? "" } });
    const product = await db.product.findUniqueOrThrow({ where: { id: productId }, include: productInclude });
    const src = pickSource(product, result.state?.locale ?? "");
    return reply.header("etag", `"${result.save.version}"`).send({
      id: result.save.id,
      sku: result.save.sku,
      version: result.save.version,
      outcome: result.changed ? result.save.outcome : "unchanged",
      parts: result.save.parts,
      content:
        result.state && row
          ? localeView(result.state, row, src ? { locale: src.locale, values: valuesOf(src) } : null)
          : null,
    });
  };

  app.get("/api/products/:id/content", async (req, reply) => {
    const { id } = parse(idParams, req.params, "path");
    const row = await db.product.findUnique({ where: { id }, include: productInclude });
    if (!row) throw new NotFoundError(`product ${id}`);
    const primary = pickSource(row, "");
    const sourceOf = primary ? { locale: primary.locale, values: valuesOf(primary) } : null;
    const locales = row.contents.map((c) =>
      localeView(
        { locale: c.locale, version: c.version, values: valuesOf(c), states: effectiveStates(c) },
        c,
        sourceOf,
      ),
    );
    return reply.header("etag", `"${row.version}"`).send({
      productId: row.id,
      sku: row.sku,
      version: row.version,
      translationSource: primary?.locale ?? null,
      machineTranslation: translations ? rt.config.TRANSLATION_PROVIDER : "none",
      locales,
      channels: await channelPreview(db, rt.accounts, row),
    });
  });

  app.put("/api/products/:id/content/:locale", async (req, reply) => {
    const { id, locale } = parse(localeParams, req.params, "path");
    const body = parse(humanEdit, req.body ?? {}, `content ${locale} of product ${id}`);
    const edited = CONTENT_FIELDS.filter((f) => body[f] !== undefined);
    let pairs: { source: string; target: string }[] = [];
    let from: string | null = null;
    const result = await writeLocaleContent(
      db,
      id,
      locale,
      (current, row) => {
        if (!current && body.title === undefined) {
          throw new ValidationError(`content ${locale} of product ${row.sku}`, [
            { path: "title", message: "a new locale needs a title" },
          ]);
        }
        // Editing the product's primary language is not a translation: nothing to remember or compare against.
        const src = pickSource(row, "")?.locale === locale ? null : pickSource(row, locale);
        from = src?.locale ?? null;
        const srcValues = src ? valuesOf(src) : null;
        const values: LocaleValues = current?.values ?? { title: "", description: "", bullets: [], keywords: [] };
        const pending: FieldState = { source: "machine", reviewState: "machine", locked: false };
        const states = {
          ...(current?.states ?? Object.fromEntries(CONTENT_FIELDS.map((f) => [f, pending]))),
        } as Record<ContentField, FieldState>;
        for (const f of edited) {
          (values as Record<ContentField, string | string[]>)[f] = body[f] as string | string[];
          states[f] = {
            source: "human",
            reviewState: "human",
            locked: true,
            ...(srcValues && src ? { sourceHash: valueHash(srcValues[f]), from: src.locale } : {}),
          };
        }
        pairs = srcValues ? memoryPairs(edited, srcValues, values) : [];
        return { values: { ...values }, states };
      },
      { expectedVersion: expectedVersion(req, body) },
    );
    if (result.changed && from && from !== locale && result.state) {
      await rememberHuman(db, { sourceLocale: from, targetLocale: locale }, pairs);
    }
    return sendWrite(reply, result, id);
  });

  app.post("/api/products/:id/content/:locale/review", async (req, reply) => {
    const { id, locale } = parse(localeParams, req.params, "path");
    const body = parse(fieldsBody, req.body ?? {}, `review of ${locale}`);
    const wanted = body.fields ?? [...CONTENT_FIELDS];
    let pairs: { source: string; target: string }[] = [];
    let from: string | null = null;
    const result = await writeLocaleContent(
      db,
      id,
      locale,
      (current, row) => {
        if (!current) throw new NotFoundError(`content ${locale} of product ${row.sku}`);
        const states = { ...current.states };
        const reviewed = wanted.filter((f) => states[f].source === "machine" && states[f].reviewState === "machine");
        for (const f of reviewed) states[f] = { ...states[f], reviewState: "reviewed" };
        const src = pickSource(row, locale);
        from = src?.locale ?? null;
        pairs = src ? memoryPairs(reviewed, valuesOf(src), current.values) : [];
        return reviewed.length > 0 ? { values: current.values, states } : null;
      },
      { expectedVersion: expectedVersion(req, body) },
    );
    if (result.changed && from) await rememberHuman(db, { sourceLocale: from, targetLocale: locale }, pairs);
    return sendWrite(reply, result, id);
  });

  app.post("/api/products/:id/content/:locale/unlock", async (req, reply) => {
    const { id, locale } = parse(localeParams, req.params, "path");
    const body = parse(fieldsBody, req.body ?? {}, `unlock of ${locale}`);
    const wanted = body.fields ?? [...CONTENT_FIELDS];
    const result = await writeLocaleContent(
      db,
      id,
      locale,
      (current, row) => {
        if (!current) throw new NotFoundError(`content ${locale} of product ${row.sku}`);
        const states = { ...current.states };
        const unlocked = wanted.filter((f) => states[f].locked);
        for (const f of unlocked) states[f] = { ...states[f], locked: false };
        return unlocked.length > 0 ? { values: current.values, states } : null;
      },
      { expectedVersion: expectedVersion(req, body) },
    );
    return sendWrite(reply, result, id);
  });

  app.post("/api/products/:id/content/:locale/translate", async (req, reply) => {
    const { id, locale } = parse(localeParams, req.params, "path");
    if (!(await db.product.findUnique({ where: { id }, select: { id: true } })))
      throw new NotFoundError(`product ${id}`);
    if (!translations) {
      return reply.status(409).send({ error: "no_provider", message: "TRANSLATION_PROVIDER is none" });
    }
    await translations.request(id, locale);
    return reply.status(202).send({ queued: true, productId: id, locale });
  });

  app.get("/api/glossary", async (req) => {
    const q = parse(
      z.object({ sourceLocale: localeTag.optional(), targetLocale: z.string().optional() }),
      req.query,
      "query",
    );
    const items = await db.glossaryTerm.findMany({
      where: {
        ...(q.sourceLocale ? { sourceLocale: q.sourceLocale } : {}),
        ...(q.targetLocale ? { targetLocale: q.targetLocale } : {}),
      },
      orderBy: [{ sourceLocale: "asc" }, { targetLocale: "asc" }, { term: "asc" }],
    });
    return { items };
  });

  app.put("/api/glossary", async (req) => {
    const input = parse(glossaryInput, req.body ?? {}, "glossary term");
    return saveGlossaryTerm(db, input);
  });

  app.delete("/api/glossary", async (req) => {
    const key = parse(glossaryKey, req.body ?? req.query ?? {}, "glossary term");
    return deleteGlossaryTerm(db, key);
  });

  return translations ? [translations.queue] : [];
}

/** Source -> target pairs of the given fields for the memory (lists only when they line up item by item). */
function memoryPairs(fields: ContentField[], source: LocaleValues, target: LocaleValues) {
  const pairs: { source: string; target: string }[] = [];
  for (const f of fields) {
    const s = source[f];
    const t = target[f];
    if (typeof s === "string" && typeof t === "string") pairs.push({ source: s, target: t });
    else if (Array.isArray(s) && Array.isArray(t) && s.length === t.length) {
      s.forEach((item, i) => {
        pairs.push({ source: item, target: t[i] ?? "" });
      });
    }
  }
  return pairs;
}

/** What each channel of the exporter would get now: ready or held, with the shaping warnings (title cut, HTML). */
async function channelPreview(db: Db, accounts: Runtime["accounts"], row: Parameters<typeof toCatalogProduct>[0]) {
  const rows = await db.channelAccount.findMany({ where: { exporterId: row.exporterId }, orderBy: { channel: "asc" } });
  if (rows.length === 0) return [];
  const product = toCatalogProduct(row);
  const pricing = { fx: await latestRates(db), now: new Date() };
  const listings = await db.listing.findMany({
    where: { productId: row.id },
    select: { channelAccountId: true, state: true },
  });
  const out = [];
  for (const r of rows) {
    const account = await accounts.get(r.id).catch(() => null);
    if (!account) {
      out.push({ channel: r.channel, channelAccountId: r.id, error: "account could not be loaded" });
      continue;
    }
    const built = buildListing(product, account.profile, pricing, {
      capabilities: account.adapter.capabilities,
      readiness: await loadReadiness(db, account.id),
    });
    out.push({
      channel: r.channel,
      channelAccountId: r.id,
      locale: account.profile.locale,
      listingState: listings.find((l) => l.channelAccountId === r.id)?.state ?? null,
      build: built.ok ? "ready" : built.state,
      title: built.ok ? built.listing.title : null,
      warnings: built.ok ? built.warnings : [],
      holds: built.ok ? [] : built.holds,
    });
  }
  return out;
}
