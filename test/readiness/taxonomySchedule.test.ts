import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAXONOMY_SCHEDULER_ID } from "../../src/taxonomy/queue.js";
import { type SyncHarness, startSyncHarness } from "../support/syncHarness.js";

describe("scheduled taxonomy refresh", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness("taxonomy-schedule", {}, { TAXONOMY_CRON: "30 4 * * 1" });
  });
  afterAll(() => h.close());

  it("workers register the weekly scheduler in the configured time zone", async () => {
    const scheduler = await h.workers.taxonomyQueue.queue.getJobScheduler(TAXONOMY_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: "30 4 * * 1", tz: "Asia/Karachi" });
  });

  it("a scheduled run refreshes every account with a taxonomy and records what it read", async () => {
    await h.workers.taxonomyQueue.queue.add("all", {});
    await expect
      .poll(
        async () =>
          h.rt.db.taxonomyRefresh.findFirst({
            where: { channelAccountId: h.accountId, finishedAt: { not: null } },
          }),
        { timeout: 20_000, interval: 100 },
      )
      .toMatchObject({ error: null });
    const account = await h.rt.db.channelAccount.findUniqueOrThrow({ where: { id: h.accountId } });
    expect(account.taxonomyFetchedAt).not.toBeNull();
    expect(
      await h.rt.db.channelCategory.count({ where: { channelAccountId: h.accountId, leaf: true } }),
    ).toBeGreaterThan(20);
  });
});
