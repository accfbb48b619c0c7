import { Redis } from "ioredis";

/** Worker connections block on Redis and must never give up (BullMQ requirement). */
export function createWorkerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Producer connections fail fast so an API call does not hang while Redis is down. */
export function createProducerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000 });
}
