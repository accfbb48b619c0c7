import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import { NotFoundError, ValidationError, VersionConflictError } from "../catalog/errors.js";
import { ListingState } from "../generated/prisma/enums.js";
import type { Runtime } from "../runtime.js";
import { workerLiveness } from "../sync/heartbeat.js";
import { TaxonomyQueue } from "../taxonomy/queue.js";
import { registerChannelRoutes } from "./channelRoutes.js";
import { registerContentRoutes } from "./contentRoutes.js";
import { DASHBOARD_PATH, mountDashboard } from "./dashboard.js";
import { registerFxRoutes } from "./fxRoutes.js";
import { createMetrics } from "./metrics.js";
import { registerProductRoutes } from "./productRoutes.js";
import { registerReadinessRoutes } from "./readinessRoutes.js";
import { registerReconcileRoutes } from "./reconcileRoutes.js";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
  state: z.enum(ListingState).optional(),
});

/** HTTP API and operator dashboard. Every input is parsed by zod; errors name the record and field. */
export async function buildServer(rt: Runtime, channels: string[]): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const metrics = createMetrics(rt.db, rt.queues);
  for (const channel of channels) rt.queues.get(channel);

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof ValidationError)
      return reply.status(400).send({ error: "validation", record: err.record, fields: err.fields });
    if (err instanceof NotFoundError) return reply.status(404).send({ error: "not_found", record: err.record });
    if (err instanceof VersionConflictError) {
      return reply
        .status(409)
        .send({ error: "version_conflict", record: err.record, expected: err.expected, actual: err.actual });
    }
    if (err instanceof z.ZodError) {
      return reply
        .status(400)
        .send({ error: "validation", fields: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    }
    rt.log.error({ err }, "request failed");
    return reply.status(500).send({ error: "internal" });
  });

  app.get("/health", async () => {
    await rt.db.$queryRaw`SELECT 1`;
    await rt.producer.ping();
    return { ok: true };
  });

  app.get("/metrics", async (_req, reply) => reply.type(metrics.contentType).send(await metrics.metrics()));

  app.get("/api/workers", async () => ({ workers: await workerLiveness(rt.db) }));

  registerProductRoutes(app, rt.db);
  registerChannelRoutes(app, rt.db, rt.queues, rt.accounts, channels);
  registerFxRoutes(app, rt.db, rt.accounts, rt.queues);
  const contentQueues = registerContentRoutes(app, rt);
  registerReconcileRoutes(app, rt, channels);
  // The taxonomy queue: API refreshes run on it, and the dashboard shows its weekly scheduler next to the channels.
  const taxonomyQueue = new TaxonomyQueue(rt.producer, rt.config.QUEUE_PREFIX);
  app.addHook("onClose", async () => taxonomyQueue.close());
  registerReadinessRoutes(app, rt, taxonomyQueue);

  app.get("/api/listings", async (req) => {
    const q = listQuery.parse(req.query);
    const rows = await rt.db.listing.findMany({
      take: q.limit + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
      orderBy: { id: "asc" },
      ...(q.state ? { where: { state: q.state } } : {}),
      include: { product: { select: { sku: true } }, channelAccount: { select: { channel: true } } },
    });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((l) => ({
        id: l.id,
        sku: l.product.sku,
        channel: l.channelAccount.channel,
        state: l.state,
        remoteItemId: l.remoteItemId,
        error: l.errorClass ? { class: l.errorClass, code: l.errorCode, message: l.errorMessage } : null,
        holds: l.holds,
        updatedAt: l.updatedAt,
      })),
      nextCursor: rows.length > q.limit ? page.at(-1)?.id : null,
    };
  });

  await mountDashboard(app, [...rt.queues.all(), ...contentQueues, taxonomyQueue.queue]);
  app.get("/", async (_req, reply) => reply.redirect(DASHBOARD_PATH));
  return app;
}
