import type { FastifyInstance } from "fastify";
import type { Db } from "../db.js";
import { fxRateInput, latestRates, recordRate } from "../localize/fxRates.js";
import type { ChannelAccounts } from "../sync/channelAccounts.js";
import type { ChannelQueues } from "../sync/queues.js";
import { repriceCurrency } from "../sync/reprice.js";
import { parse } from "./parse.js";

/** Exchange rates with their source and date; a new rate re-prices the affected listings. */
export function registerFxRoutes(app: FastifyInstance, db: Db, accounts: ChannelAccounts, queues: ChannelQueues): void {
  app.get("/api/fx-rates", async () => ({ items: [...(await latestRates(db)).values()] }));

  app.post("/api/fx-rates", async (req, reply) => {
    const input = parse(fxRateInput, req.body ?? {}, "fx rate");
    const rate = await recordRate(db, input);
    const repriced = await repriceCurrency(db, accounts, queues, rate.currency);
    return reply.status(201).send({ rate, repriced: repriced.reduce((n, r) => n + r.enqueued, 0) });
  });
}
