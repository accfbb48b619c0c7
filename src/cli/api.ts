import "../../adapters/index.js";
import { buildServer } from "../api/server.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createRuntime } from "../runtime.js";
import { resolveSecretKey } from "../secretKey.js";
import { checkPostgres, checkRedis } from "../services.js";

export async function runApi(channels: string[]): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  await checkPostgres(config.DATABASE_URL);
  await checkRedis(config.REDIS_URL);
  const rt = createRuntime(config, log, resolveSecretKey(config));
  const app = await buildServer(rt, channels);
  const address = await app.listen({ port: config.API_PORT, host: "127.0.0.1" });
  log.info({ address }, "API listening; dashboard at /admin/queues");
  await new Promise<void>((resolve) => {
    process.once("SIGTERM", () => resolve());
    process.once("SIGINT", () => resolve());
  });
  await app.close();
  await rt.close();
}
