/** Baseline: what plain BullMQ does on this machine and Redis, with no database and no channel behind it. */
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { loadConfig } from "../../src/config.js";
import { deletePrefix, progress } from "./env.js";

export interface RawResult {
  jobs: number;
  concurrency: number;
  addBulkPerSec: number;
  jobsPerSec: number;
}

export async function rawBullmq(jobs = 20_000, concurrency = 50): Promise<RawResult> {
  const { REDIS_URL } = loadConfig();
  const prefix = "tijarat-bench-raw";
  await deletePrefix(REDIS_URL, prefix);
  const producer = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue("raw", { connection: producer, prefix });
  try {
    const addStart = performance.now();
    for (let i = 0; i < jobs; i += 5000) {
      await queue.addBulk(
        Array.from({ length: Math.min(5000, jobs - i) }, (_, k) => ({
          name: "noop",
          data: { i: i + k },
          opts: { removeOnComplete: true },
        })),
      );
    }
    const addSeconds = (performance.now() - addStart) / 1000;

    let completed = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    const start = performance.now();
    const worker = new Worker("raw", async () => undefined, { connection: workerConnection, prefix, concurrency });
    worker.on("completed", () => {
      completed += 1;
      if (completed === jobs) resolveDone();
    });
    await done;
    const seconds = (performance.now() - start) / 1000;
    await worker.close();
    const result = {
      jobs,
      concurrency,
      addBulkPerSec: Math.round(jobs / addSeconds),
      jobsPerSec: Math.round(jobs / seconds),
    };
    progress(`raw BullMQ: ${result.jobsPerSec} jobs/s drained, addBulk ${result.addBulkPerSec} jobs/s`);
    return result;
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    producer.disconnect();
    workerConnection.disconnect();
    await deletePrefix(REDIS_URL, prefix);
  }
}
