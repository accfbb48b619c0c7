import "../../adapters/index.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createRuntime, startWorkers } from "../runtime.js";
import { resolveSecretKey } from "../secretKey.js";
import { checkPostgres, checkRedis } from "../services.js";

/** Long-running worker process; SIGTERM/SIGINT stop it within the configured grace period. */
export async function runWorker(channels: string[]): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  await checkPostgres(config.DATABASE_URL);
  await checkRedis(config.REDIS_URL);
  const rt = createRuntime(config, log, resolveSecretKey(config));
  const running = await startWorkers(rt, channels);
  log.info({ channels }, "workers started");
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, "stopping workers");
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  await running.stop();
  await rt.close();
}
