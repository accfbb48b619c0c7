import { AuthExpiredError } from "../../adapters/core/errors.js";
import type { ItemOutcome, RemoteListing } from "../../adapters/core/types.js";
import type { Db } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { ListingPart } from "../listing/hashParts.js";
import { latestRates } from "../localize/fxRates.js";
import type { Logger } from "../logger.js";
import type { ChannelAccounts, ConnectedAccount } from "../sync/channelAccounts.js";
import type { ChannelQueues } from "../sync/queues.js";
import { recordCall } from "../sync/recordCall.js";
import { classify, countByKind, type DriftItem, type DriftKind } from "./compare.js";
import { collectExpected } from "./expected.js";
import { type OrphanPolicy, policyFromSettings, type ReconcileMode } from "./policy.js";
import { collectRemote } from "./remote.js";

export type ReconcileTrigger = "schedule" | "cli" | "api";

export interface ReconcileDeps {
  db: Db;
  accounts: ChannelAccounts;
  queues: ChannelQueues;
  log: Logger;
}

export interface ReconcileOptions {
  trigger: ReconcileTrigger;
  /** Overrides the account's policy for this run. */
  mode?: ReconcileMode;
  orphans?: OrphanPolicy;
  /** A run row created beforehand (queued by the API or a retried job); otherwise a new one is created. */
  runId?: string;
  now?: Date;
  signal?: AbortSignal;
}

export interface ReconcileSummary {
  runId: string;
  channelAccountId: string;
  channel: string;
  status: "succeeded" | "failed";
  mode: ReconcileMode;
  orphans: OrphanPolicy;
  pagesFetched: number;
  /** ceil(remoteCount / the channel's largest page): the fewest pages any scan could have taken. */
  minimumPages: number;
  pagesEstimated: boolean;
  remoteCount: number;
  expectedCount: number;
  counts: Record<DriftKind, number>;
  repaired: number;
  deactivated: number;
  heldOnChannel: number;
  seconds: number;
  /** The catalog scan and the channel scan run side by side; each one's wall time. */
  timings: { catalogSeconds: number; channelSeconds: number };
  error?: string;
}

/** A run still "running" after this long is taken for dead. */
const STALE_RUN_MS = 6 * 3_600_000;

/** Actions recorded on a ReconcileItem. */
export type ItemAction = "reported" | "repaired" | "deactivated" | "deactivate_failed" | "needs_operator";

/** Which accepted part hash a drifted field lives in: clearing it makes the next push send that part again. */
const PART_OF: Partial<Record<string, ListingPart>> = {
  title: "content",
  sku: "content",
  image_count: "media",
  price: "price",
  stock: "stock",
};

/**
 * One reconciliation of one channel account: read what the channel shows (every page), build what it should show
 * from the catalog, classify the differences (compare.ts), act on them by the account's policy, and store the run
 * with every item. A failure is stored on the run (status failed, with the reason) and rethrown, so a job can retry.
 */
export async function reconcileAccount(
  deps: ReconcileDeps,
  channelAccountId: string,
  opts: ReconcileOptions,
): Promise<ReconcileSummary> {
  const { db } = deps;
  const started = performance.now();
  const row = await db.channelAccount.findUniqueOrThrow({ where: { id: channelAccountId } });
  const policy = policyFromSettings(row.settings);
  const mode = opts.mode ?? policy.mode;
  const orphans = opts.orphans ?? policy.orphans;
  // A run left "running" by a process that died long ago would otherwise look alive forever.
  await db.reconcileRun.updateMany({
    where: { channelAccountId, status: "running", startedAt: { lt: new Date(Date.now() - STALE_RUN_MS) } },
    data: { status: "failed", finishedAt: new Date(), error: "interrupted: the process running it stopped" },
  });
  const run = opts.runId
    ? await db.reconcileRun.update({
        where: { id: opts.runId },
        data: { status: "running", startedAt: new Date(), finishedAt: null, error: null },
      })
    : await db.reconcileRun.create({ data: { channelAccountId, trigger: opts.trigger, status: "running" } });

  const base = {
    runId: run.id,
    channelAccountId,
    channel: row.channel,
    mode,
    orphans,
  };
  try {
    const account = await deps.accounts.get(channelAccountId);
    const pricing = { fx: await latestRates(db), now: opts.now ?? new Date() };
    const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
      const t0 = performance.now();
      const value = await fn();
      return [value, (performance.now() - t0) / 1000];
    };
    const [[expectedSide, catalogSeconds], [remoteSide, channelSeconds]] = await Promise.all([
      timed(() => collectExpected(db, account, row.exporterId, pricing)),
      timed(() =>
        recordCall(db, { channelAccountId }, "listRemote", () =>
          collectRemote(db, deps.accounts, account, opts.signal),
        ),
      ),
    ]);
    const now = opts.now ?? new Date();
    const result = classify({
      expected: expectedSide.expected,
      notExpected: expectedSide.notExpected,
      remote: remoteSide.listings,
      now,
      stuckAfterMs: policy.stuckAfterHours * 3_600_000,
    });
    await fillRejectReasons(deps, remoteSide.account, result.items, remoteSide.listings);
    const actions =
      mode === "repair"
        ? await repair(deps, remoteSide.account, result.items, orphans)
        : orphans === "deactivate"
          ? await deactivateOrphans(deps, remoteSide.account, result.items)
          : new Map<DriftItem, ItemAction>();
    const counts = countByKind(result.items);
    const repaired = [...actions.values()].filter((a) => a === "repaired").length;
    const deactivated = [...actions.values()].filter((a) => a === "deactivated").length;
    const stored = result.items.map((item) => ({
      runId: run.id,
      kind: item.kind,
      productId: item.productId,
      sellerSku: item.sellerSku,
      itemId: item.itemId,
      field: item.field,
      expected: clip(item.expected),
      actual: clip(item.actual),
      action: actions.get(item) ?? "reported",
    }));
    await db.$transaction(
      async (tx) => {
        await tx.reconcileItem.deleteMany({ where: { runId: run.id } });
        for (let i = 0; i < stored.length; i += 5000) {
          await tx.reconcileItem.createMany({ data: stored.slice(i, i + 5000) });
        }
        await tx.reconcileRun.update({
          where: { id: run.id },
          data: {
            status: "succeeded",
            finishedAt: new Date(),
            pagesFetched: remoteSide.pages,
            remoteCount: remoteSide.listings.length,
            expectedCount: expectedSide.expected.length,
            counts: { ...counts, heldOnChannel: result.heldOnChannel, mode, orphans } as Prisma.InputJsonObject,
            repaired: repaired + deactivated,
          },
        });
      },
      { timeout: 120_000 },
    );
    const summary: ReconcileSummary = {
      ...base,
      status: "succeeded",
      pagesFetched: remoteSide.pages,
      minimumPages: Math.ceil(remoteSide.listings.length / account.adapter.capabilities.maxPageSize),
      pagesEstimated: remoteSide.pagesEstimated,
      remoteCount: remoteSide.listings.length,
      expectedCount: expectedSide.expected.length,
      counts,
      repaired,
      deactivated,
      heldOnChannel: result.heldOnChannel,
      seconds: (performance.now() - started) / 1000,
      timings: { catalogSeconds, channelSeconds },
    };
    deps.log.info({ ...summary }, "reconcile run finished");
    return summary;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.reconcileRun.update({
      where: { id: run.id },
      data: { status: "failed", finishedAt: new Date(), error: message.slice(0, 2000) },
    });
    deps.log.warn({ runId: run.id, channelAccountId, err: message }, "reconcile run failed");
    throw err;
  }
}

/** Runs reconciliation for every account on a channel, one after the other. */
export async function reconcileChannel(
  deps: ReconcileDeps,
  channel: string,
  opts: ReconcileOptions,
): Promise<ReconcileSummary[]> {
  const rows = await deps.db.channelAccount.findMany({
    where: { channel },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const out: ReconcileSummary[] = [];
  for (const row of rows) out.push(await reconcileAccount(deps, row.id, { ...opts, runId: undefined }));
  return out;
}

/**
 * Repair mode: missing listings and field drift are re-pushed through the normal queue after the stale accepted
 * hashes are cleared (so the push really sends); a listing missing on the channel also loses its stored channel ids,
 * so the push looks the seller SKU up and creates it again. Status drift, rejections and stuck reviews cannot be
 * fixed by a push: they are marked for the operator. Orphans follow the orphan policy.
 */
async function repair(
  deps: ReconcileDeps,
  account: ConnectedAccount,
  items: DriftItem[],
  orphans: OrphanPolicy,
): Promise<Map<DriftItem, ItemAction>> {
  const actions = new Map<DriftItem, ItemAction>();
  const plans = new Map<string, { parts: Set<ListingPart>; recreate: boolean; items: DriftItem[] }>();
  for (const item of items) {
    if (item.kind === "rejected" || item.kind === "stuck_in_review") actions.set(item, "needs_operator");
    if (!item.productId || (item.kind !== "missing" && item.kind !== "field_drift")) continue;
    const part = item.field ? PART_OF[item.field] : undefined;
    const recreate = item.kind === "missing" && item.field === "listing";
    if (!part && !recreate) {
      actions.set(item, "needs_operator");
      continue;
    }
    const plan = plans.get(item.productId) ?? { parts: new Set<ListingPart>(), recreate: false, items: [] };
    if (part) plan.parts.add(part);
    plan.recreate ||= recreate;
    plan.items.push(item);
    plans.set(item.productId, plan);
  }

  const productIds = [...plans.keys()];
  for (let i = 0; i < productIds.length; i += 500) {
    const batch = productIds.slice(i, i + 500);
    await deps.db.$transaction(
      batch.map((productId) => {
        const plan = plans.get(productId)!;
        const data: Prisma.ListingUpdateManyMutationInput = plan.recreate
          ? {
              remoteItemId: null,
              remoteSkus: {},
              remoteStatus: null,
              contentHash: null,
              priceHash: null,
              stockHash: null,
              mediaHash: null,
              state: "queued",
            }
          : {
              ...(plan.parts.has("content") ? { contentHash: null } : {}),
              ...(plan.parts.has("media") ? { mediaHash: null } : {}),
              ...(plan.parts.has("price") ? { priceHash: null } : {}),
              ...(plan.parts.has("stock") ? { stockHash: null } : {}),
            };
        return deps.db.listing.updateMany({ where: { productId, channelAccountId: account.id }, data });
      }),
    );
    await deps.queues.enqueuePushes(
      account.channel,
      batch.map((productId) => ({ data: { productId, channelAccountId: account.id } })),
    );
    for (const productId of batch) for (const item of plans.get(productId)!.items) actions.set(item, "repaired");
  }

  if (orphans === "deactivate") {
    for (const [item, action] of await deactivateOrphans(deps, account, items)) actions.set(item, action);
  }
  return actions;
}

/** Takes orphans down with adapter.delist of their seller SKUs (never duplicates, which share SKUs with a real listing). */
async function deactivateOrphans(
  deps: ReconcileDeps,
  account: ConnectedAccount,
  items: DriftItem[],
): Promise<Map<DriftItem, ItemAction>> {
  const actions = new Map<DriftItem, ItemAction>();
  const orphans = items.filter((i) => i.kind === "orphaned" && i.delistSkus && i.delistSkus.length > 0);
  if (orphans.length === 0) return actions;
  const skus = [...new Set(orphans.flatMap((i) => i.delistSkus ?? []))];
  let outcomes: ItemOutcome[];
  const call = (a: ConnectedAccount) =>
    recordCall(deps.db, { channelAccountId: account.id }, "delist", () => a.adapter.delist(skus));
  try {
    try {
      outcomes = await call(account);
    } catch (err) {
      if (!(err instanceof AuthExpiredError)) throw err;
      const fresh = await deps.accounts.refresh(account, () =>
        recordCall(deps.db, { channelAccountId: account.id }, "refreshToken", () => account.adapter.refreshToken()),
      );
      outcomes = await call(fresh);
    }
  } catch (err) {
    deps.log.warn({ channelAccountId: account.id, err: String(err) }, "orphan deactivation failed");
    outcomes = skus.map((sellerSku) => ({ sellerSku, ok: false }));
  }
  const ok = new Map(outcomes.map((o) => [o.sellerSku, o.ok]));
  for (const item of orphans) {
    actions.set(item, (item.delistSkus ?? []).every((s) => ok.get(s) === true) ? "deactivated" : "deactivate_failed");
  }
  return actions;
}

/** Lookups per run for reject reasons the listing read did not carry. */
const MAX_REASON_LOOKUPS = 100;

/**
 * Some channels leave the reject reason out of their list reads (Alibaba.com's get/v2 says only "rejected"); the
 * adapter's single-listing lookup fetches it. Read calls only, a bounded number per run; a failed lookup keeps the
 * status word.
 */
async function fillRejectReasons(
  deps: ReconcileDeps,
  account: ConnectedAccount,
  items: DriftItem[],
  remote: RemoteListing[],
): Promise<void> {
  const withReason = new Set(remote.filter((r) => r.rejectReason).map((r) => r.itemId));
  const todo = items
    .filter((i) => i.kind === "rejected" && i.sellerSku && !(i.itemId && withReason.has(i.itemId)))
    .slice(0, MAX_REASON_LOOKUPS);
  for (const item of todo) {
    try {
      const found = await recordCall(deps.db, { channelAccountId: account.id }, "findBySellerSku", () =>
        account.adapter.findBySellerSku(item.sellerSku!),
      );
      if (found?.rejectReason) item.actual = found.rejectReason;
    } catch (err) {
      deps.log.debug({ sellerSku: item.sellerSku, err: String(err) }, "reject reason lookup failed");
    }
  }
}

const clip = (value: string | null) =>
  value === null ? null : value.length > 4000 ? `${value.slice(0, 3997)}...` : value;
