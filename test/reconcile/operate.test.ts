import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { parse as parseCsv } from "csv-parse/sync";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { registerReconcileCommands } from "../../src/cli/reconcileCommands.js";
import { loadConfig } from "../../src/config.js";
import { formatPlan, planChannel } from "../../src/reconcile/planAccount.js";
import { NIGHTLY_SCHEDULER_ID } from "../../src/reconcile/queue.js";
import { CSV_COLUMNS } from "../../src/reconcile/report.js";
import { poll, type ReconcileHarness, startReconcileHarness } from "./harness.js";

const CRON = "30 1 * * *";
const TZ = "Asia/Dubai";

describe("reconciliation: schedule, plan, API and command line", () => {
  let h: ReconcileHarness;
  let app: FastifyInstance;
  let ids: Record<string, string>;

  beforeAll(async () => {
    h = await startReconcileHarness("operate", { RECONCILE_CRON: CRON, RECONCILE_TZ: TZ });
    ids = await h.sync(["P-1", "P-2"]);
    app = await buildServer(h.rt, ["daraz", "alibaba"]);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it("registers the nightly job scheduler with the configured cron and time zone; the nightly job reconciles every account", async () => {
    expect(loadConfig({})).toMatchObject({ RECONCILE_CRON: "0 2 * * *", RECONCILE_TZ: "Asia/Karachi" });
    expect(() => loadConfig({ RECONCILE_TZ: "Mars/Olympus" })).toThrow(/RECONCILE_TZ/);
    expect(() => loadConfig({ RECONCILE_CRON: "nightly" })).toThrow(/RECONCILE_CRON/);

    const schedulers = await h.workers.reconcileQueue.queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: NIGHTLY_SCHEDULER_ID, name: "nightly", pattern: CRON, tz: TZ }),
    ]);
    expect(schedulers[0]?.next).toBeGreaterThan(Date.now());

    await h.workers.reconcileQueue.queue.add("nightly", { trigger: "schedule" });
    await expect
      .poll(() => h.rt.db.reconcileRun.count({ where: { trigger: "schedule", status: "succeeded" } }), poll)
      .toBe(2);
    const runs = await h.rt.db.reconcileRun.findMany({ where: { trigger: "schedule" } });
    expect(runs.map((r) => r.channelAccountId).sort()).toEqual([h.alibabaAccountId, h.darazAccountId].sort());
    expect(runs.every((r) => r.remoteCount === 2 && r.expectedCount === 2 && r.pagesFetched === 1)).toBe(true);
  });

  it("plans a price change and a title change field by field without calling the channel", async () => {
    // Catalog edits without an outbox event: nothing is pushed, so the plan is what a sync would now do.
    await h.rt.db.product.update({ where: { id: ids["P-1"] }, data: { basePricePkr: "5200.00" } });
    await h.rt.db.productContent.updateMany({
      where: { productId: ids["P-2"] },
      data: { title: "Match Football, Size 5" },
    });
    const calls = { daraz: h.daraz.counts(), alibaba: h.alibaba.counts() };

    const [daraz] = await planChannel(h.rt.db, h.rt.accounts, "daraz");
    expect(daraz?.counts).toMatchObject({ reprice: 1, update: 1, create: 0, delist: 0, hold: 0 });
    expect(daraz?.items).toHaveLength(2);
    expect(daraz?.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          productId: ids["P-1"],
          action: "reprice",
          call: "updatePriceStock",
          parts: ["price"],
          changes: [{ field: "price", sellerSku: "P-1-WHT", before: "4500.00", after: "5200.00" }],
        }),
        expect.objectContaining({
          productId: ids["P-2"],
          action: "update",
          call: "update",
          parts: ["content"],
          changes: [{ field: "title", before: "Hand-Stitched Match Football Size 5", after: "Match Football, Size 5" }],
        }),
      ]),
    );
    const table = formatPlan([daraz!]);
    expect(table).toMatch(/P-1\s+reprice\s+updatePriceStock\s+price\s+P-1-WHT\s+4500\.00\s+5200\.00/);
    expect(table).toMatch(/P-2\s+update\s+update\s+title/);

    const res = await app.inject({ method: "GET", url: "/api/channels/alibaba/plan" });
    expect(res.statusCode).toBe(200);
    const alibaba = res.json().accounts[0];
    const repriced = alibaba.items.find((i: { productId: string }) => i.productId === ids["P-1"]);
    expect(repriced).toMatchObject({ action: "reprice", call: "updatePriceStock" });
    const usd = repriced.changes.find((c: { field: string }) => c.field === "price");
    expect(usd).toMatchObject({ sellerSku: "P-1-WHT" });
    expect(Number(usd.after)).toBeGreaterThan(Number(usd.before));

    // No channel call at all, let alone a write.
    expect({ daraz: h.daraz.counts(), alibaba: h.alibaba.counts() }).toEqual(calls);
  });

  it("starts runs from the API, lists and reads them, and exports CSV (formulas neutralised) and JSON", async () => {
    h.daraz.seedListings([
      { title: '=HYPERLINK("http://evil.example","x")', skus: [{ sellerSku: "=1+2", price: "10", quantity: 1 }] },
    ]);
    const started = await app.inject({ method: "POST", url: "/api/channels/daraz/reconcile", payload: {} });
    expect(started.statusCode).toBe(202);
    const runId: string = started.json().runs[0].id;
    await expect
      .poll(
        async () => (await app.inject({ method: "GET", url: `/api/reconcile/runs/${runId}` })).json().run.status,
        poll,
      )
      .toBe("succeeded");
    const detail = (await app.inject({ method: "GET", url: `/api/reconcile/runs/${runId}` })).json();
    expect(detail.run).toMatchObject({ channel: "daraz", trigger: "api", remoteCount: 3, expectedCount: 2 });
    expect(detail.run.counts).toMatchObject({ field_drift: 2, orphaned: 1, missing: 0 });
    expect(detail.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "field_drift",
          field: "price",
          sellerSku: "P-1-WHT",
          expected: "5200.00",
          actual: "4500",
        }),
        expect.objectContaining({
          kind: "field_drift",
          field: "title",
          sellerSku: "P-2-WHT",
          expected: "Match Football, Size 5",
        }),
        expect.objectContaining({ kind: "orphaned", sellerSku: "=1+2" }),
      ]),
    );

    const list = (await app.inject({ method: "GET", url: "/api/reconcile/runs?channel=daraz" })).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(runId);
    expect(list.items.every((r: { channel: string }) => r.channel === "daraz")).toBe(true);

    const csv = await app.inject({ method: "GET", url: `/api/reconcile/runs/${runId}/export?format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const rows: string[][] = parseCsv(csv.body);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r[0] === "orphaned")?.[2]).toBe("'=1+2");
    for (const cell of rows.flat()) {
      if (!/^[-+]?\d+(\.\d+)?$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }

    const json = await app.inject({ method: "GET", url: `/api/reconcile/runs/${runId}/export?format=json` });
    expect(json.json().run.id).toBe(runId);
    expect(json.json().items).toHaveLength(3);

    const inline = await app.inject({
      method: "POST",
      url: "/api/channels/alibaba/reconcile",
      payload: { wait: true, mode: "report" },
    });
    expect(inline.statusCode).toBe(200);
    expect(inline.json().runs[0]).toMatchObject({ status: "succeeded", channel: "alibaba", mode: "report" });
    expect(inline.json().runs[0].counts).toMatchObject({ field_drift: 2 });

    expect((await app.inject({ method: "GET", url: "/api/reconcile/runs/no-such-run" })).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/api/channels/shopee/reconcile", payload: {} })).statusCode).toBe(
      400,
    );
    expect(
      (await app.inject({ method: "POST", url: "/api/channels/daraz/reconcile", payload: { mode: "fix-it" } }))
        .statusCode,
    ).toBe(400);
  });

  it("runs the same from the command line: plan, reconcile run, runs and report", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tijarat-reconcile-"));
    const saved = { ...process.env };
    Object.assign(process.env, {
      DATABASE_URL: h.t.url,
      QUEUE_PREFIX: h.rt.config.QUEUE_PREFIX,
      TIJARAT_SECRET_KEY: h.rt.secretKey.toString("hex"),
      LOG_LEVEL: "silent",
    });
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(args.join(" "));
    });
    // The commands as main.ts registers them, run in this process (a spawned tsx would take seconds per command).
    const cli = async (...args: string[]) => {
      printed.length = 0;
      const program = new Command().exitOverride();
      registerReconcileCommands(program);
      await program.parseAsync(["node", "tijarat", ...args]);
      return printed.join("\n");
    };
    try {
      const plan = await cli("plan", "daraz");
      expect(plan).toMatch(/daraz \(account .*\): 2 products, update 1, reprice 1/);
      expect(plan).toMatch(/P-1\s+reprice\s+updatePriceStock\s+price\s+P-1-WHT\s+4500\.00\s+5200\.00/);
      expect(JSON.parse(await cli("plan", "daraz", "--json"))[0].counts).toMatchObject({ reprice: 1, update: 1 });

      const [summary] = JSON.parse(await cli("reconcile", "run", "daraz", "--report-only", "--json"));
      expect(summary).toMatchObject({ status: "succeeded", mode: "report", counts: { field_drift: 2, orphaned: 1 } });
      expect(await cli("reconcile", "runs", "daraz")).toContain(summary.runId);

      const out = join(dir, "run.csv");
      await cli("reconcile", "report", summary.runId, "--format", "csv", "--out", out);
      const rows: string[][] = parseCsv(await readFile(out, "utf8"));
      expect(
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
      ).toEqual(["field_drift", "field_drift", "orphaned"]);
      await expect(cli("reconcile", "run", "daraz", "--repair", "--report-only")).rejects.toThrow(/choose one/);
    } finally {
      log.mockRestore();
      process.env = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
