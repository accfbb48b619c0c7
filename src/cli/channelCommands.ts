import type { Command } from "commander";
import "../../adapters/index.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createRuntime, type Runtime } from "../runtime.js";
import { resolveSecretKey } from "../secretKey.js";
import { checkPostgres, checkRedis } from "../services.js";
import { channelStatus, pauseChannel, resumeChannel, retryFailed } from "../sync/operations.js";
import { resyncAccount } from "../sync/resync.js";

export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  await checkPostgres(config.DATABASE_URL);
  await checkRedis(config.REDIS_URL);
  const rt = createRuntime(config, createLogger(config.LOG_LEVEL), resolveSecretKey(config));
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

/** `tijarat channel status|pause|resume|retry|resync <channel>`: the operator's controls from a shell. */
export function registerChannelCommands(program: Command): void {
  const channel = program
    .command("channel")
    .description("Operate a channel: status, pause, resume, retry failed jobs, resync");
  channel
    .command("status <channel>")
    .action((name: string) => withRuntime(async (rt) => print(await channelStatus(rt.db, rt.queues, name))));
  channel
    .command("pause <channel>")
    .option("--reason <text>", "shown to other operators", "paused by an operator")
    .action((name: string, opts: { reason: string }) =>
      withRuntime(async (rt) => {
        await pauseChannel(rt.db, rt.queues, name, opts.reason);
        print(await channelStatus(rt.db, rt.queues, name));
      }),
    );
  channel.command("resume <channel>").action((name: string) =>
    withRuntime(async (rt) => {
      await resumeChannel(rt.db, rt.queues, name);
      print(await channelStatus(rt.db, rt.queues, name));
    }),
  );
  channel
    .command("retry <channel>")
    .option("--job <id>", "retry one failed job; without it every failed job is retried")
    .action((name: string, opts: { job?: string }) =>
      withRuntime(async (rt) => print({ retried: await retryFailed(rt.queues, name, opts.job) })),
    );
  channel
    .command("resync <channel>")
    .description("compare the whole catalog with what the channel accepted and push only what differs")
    .action((name: string) =>
      withRuntime(async (rt) => {
        const rows = await rt.db.channelAccount.findMany({ where: { channel: name }, select: { id: true } });
        for (const row of rows) {
          const account = await rt.accounts.get(row.id);
          print(
            await resyncAccount(rt.db, account, (jobs) =>
              rt.queues.enqueuePushes(
                name,
                jobs.map((data) => ({ data })),
              ),
            ),
          );
        }
      }),
    );
}
