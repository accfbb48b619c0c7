import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Command } from "commander";
import "../../adapters/index.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { formatPlan, planChannel } from "../reconcile/planAccount.js";
import type { OrphanPolicy, ReconcileMode } from "../reconcile/policy.js";
import { exportRun, listRuns } from "../reconcile/report.js";
import { type ReconcileSummary, reconcileChannel } from "../reconcile/run.js";
import { createRuntime, type Runtime } from "../runtime.js";
import { resolveSecretKey } from "../secretKey.js";
import { checkPostgres, checkRedis } from "../services.js";

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  await checkPostgres(config.DATABASE_URL);
  await checkRedis(config.REDIS_URL);
  const rt = createRuntime(config, createLogger(config.LOG_LEVEL), resolveSecretKey(config));
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

function summaryLine(s: ReconcileSummary): string {
  const kinds = Object.entries(s.counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  return [
    `run ${s.runId} (${s.channel}, account ${s.channelAccountId}, ${s.mode}, orphans: ${s.orphans})`,
    `  remote ${s.remoteCount} listings in ${s.pagesFetched} pages (minimum ${s.minimumPages}); expected ${s.expectedCount}`,
    `  ${kinds}; repaired ${s.repaired}, deactivated ${s.deactivated}; ${s.seconds.toFixed(1)} s`,
  ].join("\n");
}

/**
 * `tijarat reconcile run|report|runs` and `tijarat plan`: reconciliation on demand from a shell (runs in this process,
 * repairs go through the normal push queue) and the catalog-side dry run.
 */
export function registerReconcileCommands(program: Command): void {
  const reconcile = program
    .command("reconcile")
    .description("Compare what a channel shows with what the catalog says; report or repair drift");

  reconcile
    .command("run <channel>")
    .description("reconcile every account on a channel now (policy from the account's settings unless overridden)")
    .option("--repair", "re-push missing and drifted listings through the push queue")
    .option("--report-only", "record the drift and change nothing")
    .option("--orphans <policy>", "report | deactivate listings the catalog does not hold")
    .option("--json", "print the run summaries as JSON")
    .action((channel: string, opts: { repair?: boolean; reportOnly?: boolean; orphans?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        if (opts.repair && opts.reportOnly) throw new Error("choose one of --repair and --report-only");
        if (opts.orphans && opts.orphans !== "report" && opts.orphans !== "deactivate")
          throw new Error("--orphans takes report or deactivate");
        const mode: ReconcileMode | undefined = opts.repair ? "repair" : opts.reportOnly ? "report" : undefined;
        const runs = await reconcileChannel(
          { db: rt.db, accounts: rt.accounts, queues: rt.queues, log: rt.log },
          channel,
          {
            trigger: "cli",
            ...(mode ? { mode } : {}),
            ...(opts.orphans ? { orphans: opts.orphans as OrphanPolicy } : {}),
          },
        );
        if (runs.length === 0) console.log(`no ${channel} accounts`);
        else console.log(opts.json ? JSON.stringify(runs, null, 2) : runs.map(summaryLine).join("\n"));
      }),
    );

  reconcile
    .command("report <runId>")
    .description("print or save one run with every item")
    .option("--format <format>", "csv | json", "json")
    .option("--out <file>", "write to this file instead of standard output")
    .action((runId: string, opts: { format: string; out?: string }) =>
      withRuntime(async (rt) => {
        if (opts.format !== "csv" && opts.format !== "json") throw new Error("--format takes csv or json");
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        for await (const chunk of exportRun(rt.db, runId, opts.format)) {
          if (!out.write(chunk)) await once(out, "drain");
        }
        if (opts.out) {
          (out as ReturnType<typeof createWriteStream>).end();
          await once(out, "finish");
          console.error(`wrote ${opts.out}`);
        }
      }),
    );

  reconcile
    .command("runs <channel>")
    .description("recent runs of a channel, newest first")
    .option("--limit <n>", "how many", "20")
    .action((channel: string, opts: { limit: string }) =>
      withRuntime(async (rt) => {
        const { items } = await listRuns(rt.db, {
          channel,
          limit: Math.max(1, Math.min(200, Number(opts.limit) || 20)),
        });
        for (const r of items) {
          const counts = Object.entries((r.counts ?? {}) as Record<string, unknown>)
            .filter(([, v]) => typeof v === "number")
            .map(([k, v]) => `${k} ${v}`)
            .join(", ");
          console.log(
            `${r.id}  ${r.startedAt}  ${r.trigger.padEnd(8)} ${r.status.padEnd(9)} remote ${r.remoteCount}, pages ${r.pagesFetched}, expected ${r.expectedCount}; ${counts}${r.error ? `; error: ${r.error}` : ""}`,
          );
        }
        if (items.length === 0) console.log(`no reconcile runs for ${channel}`);
      }),
    );

  program
    .command("plan <channel>")
    .description("Dry run: what a sync would create, change, re-price, restock or delist (no channel call)")
    .option("--json", "print the plan as JSON")
    .option("--limit <n>", "listings shown per account", "1000")
    .action((channel: string, opts: { json?: boolean; limit: string }) =>
      withRuntime(async (rt) => {
        const plans = await planChannel(rt.db, rt.accounts, channel, {
          limit: Math.max(1, Number(opts.limit) || 1000),
        });
        console.log(
          opts.json ? JSON.stringify(plans, null, 2) : plans.length ? formatPlan(plans) : `no ${channel} accounts`,
        );
      }),
    );
}
