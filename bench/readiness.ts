/**
 * `npm run bench:readiness`: channel readiness figures, each against a baseline measured in the same run. Prints ONE
 * JSON object on stdout; progress goes to stderr. See bench/README.md.
 *
 *   a. category suggestions (Daraz, Alibaba.com) against the sample catalog's known leaves, vs a naive name matcher;
 *   b. upload-once: N products sharing K pictures pushed to Daraz and Alibaba.com, images each channel received vs one
 *      per image per listing, and source fetches;
 *   c. push cost: cold creates (images fetched and uploaded) vs warm creates and a content-only delta with everything
 *      cached; and the pure completeness cost of buildListing with readiness vs without.
 *
 * Environment: BENCH_READINESS_PRODUCTS (500), BENCH_READINESS_IMAGES (50), BENCH_READINESS_VARIANTS (4),
 * BENCH_READINESS_BUILDS (10000), BENCH_PUSH_CONCURRENCY (50), BENCH_LOG_LEVEL (error).
 */
import os from "node:os";
import { completenessCost } from "./readiness/completeness.js";
import { pushCosts } from "./readiness/pushes.js";
import { suggestionQuality } from "./readiness/suggestions.js";
import { openPhase, progress } from "./sync/env.js";
import { round } from "./sync/throughput.js";

const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
};

async function main(): Promise<void> {
  const wallStart = performance.now();
  const params = {
    products: int("BENCH_READINESS_PRODUCTS", 500),
    distinctImages: int("BENCH_READINESS_IMAGES", 50),
    variants: int("BENCH_READINESS_VARIANTS", 4),
    builds: int("BENCH_READINESS_BUILDS", 10_000),
    pushConcurrency: int("BENCH_PUSH_CONCURRENCY", 50),
  };
  const loadStart = os.loadavg()[0] ?? 0;
  const phaseSeconds: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      phaseSeconds[name] = round((performance.now() - t0) / 1000, 1);
    }
  };

  // a + the pure completeness cost: every channel's taxonomy read and mapped, no pushes.
  const { suggestions, completeness } = await timed("taxonomy", async () => {
    const phase = await openPhase("readiness_taxonomy", { channels: ["daraz", "alibaba", "jd"] });
    try {
      progress("readiness: category suggestions");
      const suggestions = await suggestionQuality(phase);
      progress(`readiness: buildListing over ${params.builds} products, with and without readiness`);
      const completeness = await completenessCost(phase, params.builds, params.variants);
      return { suggestions, completeness };
    } finally {
      await phase.close();
    }
  });
  // b + c: pushes through the engine.
  const pushes = await timed("pushes", () =>
    pushCosts({
      products: params.products,
      distinctImages: params.distinctImages,
      variants: params.variants,
      pushConcurrency: params.pushConcurrency,
    }),
  );

  const cpus = os.cpus();
  const out = {
    categorySuggestions: suggestions,
    uploadOnce: pushes.uploadOnce,
    pushCost: pushes.pushCost,
    completenessCost: completeness,
    held: pushes.held,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      node: process.version,
      params,
      loadAvg1m: { start: round(loadStart, 2), end: round(os.loadavg()[0] ?? 0, 2) },
      phaseSeconds,
      wallSeconds: round((performance.now() - wallStart) / 1000, 1),
    },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().then(
  () => progress("done"),
  (err: unknown) => {
    process.stderr.write(
      `bench:readiness failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
