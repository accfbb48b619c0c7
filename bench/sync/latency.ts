/**
 * Edit-to-channel latency: with idle queues, one product's price is edited through saveProduct (the path the API and
 * importers use) and the clock runs until the Daraz simulator itself shows the new price.
 */
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { openPhase, progress, sleep, waitFor } from "./env.js";
import { generateProduct } from "./generate.js";
import { round } from "./throughput.js";

export interface LatencyOptions {
  edits: number;
  coalesceMs: number;
}

export interface LatencyResult {
  p50: number;
  p99: number;
  min: number;
  mean: number;
  max: number;
  edits: number;
  /** The debounce every push waits before it may run (part of every figure above). */
  coalesceMs: number;
  /** How long the price/stock batcher holds a lone update for company (PriceStockBatcher default). */
  batcherWindowMs: number;
  /** saveProduct alone (the catalog transaction with its outbox row). */
  saveP50: number;
}

/** Nearest-rank percentile. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export async function latency(opts: LatencyOptions): Promise<LatencyResult> {
  const phase = await openPhase("latency", {
    channels: ["daraz"],
    env: { COALESCE_MS: String(opts.coalesceMs) },
  });
  try {
    const acc = phase.accounts[0];
    if (!acc) throw new Error("latency: no Daraz simulator/adapter");
    const { db } = phase.rt;
    const input = generateProduct(0, 4, "LT", phase.images);
    const sku = input.variants[0]!.sellerSku;
    await phase.startWorkers();
    await saveProduct(db, phase.base.exporterId, input, { mode: "create" });
    await waitFor(
      async () =>
        (await db.listing.count({ where: { state: "live", channelAccountId: acc.id } })) === 1 && (await phase.idle()),
      30_000,
      "the latency product to go live on Daraz",
    );
    const priceOnDaraz = () =>
      acc.sim
        .listings()
        .find((l) => l.skus.some((s) => s.sellerSku === sku))
        ?.skus.find((s) => s.sellerSku === sku)?.price;

    const base = Number(input.variants[0]!.pricePkr);
    const times: number[] = [];
    const saves: number[] = [];
    for (let i = 1; i <= opts.edits; i += 1) {
      const price = base + 100 * i;
      const edited = {
        ...input,
        variants: input.variants.map((v, k) => ({ ...v, pricePkr: (price + 50 * k).toFixed(2) })),
      };
      const start = performance.now();
      await saveProduct(db, phase.base.exporterId, edited, { mode: "update" });
      saves.push(performance.now() - start);
      for (;;) {
        if (Number(priceOnDaraz()) === price) break;
        if (performance.now() - start > 30_000) throw new Error(`latency: edit ${i} never reached Daraz`);
        await sleep(5);
      }
      times.push(performance.now() - start);
      // Next edit only once the push has finished (listing row written, queue idle).
      await phase.waitIdle(30_000, `latency edit ${i}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const result: LatencyResult = {
      p50: round(percentile(sorted, 50), 1),
      p99: round(percentile(sorted, 99), 1),
      min: round(sorted[0] ?? 0, 1),
      mean: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length), 1),
      max: round(sorted.at(-1) ?? 0, 1),
      edits: times.length,
      coalesceMs: phase.config.COALESCE_MS,
      batcherWindowMs: phase.config.PRICE_BATCH_WINDOW_MS,
      saveP50: round(
        percentile(
          [...saves].sort((a, b) => a - b),
          50,
        ),
        1,
      ),
    };
    progress(`latency: p50 ${result.p50} ms, p99 ${result.p99} ms (COALESCE_MS ${result.coalesceMs})`);
    return result;
  } finally {
    await phase.close();
  }
}
