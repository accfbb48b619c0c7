import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { FxCache } from "../localize/fxRates.js";
import type { Runtime } from "../runtime.js";
import { productReadiness } from "../sync/productReadiness.js";
import { uncoveredAttributes } from "../taxonomy/attributeSuggestions.js";
import { heldListings } from "../taxonomy/heldListings.js";
import { mappingFile } from "../taxonomy/mappingFile.js";
import { exportMappings, writeMappings } from "../taxonomy/mappingStore.js";
import { prefetchMappedAttributes } from "../taxonomy/prefetchAttributes.js";
import { recheckAccount } from "../taxonomy/recheck.js";
import { refreshTaxonomy } from "../taxonomy/refreshTaxonomy.js";
import { unmappedCategories } from "../taxonomy/unmapped.js";
import { withRuntime } from "./channelCommands.js";

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

/** The channel's account ids: one channel may have one account per exporter; --account picks one. */
async function accountIds(rt: Runtime, channel: string, account?: string): Promise<string[]> {
  const rows = await rt.db.channelAccount.findMany({
    where: { channel, ...(account ? { id: account } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  if (rows.length === 0) throw new Error(`no ${channel} account${account ? ` ${account}` : ""}`);
  return rows.map((r) => r.id);
}

async function oneAccount(rt: Runtime, channel: string, account?: string): Promise<string> {
  const ids = await accountIds(rt, channel, account);
  if (ids.length > 1)
    throw new Error(`${channel} has ${ids.length} accounts; pick one with --account (${ids.join(", ")})`);
  return ids[0] as string;
}

/**
 * `tijarat taxonomy refresh`, `tijarat mappings export|import|unmapped`, `tijarat readiness <productId>` and
 * `tijarat held <channel>`: channel readiness from a shell.
 */
export function registerReadinessCommands(program: Command): void {
  program
    .command("taxonomy-refresh <channel>")
    .description("read the channel's category tree and mapped categories' attributes now, and re-check listings")
    .option("--account <id>", "one account of the channel")
    .action((channel: string, opts: { account?: string }) =>
      withRuntime(async (rt) => {
        for (const id of await accountIds(rt, channel, opts.account)) {
          const result = await refreshTaxonomy(rt, id);
          const recheck = result.affectsListings ? await recheckAccount(rt.db, rt.accounts, rt.queues, id) : undefined;
          print({ account: id, ...result, recheck });
        }
      }),
    );

  const mappings = program
    .command("mappings")
    .description("Category, attribute and value mappings of a channel account");
  mappings
    .command("export <channel>")
    .option("--account <id>", "one account of the channel")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .action((channel: string, opts: { account?: string; out?: string }) =>
      withRuntime(async (rt) => {
        const file = await exportMappings(rt.db, await oneAccount(rt, channel, opts.account));
        const text = `${JSON.stringify(file, null, 2)}\n`;
        if (opts.out) await writeFile(opts.out, text);
        else process.stdout.write(text);
      }),
    );
  mappings
    .command("import <channel> <file>")
    .description("all or nothing; refused when the account's mappings changed since the file's version")
    .option("--account <id>", "one account of the channel")
    .option("--merge", "add and change the file's entries, keep the others (default: the file replaces all)")
    .option("--force", "import even though the mappings changed since the file was exported")
    .action((channel: string, path: string, opts: { account?: string; merge?: boolean; force?: boolean }) =>
      withRuntime(async (rt) => {
        const id = await oneAccount(rt, channel, opts.account);
        const parsed = mappingFile.safeParse(JSON.parse(await readFile(path, "utf8")));
        if (!parsed.success) {
          throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
        }
        await prefetchMappedAttributes(rt, id, parsed.data);
        const { version } = await writeMappings(rt.db, id, parsed.data, {
          mode: opts.merge ? "merge" : "replace",
          ...(opts.force ? {} : { expectedVersion: parsed.data.version }),
        });
        print({ account: id, version, recheck: await recheckAccount(rt.db, rt.accounts, rt.queues, id) });
      }),
    );
  mappings
    .command("unmapped <channel>")
    .description("master categories with products but no channel category, with suggestions")
    .option("--account <id>", "one account of the channel")
    .action((channel: string, opts: { account?: string }) =>
      withRuntime(async (rt) => print(await unmappedCategories(rt.db, await oneAccount(rt, channel, opts.account)))),
    );

  mappings
    .command("attributes <channel>")
    .description("required channel attributes nothing in the catalog fills, with the closest master keys")
    .option("--account <id>", "one account of the channel")
    .action((channel: string, opts: { account?: string }) =>
      withRuntime(async (rt) => print(await uncoveredAttributes(rt.db, await oneAccount(rt, channel, opts.account)))),
    );

  program
    .command("readiness <productId>")
    .description("what a product still misses on each channel (no channel call)")
    .action((productId: string) =>
      withRuntime(async (rt) => print(await productReadiness({ ...rt, fx: new FxCache(rt.db) }, productId))),
    );
  program
    .command("held <channel>")
    .description("listings held as incomplete, and the gaps that hold most of them")
    .option("--account <id>", "one account of the channel")
    .action((channel: string, opts: { account?: string }) =>
      withRuntime(async (rt) => print(await heldListings(rt.db, await oneAccount(rt, channel, opts.account)))),
    );
}
