/**
 * Import benchmark: rows/s and peak RSS for a 100k-row CSV import, with a 10k-row import as the baseline in the same
 * run (memory should not grow with file size), and the time of re-importing the 10k file (all unchanged).
 *
 *   npm run bench:import            (DATABASE_URL as for the app; creates and drops its own databases)
 *   npm run bench:import -- --rows 20000,200000
 *
 * Each import runs in its own child process against a fresh database (recreateDatabase + migrateDeploy), so each
 * peak RSS is that import's alone; RSS is sampled every 25 ms. Prints one JSON document.
 *
 *   npm run bench:import -- --live-heap
 *
 * also reports the live heap (heapUsed right after a forced full GC, every 2000 products): the data the import
 * really keeps. The forced GCs also keep the heap from growing lazily, so that run's peaks are lower than a plain
 * run's and its rows/s slightly lower; compare runs of the same kind.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

interface ImportRun {
  label: string;
  rows: number;
  products: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  elapsedMs: number;
  validateMs: number;
  applyMs: number;
  rowsPerSec: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssGrowthMb: number;
  heapPeakMb: number;
  /** With --live-heap: heapUsed right after a forced full GC, sampled every 2000 products (else null). */
  liveHeapMb: number | null;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Child: fresh database, import the file (optionally twice), report each import's figures as JSON on stdout. */
async function child(file: string, rows: number, reimport: boolean): Promise<void> {
  const { loadConfig } = await import("../src/config.js");
  const { createDb } = await import("../src/db.js");
  const { databaseName, dropDatabase, migrateDeploy, recreateDatabase, withDatabase } = await import(
    "../src/services.js"
  );
  const { importCatalog } = await import("../src/catalog/io/importCatalog.js");
  const { ensureReferences } = await import("../src/catalog/io/references.js");
  const { generatorReferences } = await import("../src/catalog/io/generateCatalog.js");

  const base = loadConfig().DATABASE_URL;
  const url = withDatabase(base, `${databaseName(base)}_bench_import_${randomBytes(3).toString("hex")}`);
  await recreateDatabase(url);
  await migrateDeploy(url);
  const db = createDb(url, 4);
  const runs: ImportRun[] = [];
  try {
    await ensureReferences(db, generatorReferences);
    const exporter = await db.exporter.create({ data: { slug: "bench", name: "Bench Exporter" } });
    const measure = async (label: string) => {
      const before = process.memoryUsage.rss();
      let peak = before;
      let heapPeak = process.memoryUsage().heapUsed;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 25);
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const liveBefore = process.memoryUsage().heapUsed;
      let live = 0;
      const res = await importCatalog(db, {
        exporterId: exporter.id,
        file,
        onProgress: (p) => {
          if (!gc || p.products % 2000 !== 0) return;
          gc();
          live = Math.max(live, process.memoryUsage().heapUsed - liveBefore);
        },
      });
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage.rss());
      if (res.status !== "imported")
        throw new Error(`${label}: ${res.status}: ${JSON.stringify(res.issues.slice(0, 3))}`);
      runs.push({
        label,
        rows: res.rows,
        products: res.products,
        created: res.created,
        updated: res.updated,
        unchanged: res.unchanged,
        rejected: res.rejected,
        elapsedMs: res.elapsedMs,
        validateMs: res.validateMs,
        applyMs: res.applyMs,
        rowsPerSec: Math.round(res.rows / (res.elapsedMs / 1000)),
        rssBeforeMb: mb(before),
        rssPeakMb: mb(peak),
        rssGrowthMb: mb(peak - before),
        heapPeakMb: mb(heapPeak),
        liveHeapMb: gc ? mb(live) : null,
      });
    };
    await measure(`${rows / 1000}k rows, fresh database`);
    if (reimport) await measure(`${rows / 1000}k rows, re-import (all unchanged)`);
  } finally {
    await db.$disconnect();
    await dropDatabase(url);
  }
  process.stdout.write(`${JSON.stringify(runs)}\n`);
}

function runChild(file: string, rows: number, reimport: boolean, liveHeap: boolean): Promise<ImportRun[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [
        ...(liveHeap ? ["--expose-gc"] : []),
        "--import",
        "tsx",
        fileURLToPath(import.meta.url),
        "--child",
        file,
        String(rows),
        reimport ? "reimport" : "once",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    proc.on("error", reject);
    proc.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`benchmark child exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as ImportRun[]);
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") return child(args[1]!, Number(args[2]), args[3] === "reimport");
  const sizesArg = args.indexOf("--rows") >= 0 ? args[args.indexOf("--rows") + 1]! : "10000,100000";
  const [small, large] = sizesArg.split(",").map(Number) as [number, number];
  const { writeGeneratedCatalog } = await import("../src/catalog/io/generateCatalog.js");
  const dir = await mkdtemp(join(tmpdir(), "tijarat-bench-import-"));
  try {
    const files = [];
    for (const rows of [small, large]) {
      const started = performance.now();
      const gen = await writeGeneratedCatalog(join(dir, `catalog-${rows}.csv`), { rows, seed: 2024 });
      files.push({
        rows: gen.rows,
        products: gen.products,
        sizeMb: mb((await stat(gen.file)).size),
        generateMs: Math.round(performance.now() - started),
        file: gen.file,
      });
    }
    const liveHeap = args.includes("--live-heap");
    const baseline = await runChild(files[0]!.file, small, true, liveHeap);
    const big = await runChild(files[1]!.file, large, false, liveHeap);
    const [smallRun, reimportRun] = baseline;
    const [largeRun] = big;
    console.log(
      JSON.stringify(
        {
          liveHeapSampling: liveHeap,
          machine: {
            cpus: cpus().length,
            cpuModel: cpus()[0]?.model,
            memoryGb: Math.round(totalmem() / 2 ** 30),
            node: process.version,
          },
          files: files.map(({ file: _f, ...rest }) => rest),
          runs: [smallRun, largeRun, reimportRun],
          summary: {
            rowsPerSec: { [`${small / 1000}k`]: smallRun!.rowsPerSec, [`${large / 1000}k`]: largeRun!.rowsPerSec },
            peakRssMb: { [`${small / 1000}k`]: smallRun!.rssPeakMb, [`${large / 1000}k`]: largeRun!.rssPeakMb },
            rssGrowthMb: { [`${small / 1000}k`]: smallRun!.rssGrowthMb, [`${large / 1000}k`]: largeRun!.rssGrowthMb },
            liveHeapMb: { [`${small / 1000}k`]: smallRun!.liveHeapMb, [`${large / 1000}k`]: largeRun!.liveHeapMb },
            fileSizeRatio: Math.round((large / small) * 10) / 10,
            peakRssRatio: Math.round((largeRun!.rssPeakMb / smallRun!.rssPeakMb) * 100) / 100,
            reimportUnchangedMs: reimportRun!.elapsedMs,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
