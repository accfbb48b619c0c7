import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../src/config.js";
import { startSampleImageHost } from "../../src/media/sampleImageHost.js";
import {
  checkPostgres,
  checkRedis,
  databaseName,
  dropDatabase,
  migrateDeploy,
  recreateDatabase,
  withDatabase,
} from "../../src/services.js";

/**
 * One migrated template database per run; each test file clones it (CREATE DATABASE ... TEMPLATE), so files run in
 * parallel without sharing rows. Redis keys live under a per-run prefix and are deleted at the end.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig();
  await checkPostgres(config.DATABASE_URL);
  await checkRedis(config.REDIS_URL);
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const templateUrl = withDatabase(config.DATABASE_URL, `${databaseName(config.DATABASE_URL)}_test_${runId}`);
  await recreateDatabase(templateUrl);
  await migrateDeploy(templateUrl);
  const prefix = `tijarat-test-${runId}`;
  project.provide("templateDatabaseUrl", templateUrl);
  project.provide("queuePrefix", prefix);
  // The exporter's image server for every test product: the one private host image fetches may reach.
  const images = await startSampleImageHost();
  project.provide("imageHostUrl", images.url);
  process.env.MEDIA_ALLOWED_HOSTS = new URL(images.url).host;

  return async () => {
    await images.close();
    await dropDatabase(templateUrl);
    const redis = new Redis(config.REDIS_URL);
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    redis.disconnect();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    queuePrefix: string;
    /** Base URL of the sample image host (src/media/sampleImageHost.ts) serving test product images. */
    imageHostUrl: string;
  }
}
