import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";

export const TRANSLATION_QUEUE = "translation";

export const translationJobData = z.object({
  productId: z.string().min(1),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "must be a language tag such as zh-Hans"),
});
export type TranslationJobData = z.infer<typeof translationJobData>;

/** What the sync engine needs: ask for a product's missing locale to be translated. */
export interface TranslationRequester {
  request(productId: string, locale: string): Promise<void>;
}

/**
 * The translation queue. One job per product and locale at a time (deduplicated; a request while one runs leaves
 * one more waiting, which re-reads the product), bounded history, exponential backoff for transient failures.
 */
export class TranslationQueue implements TranslationRequester {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string, attempts = 5, backoffMs = 2000) {
    this.queue = new Queue(TRANSLATION_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts,
        backoff: { type: "exponential", delay: backoffMs, jitter: 0.5 },
        removeOnComplete: { age: 24 * 3600, count: 5000 },
        removeOnFail: { age: 7 * 24 * 3600, count: 20_000 },
      },
    });
  }

  async request(productId: string, locale: string): Promise<void> {
    const data = translationJobData.parse({ productId, locale });
    await this.queue.add("translate", data, {
      deduplication: { id: `translate-${productId}.${locale}`, keepLastIfActive: true },
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
