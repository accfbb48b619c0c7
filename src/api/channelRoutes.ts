import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { NotFoundError, ValidationError } from "../catalog/errors.js";
import type { Db } from "../db.js";
import { channelSettings } from "../listing/channelProfile.js";
import type { ChannelAccounts } from "../sync/channelAccounts.js";
import { channelStatus, pauseChannel, resumeChannel, retryFailed } from "../sync/operations.js";
import type { ChannelQueues } from "../sync/queues.js";
import { updateAccountSettings } from "../sync/reprice.js";
import { resyncAccount } from "../sync/resync.js";
import { parse } from "./parse.js";

const channelParams = z.object({ channel: z.string().regex(/^[a-z0-9-]+$/) });

/** Operator controls: channel status, pause and resume, retry of failed jobs one by one or in bulk. */
export function registerChannelRoutes(
  app: FastifyInstance,
  db: Db,
  queues: ChannelQueues,
  accounts: ChannelAccounts,
  channels: string[],
): void {
  const known = (channel: string) => {
    if (!channels.includes(channel))
      throw new ValidationError(`channel ${channel}`, [
        { path: "channel", message: `unknown channel; known: ${channels.join(", ")}` },
      ]);
    return channel;
  };

  app.get("/api/channels", async () => ({
    items: await Promise.all(channels.map((c) => channelStatus(db, queues, c))),
  }));

  app.post("/api/channels/:channel/pause", async (req) => {
    const { channel } = parse(channelParams, req.params, "path");
    const { reason } = parse(
      z.object({ reason: z.string().min(1).max(500).default("paused by an operator") }),
      req.body ?? {},
      `channel ${channel}`,
    );
    await pauseChannel(db, queues, known(channel), reason);
    return channelStatus(db, queues, channel);
  });

  app.post("/api/channels/:channel/resume", async (req) => {
    const { channel } = parse(channelParams, req.params, "path");
    await resumeChannel(db, queues, known(channel));
    return channelStatus(db, queues, channel);
  });

  app.post("/api/channels/:channel/retry-failed", async (req) => {
    const { channel } = parse(channelParams, req.params, "path");
    return { retried: await retryFailed(queues, known(channel)) };
  });

  app.post("/api/channels/:channel/jobs/:jobId/retry", async (req) => {
    const { channel, jobId } = parse(channelParams.extend({ jobId: z.string().min(1) }), req.params, "path");
    return { retried: await retryFailed(queues, known(channel), jobId) };
  });

  app.post("/api/channels/:channel/resync", async (req) => {
    const { channel } = parse(channelParams, req.params, "path");
    const rows = await db.channelAccount.findMany({ where: { channel: known(channel) }, select: { id: true } });
    const results = [];
    for (const row of rows) {
      const account = await accounts.get(row.id);
      results.push(
        await resyncAccount(db, account, (jobs) =>
          queues.enqueuePushes(
            channel,
            jobs.map((data) => ({ data })),
          ),
        ),
      );
    }
    return { accounts: results };
  });

  app.get("/api/channel-accounts", async () => ({
    items: await db.channelAccount.findMany({
      select: {
        id: true,
        exporterId: true,
        channel: true,
        baseUrl: true,
        paused: true,
        needsOperator: true,
        settings: true,
      },
    }),
  }));

  app.put("/api/channel-accounts/:id/settings", async (req) => {
    const { id } = parse(z.object({ id: z.string().min(1) }), req.params, "path");
    if (!(await db.channelAccount.findUnique({ where: { id } }))) throw new NotFoundError(`channel account ${id}`);
    const record = `channel account ${id} settings`;
    parse(channelSettings, req.body ?? {}, record);
    const settings = parse(z.record(z.string(), z.json()), req.body ?? {}, record);
    return { resync: await updateAccountSettings(db, accounts, queues, id, settings) };
  });
}
