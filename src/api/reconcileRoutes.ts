import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isChannelError } from "../../adapters/core/errors.js";
import { ValidationError } from "../catalog/errors.js";
import { driftKinds } from "../reconcile/compare.js";
import { planChannel } from "../reconcile/planAccount.js";
import { orphanPolicies, reconcileModes } from "../reconcile/policy.js";
import { enqueueChannelRuns, ReconcileQueue } from "../reconcile/queue.js";
import { exportRun, getRun, listRuns, runItems } from "../reconcile/report.js";
import { reconcileChannel } from "../reconcile/run.js";
import type { Runtime } from "../runtime.js";
import { parse } from "./parse.js";

const channelParams = z.object({ channel: z.string().regex(/^[a-z0-9-]+$/) });
const runParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Reconciliation and plan: start a run (queued for the reconcile worker, or inline with wait=true), list runs, read
 * one run with its items, export it as CSV or JSON; the plan of a channel (catalog-side dry run, no channel call).
 */
export function registerReconcileRoutes(app: FastifyInstance, rt: Runtime, channels: string[]): void {
  let queue: ReconcileQueue | undefined;
  const reconcileQueue = () => {
    queue ??= new ReconcileQueue(rt.producer, rt.config.QUEUE_PREFIX);
    return queue;
  };
  app.addHook("onClose", async () => {
    await queue?.close();
  });
  const known = (channel: string) => {
    if (!channels.includes(channel))
      throw new ValidationError(`channel ${channel}`, [
        { path: "channel", message: `unknown channel; known: ${channels.join(", ")}` },
      ]);
    return channel;
  };

  app.post("/api/channels/:channel/reconcile", async (req, reply) => {
    const { channel } = parse(channelParams, req.params, "path");
    const body = parse(
      z.object({
        mode: z.enum(reconcileModes).optional(),
        orphans: z.enum(orphanPolicies).optional(),
        /** Run in this request and answer with the result, instead of queueing for the reconcile worker. */
        wait: z.boolean().default(false),
      }),
      req.body ?? {},
      `reconcile ${channel}`,
    );
    const opts = {
      trigger: "api" as const,
      ...(body.mode ? { mode: body.mode } : {}),
      ...(body.orphans ? { orphans: body.orphans } : {}),
    };
    if (body.wait) {
      try {
        const runs = await reconcileChannel(
          { db: rt.db, accounts: rt.accounts, queues: rt.queues, log: rt.log },
          known(channel),
          opts,
        );
        return { runs };
      } catch (err) {
        // The run is stored as failed with the reason; the caller hears the channel's answer.
        if (!isChannelError(err)) throw err;
        return reply
          .status(502)
          .send({ error: "channel", class: err.errorClass, code: err.code, message: err.message });
      }
    }
    const runs = await enqueueChannelRuns(rt.db, reconcileQueue(), known(channel), opts);
    return reply.status(202).send({ runs: runs.map((r) => ({ id: r.runId, ...r, status: "queued" })) });
  });

  app.get("/api/reconcile/runs", async (req) => {
    const q = parse(
      z.object({
        channel: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().optional(),
      }),
      req.query,
      "query",
    );
    return listRuns(rt.db, q);
  });

  app.get("/api/reconcile/runs/:id", async (req) => {
    const { id } = parse(runParams, req.params, "path");
    const q = parse(
      z.object({
        kind: z.enum(driftKinds).optional(),
        limit: z.coerce.number().int().min(1).max(5000).default(500),
        cursor: z.string().regex(/^\d+$/).optional(),
      }),
      req.query,
      "query",
    );
    const run = await getRun(rt.db, id);
    const page = await runItems(rt.db, id, q);
    return { run, items: page.items, nextCursor: page.nextCursor };
  });

  app.get("/api/reconcile/runs/:id/export", async (req, reply) => {
    const { id } = parse(runParams, req.params, "path");
    const { format } = parse(z.object({ format: z.enum(["csv", "json"]).default("csv") }), req.query, "query");
    await getRun(rt.db, id); // 404 before any byte is sent
    return reply
      .type(format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="reconcile-${id}.${format}"`)
      .send(Readable.from(exportRun(rt.db, id, format)));
  });

  app.get("/api/channels/:channel/plan", async (req) => {
    const { channel } = parse(channelParams, req.params, "path");
    const { limit } = parse(
      z.object({ limit: z.coerce.number().int().min(1).max(10_000).default(1000) }),
      req.query,
      "query",
    );
    return { channel, accounts: await planChannel(rt.db, rt.accounts, known(channel), { limit }) };
  });
}
