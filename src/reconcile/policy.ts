import { z } from "zod";
import type { Db } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";

export const reconcileModes = ["repair", "report"] as const;
export type ReconcileMode = (typeof reconcileModes)[number];
export const orphanPolicies = ["report", "deactivate"] as const;
export type OrphanPolicy = (typeof orphanPolicies)[number];

/**
 * Reconciliation policy of one channel account, kept under `reconcile` in ChannelAccount.settings. The listing
 * builder's own settings parser (src/listing/channelProfile.ts) ignores the key, so the two never get in each other's way.
 */
export const reconcilePolicy = z.object({
  /** repair: re-push what drifted through the normal queue; report: record only. */
  mode: z.enum(reconcileModes).default("report"),
  /** Listings on the channel the catalog does not hold (or holds inactive): report them, or deactivate them. */
  orphans: z.enum(orphanPolicies).default("report"),
  /** A listing pending review longer than this after its last push is reported as stuck. */
  stuckAfterHours: z
    .number()
    .positive()
    .max(24 * 365)
    .default(48),
  /** Take part in the nightly run (on-demand runs ignore this). */
  nightly: z.boolean().default(true),
});
export type ReconcilePolicy = z.infer<typeof reconcilePolicy>;

const settingsShape = z.object({ reconcile: z.unknown().optional() }).loose();

/** The account's policy, defaults filled in; a malformed policy falls back to the defaults rather than stop the run. */
export function policyFromSettings(settings: Prisma.JsonValue): ReconcilePolicy {
  const parsed = settingsShape.safeParse(settings ?? {});
  const raw = parsed.success ? (parsed.data.reconcile ?? {}) : {};
  const policy = reconcilePolicy.safeParse(raw);
  return policy.success ? policy.data : reconcilePolicy.parse({});
}

/** Merges a policy change into the account's settings, leaving every other setting as it was. */
export async function setReconcilePolicy(
  db: Db,
  channelAccountId: string,
  patch: Partial<z.input<typeof reconcilePolicy>>,
): Promise<ReconcilePolicy> {
  const row = await db.channelAccount.findUniqueOrThrow({
    where: { id: channelAccountId },
    select: { settings: true },
  });
  const settings =
    row.settings && typeof row.settings === "object" && !Array.isArray(row.settings) ? { ...row.settings } : {};
  const current = settingsShape.parse(settings).reconcile;
  const next = reconcilePolicy.parse({
    ...(current && typeof current === "object" && !Array.isArray(current) ? current : {}),
    ...patch,
  });
  await db.channelAccount.update({
    where: { id: channelAccountId },
    data: { settings: { ...settings, reconcile: next } as Prisma.InputJsonObject },
  });
  return next;
}
