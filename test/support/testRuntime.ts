import { randomBytes } from "node:crypto";
import "../../adapters/index.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createRuntime, type Runtime } from "../../src/runtime.js";
import { testQueuePrefix } from "./testDatabase.js";

/** A runtime on a test database and a private queue prefix, quiet logs. */
export function createTestRuntime(databaseUrl: string, label: string, env: Record<string, string> = {}): Runtime {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: testQueuePrefix(label),
    RELAY_POLL_MS: "200",
    ...env,
  });
  return createRuntime(config, createLogger(process.env.TEST_LOG_LEVEL ?? "silent"), randomBytes(32));
}
